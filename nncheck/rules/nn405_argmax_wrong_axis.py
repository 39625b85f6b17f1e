from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import arg_reductions, batch_of, code, units_of
from nncheck.rules.base import Invalid, Rule, Valid

_ROWS = (
    "import numpy as np\n"
    "def softmax(z):\n"
    "    z = np.exp(z - z.max(axis=1, keepdims=True))\n"
    "    return z / z.sum(axis=1, keepdims=True)\n"
    "X = np.random.randn(60, 4)\n"
    "labels = np.random.randint(0, 3, size=60)\n"
    "Y = np.eye(3)[labels]\n"
    "W = np.random.randn(4, 3) * 0.1\n"
    "for step in range(100):\n"
    "    probs = softmax(X @ W)\n"
    "    W -= 0.1 * X.T @ (probs - Y) / 60\n"
)


class ArgmaxWrongAxis(Rule):
    """
    ## What it does
    Finds `argmax` (or a `max` compared with `==`) over a network's class scores taken along
    the sample axis: `axis=0` when samples are rows (`X @ W`), `axis=1` when they are columns
    (`W @ X`). The layout comes from the layers, and the output must be a batch of more than
    one sample with more than one class.

    ## Why is this bad?
    Along the sample axis, `argmax` answers "which sample scores highest for each class", not
    "which class does each sample get". The result has one entry per class instead of one per
    sample, and an accuracy computed from it is meaningless (or broadcasts silently).

    ## Example
    ```python
    probs = softmax(X @ W)               # (n_samples, n_classes)
    predicted = np.argmax(probs, axis=0)
    ```

    ## Use instead
    ```python
    predicted = np.argmax(probs, axis=1)  # axis=0 when samples are columns (W @ X)
    ```
    """

    code = "NN405"
    name = "argmax-wrong-axis"
    severity = Severity.ERROR
    summary = "argmax/max over the class scores taken along the sample axis"
    fix_availability = "sometimes"

    VALID = [
        Valid(_ROWS + "print(np.mean(np.argmax(probs, axis=1) == labels))\n"),
        # samples as columns: classes are axis 0
        Valid(
            "import numpy as np\n"
            "A = np.random.randn(3, 40)\n"
            "T = np.eye(2)[:, np.random.randint(0, 2, size=40)]\n"
            "K = np.random.randn(2, 3)\n"
            "for _ in range(50):\n"
            "    S = np.dot(K, A)\n"
            "    K -= 0.01 * np.dot(S - T, A.T)\n"
            "guess = S.argmax(axis=0)\n"
            "print((guess == T.argmax(axis=0)).mean())\n"
        ),
        # one sample at a time: a 1-D vector has only one axis
        Valid(
            "import numpy as np\n"
            "X = np.random.randn(20, 4)\n"
            "T = np.eye(3)[np.random.randint(0, 3, size=20)]\n"
            "W = np.random.randn(4, 3)\n"
            "for x, t in zip(X, T):\n"
            "    scores = x @ W\n"
            "    W -= 0.1 * np.outer(x, scores - t)\n"
            "    print(np.argmax(scores, axis=0))\n"
        ),
        # the highest score of each class over the batch, printed: a max not used as a prediction
        Valid(_ROWS + "print('best per class', np.max(probs, axis=0))\n"),
    ]
    INVALID = [
        Invalid(
            _ROWS + "predicted = np.argmax(probs, axis=0)\nprint(np.mean(predicted == labels))\n",
            at="predicted = np.argmax(probs, axis=0)",
            says=("'probs'", "axis 0", "axis=1"),
            fixed=_ROWS + "predicted = np.argmax(probs, axis=1)\nprint(np.mean(predicted == labels))\n",
        ),
        # samples as columns, method form along axis 1
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self, inputs, targets):\n"
            "        self.inputs, self.targets = inputs, targets\n"
            "        self.M = np.random.randn(4, 5) * 0.1\n"
            "    def train(self):\n"
            "        for _ in range(20):\n"
            "            self.out = np.tanh(self.M @ self.inputs)\n"
            "            self.M -= 0.1 * ((self.out - self.targets) * (1 - self.out ** 2)) @ self.inputs.T\n"
            "    def predict(self):\n"
            "        return self.out.argmax(1)\n"
            "net = Net(np.random.randn(5, 30), np.eye(4)[:, np.random.randint(0, 4, size=30)])\n"
            "net.train()\n"
            "print(net.predict())\n",
            at="return self.out.argmax(1)",
            says=("'self.out'", "columns", "axis=0"),
            fixed=None,
        ),
        # a one-hot prediction built from the max over the wrong axis
        Invalid(
            _ROWS + "hits = probs == np.max(probs, axis=0, keepdims=True)\nprint(np.mean(np.all(hits == Y, axis=1)))\n",
            at="hits = probs == np.max(probs, axis=0, keepdims=True)",
            says=("max", "'probs'"),
        ),
    ]

    def check(self):
        model = self.model
        for reduction in arg_reductions(model):
            if reduction.axis is None:
                continue
            batch = batch_of(model, reduction.source)
            if batch is None:
                continue
            units = units_of(model, reduction.source)
            if not isinstance(units, int) or units < 2:
                continue
            axis = reduction.axis + 2 if reduction.axis < 0 else reduction.axis
            if axis != batch.sample_axis:
                continue
            if reduction.function == "max" and not _compared(model, reduction.node):
                continue
            array = code(reduction.array)
            where = "rows" if batch.layout == "rows" else "columns"
            fix = None
            if reduction.axis_node is not None and isinstance(reduction.axis_node, cst.Integer):
                fix = self.replace(reduction.axis_node, str(batch.feature_axis), f"Take the {reduction.function} over axis {batch.feature_axis}")
            yield self.report(
                reduction.node,
                f"`{code(reduction.node)}` takes the {reduction.function} of '{array}' along axis "
                f"{reduction.axis}, the sample axis (samples are its {where}, {batch.samples} of them; "
                f"{units} classes): it picks a sample per class, not a class per sample; use "
                f"axis={batch.feature_axis}",
                fix=fix,
            )


def _compared(model, node) -> bool:
    """`p == np.max(p, axis=...)`: the max is used to pick the predicted class."""
    parent = model.parent(node)
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, cst.Equal)
    if isinstance(parent, cst.Comparison):
        return any(isinstance(target.operator, cst.Equal) for target in parent.comparisons)
    return False
