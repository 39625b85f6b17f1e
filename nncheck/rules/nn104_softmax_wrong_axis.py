from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Edit, Fix, Severity
from nncheck.model import (
    Batch,
    batch_of,
    classify,
    code,
    FunctionInfo,
    layer_under,
    numpy_alias,
    numpy_attribute,
    positional_args,
    rewrite,
    rewritten_callable,
    walk,
)
from nncheck.rules.base import Invalid, Rule, Valid

_ROWS = (
    "import numpy as np\n"
    "X = np.random.randn(60, 4)\n"
    "Y = np.eye(3)[np.random.randint(0, 3, size=60)]\n"
    "W = np.random.randn(4, 3) * 0.1\n"
)
_ROWS_TRAIN = (
    "for step in range(200):\n"
    "    probs = softmax(X @ W)\n"
    "    W -= 0.1 * X.T @ (probs - Y) / len(X)\n"
)
_NO_AXIS = (
    "def softmax(z):\n"
    "    e = np.exp(z - np.max(z))\n"
    "    return e / e.sum()\n"
)
_NO_AXIS_FIXED = (
    "def softmax(z):\n"
    "    e = np.exp(z - np.max(z))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
)


class SoftmaxWrongAxis(Rule):
    """
    ## What it does
    Finds a softmax that normalises over the batch instead of over each sample's classes: a sum
    with no axis, the builtin `sum`, or a sum over the sample axis, applied to a 2-D batch. The
    sample axis comes from the layers: rows for `X @ W`, columns for `W @ X`. The softmax is
    recognised by what it computes (entries that sum to 1), whatever its name. A softmax of a
    single sample (a 1-D vector), or over the class axis, is correct and not reported.

    ## Why is this bad?
    Each sample's class probabilities must sum to 1 on their own. Summing over the whole batch
    (or over the samples) divides every score by a total that mixes all the samples: the
    "probabilities" of one sample shrink as the batch grows, do not sum to 1, and depend on the
    other samples. The gradient `probs - Y` is then wrong and the network learns poorly.

    ## Example
    ```python
    def softmax(z):
        e = np.exp(z - np.max(z))
        return e / e.sum()            # sums over the whole (n_samples, n_classes) batch

    probs = softmax(X @ W)
    ```

    ## Use instead
    ```python
    def softmax(z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)   # axis=0 when samples are columns (W @ X)
    ```
    """

    code = "NN104"
    name = "softmax-wrong-axis"
    severity = Severity.ERROR
    summary = "softmax normalised over the batch (no axis, or the sample axis) instead of per sample"
    fix_availability = "sometimes"

    VALID = [
        Valid(
            _ROWS
            + "def softmax(z):\n"
            "    e = np.exp(z - z.max(axis=1, keepdims=True))\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
            + _ROWS_TRAIN
        ),
        # samples as columns: the class axis is 0
        Valid(
            "import numpy as np\n"
            "def normalise(scores):\n"
            "    shifted = np.exp(scores - np.max(scores, axis=0, keepdims=True))\n"
            "    return shifted / np.sum(shifted, axis=0, keepdims=True)\n"
            "A0 = np.random.rand(5, 40)\n"
            "T = np.eye(3)[:, np.random.randint(0, 3, size=40)]\n"
            "K = np.random.randn(3, 5) * 0.01\n"
            "for it in range(100):\n"
            "    A1 = normalise(np.dot(K, A0))\n"
            "    K -= 0.5 * np.dot(A1 - T, A0.T) / 40\n"
        ),
        # one sample at a time: a 1-D vector, where a sum with no axis is right
        Valid(
            _ROWS + _NO_AXIS
            + "for epoch in range(20):\n"
            "    for x_i, y_i in zip(X, Y):\n"
            "        p = softmax(x_i @ W)\n"
            "        W -= 0.1 * np.outer(x_i, p - y_i)\n"
        ),
        Valid(
            "import numpy as np\n"
            "class Classifier:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.theta = np.random.randn(n_in, n_out) * 0.1\n"
            "    def probabilities(self, logits):\n"
            "        logits = logits - logits.max(axis=-1, keepdims=True)\n"
            "        return np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)\n"
            "    def fit(self, data, onehot):\n"
            "        for _ in range(50):\n"
            "            out = self.probabilities(data @ self.theta)\n"
            "            self.theta -= 0.1 * data.T @ (out - onehot)\n"
            "features = np.random.rand(30, 2)\n"
            "Classifier(2, 4).fit(features, np.eye(4)[np.random.randint(0, 4, size=30)])\n"
        ),
    ]
    INVALID = [
        Invalid(
            _ROWS + _NO_AXIS + _ROWS_TRAIN,
            at="probs = softmax(X @ W)",
            says=("'softmax'", "no axis", "axis=1, keepdims=True"),
            fixed=_ROWS + _NO_AXIS_FIXED + _ROWS_TRAIN,
        ),
        # samples as columns, but the softmax sums over axis 1: the samples
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self, data, targets):\n"
            "        self.data, self.targets = data, targets\n"
            "        self.kernel = np.random.randn(3, 6) * 0.1\n"
            "    def squash(self, s):\n"
            "        ex = np.exp(s - np.max(s, axis=0, keepdims=True))\n"
            "        return ex / np.sum(ex, axis=1, keepdims=True)\n"
            "    def train(self):\n"
            "        for _ in range(100):\n"
            "            self.out = self.squash(self.kernel @ self.data)\n"
            "            self.kernel -= 0.1 * (self.out - self.targets) @ self.data.T\n"
            "net = Net(np.random.rand(6, 25), np.eye(3)[:, np.random.randint(0, 3, size=25)])\n"
            "net.train()\n",
            at="self.out = self.squash(",
            says=("'self.squash'", "axis 1", "samples are its columns", "axis=0, keepdims=True"),
            fixed="import numpy as np\n"
            "class Net:\n"
            "    def __init__(self, data, targets):\n"
            "        self.data, self.targets = data, targets\n"
            "        self.kernel = np.random.randn(3, 6) * 0.1\n"
            "    def squash(self, s):\n"
            "        ex = np.exp(s - np.max(s, axis=0, keepdims=True))\n"
            "        return ex / np.sum(ex, axis=0, keepdims=True)\n"
            "    def train(self):\n"
            "        for _ in range(100):\n"
            "            self.out = self.squash(self.kernel @ self.data)\n"
            "            self.kernel -= 0.1 * (self.out - self.targets) @ self.data.T\n"
            "net = Net(np.random.rand(6, 25), np.eye(3)[:, np.random.randint(0, 3, size=25)])\n"
            "net.train()\n",
        ),
        # inline, rows layout, summed over axis 0 (the samples)
        Invalid(
            _ROWS
            + "for step in range(200):\n"
            "    scores = X.dot(W)\n"
            "    probs = np.exp(scores) / np.sum(np.exp(scores), axis=0, keepdims=True)\n"
            "    W -= 0.1 * X.T.dot(probs - Y)\n",
            at="probs = np.exp(scores)",
            says=("axis 0", "samples are its rows"),
            fixed=_ROWS
            + "for step in range(200):\n"
            "    scores = X.dot(W)\n"
            "    probs = np.exp(scores) / np.sum(np.exp(scores), axis=1, keepdims=True)\n"
            "    W -= 0.1 * X.T.dot(probs - Y)\n",
        ),
        # the builtin sum adds up the rows: over the samples
        Invalid(
            _ROWS
            + "norm = lambda v: np.exp(v) / sum(np.exp(v))\n"
            "for step in range(200):\n"
            "    out = norm(np.dot(X, W))\n"
            "    W -= 0.1 * np.dot(X.T, out - Y)\n",
            at="out = norm(np.dot(X, W))",
            says=("'norm'", "axis 0"),
        ),
    ]

    def check(self):
        model = self.model
        fixed_functions: set = set()
        for application in sorted(model.applications, key=lambda a: model.span(a.node)[0]):
            behaviour = application.behaviour
            if behaviour.kind != "softmax" or behaviour.normalised_axis not in (0, 1, "all"):
                continue
            batch = batch_of(model, application)
            if batch is None or behaviour.normalised_axis == batch.feature_axis:
                continue
            layer = layer_under(model, application)
            if behaviour.normalised_axis == "all":
                over = "all entries of the batch (a sum with no axis)"
            else:
                over = f"axis {behaviour.normalised_axis}, the sample axis"
            where = "rows" if batch.layout == "rows" else "columns"
            fix = None
            function = application.function
            if function is None:
                fix = self._fix(application, application.node, batch)
            elif function not in fixed_functions:
                fixed_functions.add(function)
                if self._same_batches(function, batch):
                    fix = self._fix(application, function.node, batch)
            yield self.report(
                application.node,
                f"softmax '{application.name}' normalises '{code(application.argument)}' over {over}, "
                f"but the samples are its {where} (`{code(layer.product)}`, {batch.samples} samples): "
                f"each sample's probabilities are divided by a total over other samples and do not "
                f"sum to 1; sum over axis={batch.feature_axis}, keepdims=True",
                fix=fix,
            )

    def _same_batches(self, function: FunctionInfo, batch: Batch) -> bool:
        """Every call of the function is applied to a batch in the same layout, so editing its
        body cannot break another call site."""
        for other in self.model.applications:
            if other.function is function:
                other_batch = batch_of(self.model, other)
                if other_batch is None or other_batch.layout != batch.layout:
                    return False
        return True

    def _fix(self, application, container: cst.CSTNode, batch: Batch) -> Fix | None:
        axis = batch.feature_axis
        replacements = {}
        alias = numpy_alias(container)
        for node in walk(container):
            if not isinstance(node, cst.Call):
                continue
            new = _per_sample_sum(node, axis, alias)
            if new is _NOT_A_SUM:
                continue
            if new is None:
                return None  # a sum we cannot rewrite: leave the whole fix out
            replacements[node] = new
        if not replacements:
            return None
        if not self._verified(application, container, replacements, axis):
            return None
        edits = []
        for node, text in replacements.items():
            start, end = self.model.span(node)
            edits.append(Edit(start, end, text))
        edits.sort(key=lambda edit: edit.start)
        return Fix(title=f"Sum over axis={axis} with keepdims=True in the softmax", edits=tuple(edits))

    def _verified(self, application, container, replacements, axis) -> bool:
        """The corrected softmax, compiled and probed, normalises over the class axis."""
        model = self.model
        new = rewrite(container, replacements)
        if application.function is None:
            abstraction = model.abstract(new, application.scope)
            function = abstraction[0] if abstraction is not None else None
        else:
            function = rewritten_callable(model, application, new)
        if function is None:
            return False
        behaviour = classify(function)
        return behaviour is not None and behaviour.kind == "softmax" and behaviour.normalised_axis == axis


_NOT_A_SUM = object()


def _per_sample_sum(call: cst.Call, axis: int, alias: str | None):
    """The per-sample version of a sum call, _NOT_A_SUM for other calls, None when unsure."""
    name = numpy_attribute(call.func)
    args = positional_args(call)
    extra = [arg for arg in call.args if arg.keyword is None or arg.keyword.value not in ("axis", "keepdims")]
    if name == "sum":
        if len(args) != 1 or len(extra) != 1:
            return None
        return f"{code(call.func)}({code(args[0])}, axis={axis}, keepdims=True)"
    if name is None and isinstance(call.func, cst.Attribute) and call.func.attr.value == "sum":
        if args or extra:
            return None
        return f"{code(call.func)}(axis={axis}, keepdims=True)"
    if isinstance(call.func, cst.Name) and call.func.value == "sum":
        if len(args) != 1 or len(call.args) != 1 or alias is None:
            return None
        return f"{alias}.sum({code(args[0])}, axis={axis}, keepdims=True)"
    return _NOT_A_SUM
