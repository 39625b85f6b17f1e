from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import arg_reductions, class_scores_of, code
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


_HELPER = (
    "import numpy as np\n"
    "def forward(params, X):\n"
    "    W, b = params\n"
    "    s = X @ W + b\n"
    "    e = np.exp(s - s.max(axis=1, keepdims=True))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
    "def step(params, X, Y):\n"
    "    W, b = params\n"
    "    d = (forward(params, X) - Y) / len(X)\n"
    "    return W - 0.1 * X.T @ d, b - 0.1 * d.sum(axis=0)\n"
    "X = np.random.randn(50, 2)\n"
    "y = np.random.randint(0, 3, size=50)\n"
    "params = (np.random.randn(2, 3), np.zeros(3))\n"
    "for _ in range(100):\n"
    "    params = step(params, X, np.eye(3)[y])\n"
)

_COLUMNS_SOFTMAX = (
    "import numpy as np\n"
    "def softmax(Z):\n"
    "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
    "    return E / E.sum(axis=0, keepdims=True)\n"
    "def forward(W, X):\n"
    "    return softmax(W @ X)\n"
    "X = np.random.randn(2, 50)\n"
    "Y = np.eye(3)[:, np.random.randint(0, 3, size=50)]\n"
    "W = np.random.randn(3, 2)\n"
    "for _ in range(100):\n"
    "    W -= 0.1 * (forward(W, X) - Y) @ X.T / 50\n"
)


class ArgmaxWrongAxis(Rule):
    """
    ## What it does
    Finds `argmax` (or a `max` compared with `==`) over a network's class scores taken along
    the sample axis: `axis=0` when samples are rows (`X @ W`), `axis=1` when they are columns
    (`W @ X`). The layout comes from the layers, and the output must be a batch of more than
    one sample with more than one class. Where the layers cannot tell (the output comes back
    from the file's own functions or methods, through layer objects), a softmax can: the axis it
    normalises is the class axis, and the samples run along the other one.

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
        # a helper's softmax over axis 1, read back through a call: the classes are axis 1
        Valid(_HELPER + "print(np.mean(np.argmax(forward(params, X), axis=1) == y))\n"),
        # a softmax over axis 0 (samples as columns), read back through a call: axis 0 is right
        Valid(_COLUMNS_SOFTMAX + "def predict(W, X):\n    return np.argmax(forward(W, X), axis=0)\n"),
        # a softmax over a single sample: a vector has one axis, and it is the class axis
        Valid(
            "import numpy as np\n"
            "def softmax(z):\n"
            "    e = np.exp(z - z.max())\n"
            "    return e / e.sum(axis=0)\n"
            "W = np.random.randn(4, 3)\n"
            "for x in np.random.randn(20, 4):\n"
            "    print(np.argmax(softmax(x @ W), axis=0))\n"
        ),
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
        # the output comes back from the file's own function: its softmax says axis 1 is classes
        Invalid(
            _HELPER + "print(np.mean(np.argmax(forward(params, X), axis=0) == y))\n",
            at="np.argmax(forward(params, X), axis=0)",
            says=("axis 0", "the sample axis", "axis=1"),
            fixed=_HELPER + "print(np.mean(np.argmax(forward(params, X), axis=1) == y))\n",
        ),
        # samples as columns: a helper's softmax normalises axis 0, so axis 1 runs over the samples
        Invalid(
            _COLUMNS_SOFTMAX + "def predict(W, X):\n    return np.argmax(forward(W, X), axis=1)\n",
            at="np.argmax(forward(W, X), axis=1)",
            says=("axis 1", "columns", "axis=0"),
            fixed=_COLUMNS_SOFTMAX + "def predict(W, X):\n    return np.argmax(forward(W, X), axis=0)\n",
        ),
    ]

    def check(self):
        model = self.model
        for reduction in arg_reductions(model):
            if reduction.axis is None:
                continue
            scores = class_scores_of(model, reduction.source, reduction.array, reduction.scope)
            if scores is None:
                continue
            axis = reduction.axis + 2 if reduction.axis < 0 else reduction.axis
            if axis != scores.sample_axis:
                continue
            if reduction.function == "max" and not _compared(model, reduction.node):
                continue
            fix = None
            if isinstance(reduction.axis_node, cst.Integer):
                fix = self.replace(reduction.axis_node, str(scores.class_axis), f"Take the {reduction.function} over axis {scores.class_axis}")
            yield self.report(
                reduction.node,
                f"`{code(reduction.node)}` takes the {reduction.function} of '{code(reduction.array)}' along axis "
                f"{reduction.axis}, the sample axis ({_counts(scores)}): it picks a sample per class, not a class "
                f"per sample; use axis={scores.class_axis}",
                fix=fix,
            )


def _counts(scores) -> str:
    where = f"samples are its {scores.layout}"
    if scores.samples is not None:
        where += f", {scores.samples} of them"
    if scores.classes is not None:
        return f"{where}; {scores.classes} classes"
    return f"{where}; the softmax normalises its classes along axis {scores.class_axis}"


def _compared(model, node) -> bool:
    """`p == np.max(p, axis=...)`: the max is used to pick the predicted class."""
    parent = model.parent(node)
    if isinstance(parent, cst.ComparisonTarget):
        return isinstance(parent.operator, cst.Equal)
    if isinstance(parent, cst.Comparison):
        return any(isinstance(target.operator, cst.Equal) for target in parent.comparisons)
    return False
