from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import Application, batch_of, code, comparisons, numpy_attribute
from nncheck.rules.base import Invalid, Rule, Valid

_NET = (
    "import numpy as np\n"
    "X = np.random.randn(50, 2)\n"
    "y = (X[:, :1] + X[:, 1:] > 0).astype(float)\n"
    "W = np.random.randn(2, 1)\n"
    "for epoch in range(200):\n"
    "    out = 1 / (1 + np.exp(-(X @ W)))\n"
    "    W -= 0.1 * X.T @ (out - y)\n"
)
_REDUCTIONS = {"mean", "sum", "average", "count_nonzero", "nanmean", "nansum"}


class AccuracyWithoutThreshold(Rule):
    """
    ## What it does
    Finds an accuracy computed by comparing the network's continuous output with the labels
    using `==` (or `np.equal`), with no threshold or `argmax` first. The output is whatever an
    activation or a layer produced; the comparison counts when it is averaged or summed.

    ## Why is this bad?
    A sigmoid or softmax output is a probability such as 0.93: it is never exactly equal to
    the label 1. The accuracy stays at (or near) 0 however well the network learns, and hides
    whether it learns at all.

    ## Example
    ```python
    out = sigmoid(X @ W)
    accuracy = np.mean(out == y)
    ```

    ## Use instead
    ```python
    accuracy = np.mean((out > 0.5) == y)                       # one sigmoid unit
    accuracy = np.mean(np.argmax(P, axis=1) == labels)         # softmax over classes
    ```
    """

    code = "NN403"
    name = "accuracy-without-threshold"
    severity = Severity.WARNING
    summary = "accuracy compares continuous outputs with labels using =="
    fix_availability = "sometimes"

    VALID = [
        Valid(_NET + "print('accuracy', np.mean((out > 0.5) == y))\n"),
        Valid(_NET + "pred = np.round(out)\nprint('accuracy', (pred == y).mean())\n"),
        # argmax first, samples as columns
        Valid(
            "import numpy as np\n"
            "def softmax(S):\n"
            "    S = np.exp(S - S.max(axis=0, keepdims=True))\n"
            "    return S / S.sum(axis=0, keepdims=True)\n"
            "A = np.random.randn(3, 40)\n"
            "labels = np.random.randint(0, 4, size=40)\n"
            "T = np.eye(4)[:, labels]\n"
            "K = np.random.randn(4, 3)\n"
            "for _ in range(100):\n"
            "    Q = softmax(K @ A)\n"
            "    K -= 0.1 * (Q - T) @ A.T\n"
            "print(np.mean(np.argmax(Q, axis=0) == labels))\n"
        ),
        # counting dead ReLU units compares with a number, not with labels
        Valid(_NET + "h = np.maximum(0, X @ W)\nprint('dead', np.mean(h == 0))\n"),
    ]
    INVALID = [
        Invalid(
            _NET + "print('accuracy', np.mean(out == y))\n",
            at="print('accuracy', np.mean(out == y))",
            says=("'out'", "'y'", "(out > 0.5) == y"),
            fixed=_NET + "print('accuracy', np.mean((out > 0.5) == y))\n",
        ),
        Invalid(
            "import numpy as np\n"
            "class Perceptron:\n"
            "    def __init__(self, data, target):\n"
            "        self.data, self.target = data, target\n"
            "        self.w = np.random.randn(3, 1)\n"
            "    def fit(self):\n"
            "        for _ in range(100):\n"
            "            self.prob = 1 / (1 + np.exp(-self.data.dot(self.w)))\n"
            "            self.w += 0.1 * self.data.T.dot(self.target - self.prob)\n"
            "    def score(self):\n"
            "        return (self.prob == self.target).sum() / len(self.target)\n"
            "p = Perceptron(np.random.rand(12, 3), np.array([[0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0]]).T)\n"
            "p.fit()\n"
            "print(p.score())\n",
            at="return (self.prob == self.target)",
            says=("'self.prob'", "'self.target'", "0.5"),
        ),
        # a softmax over classes as rows: argmax first
        Invalid(
            "import numpy as np\n"
            "def probabilities(z):\n"
            "    z = np.exp(z - z.max(axis=1, keepdims=True))\n"
            "    return z / z.sum(axis=1, keepdims=True)\n"
            "inputs = np.random.randn(30, 5)\n"
            "onehot = np.eye(3)[np.random.randint(0, 3, size=30)]\n"
            "theta = np.random.randn(5, 3)\n"
            "for _ in range(100):\n"
            "    probs = probabilities(inputs @ theta)\n"
            "    theta -= 0.1 * inputs.T @ (probs - onehot)\n"
            "acc = np.equal(probs, onehot).all(axis=1).mean()\n",
            at="acc = np.equal(probs, onehot)",
            says=("'probs'", "softmax", "np.argmax(probs, axis=1)"),
        ),
    ]

    def check(self):
        model = self.model
        for comparison in comparisons(model):
            source = comparison.source
            if not _counted(model, comparison.node):
                continue
            output, labels = code(comparison.output), code(comparison.labels)
            if isinstance(source, Application):
                kind = source.behaviour.kind
                what = f"the {source.behaviour.description} output '{output}' of '{source.name}'"
            else:
                kind = "identity"
                what = f"the output '{output}' (no activation)"
            fix = None
            if kind == "softmax":
                batch = batch_of(model, source)
                axis = batch.feature_axis if batch is not None else "<class axis>"
                instead = f"compare `np.argmax({output}, axis={axis})` with the class labels"
            else:
                threshold = 0.0 if kind == "tanh" else 0.5
                instead = f"threshold first, `({output} > {threshold:g}) == {labels}`"
                values = model.value_set(comparison.labels, comparison.scope)
                if kind == "sigmoid" and values is not None and values <= {0.0, 1.0}:
                    fix = self.replace(comparison.output, f"({output} > 0.5)", f"Threshold '{output}' at 0.5")
            yield self.report(
                comparison.node,
                f"accuracy compares {what} with labels '{labels}' using `==`: a continuous output "
                f"such as 0.97 never equals a label, so the accuracy stays near 0; {instead}",
                fix=fix,
            )


def _counted(model, node) -> bool:
    """The comparison is averaged, summed or counted (directly, or after .all()/.any())."""
    current = node
    for _ in range(6):
        parent = model.parent(current)
        if parent is None:
            return False
        if isinstance(parent, cst.Arg):
            current = parent
            continue
        if isinstance(parent, cst.Call):
            name = numpy_attribute(parent.func)
            if name in _REDUCTIONS:
                return True
            if isinstance(parent.func, cst.Name) and parent.func.value in ("sum", "float"):
                if parent.func.value == "sum":
                    return True
                current = parent
                continue
            if name == "astype" or (isinstance(parent.func, cst.Attribute) and parent.func.attr.value in ("astype",)):
                current = parent
                continue
            return False
        if isinstance(parent, cst.Attribute) and parent.value is current:
            method = parent.attr.value
            call = model.parent(parent)
            if not isinstance(call, cst.Call):
                return False
            if method in ("mean", "sum"):
                return True
            if method in ("all", "any", "astype"):
                current = call
                continue
            return False
        if isinstance(parent, (cst.BinaryOperation, cst.Comparison)):
            return False
        return False
    return False
