from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Severity
from nncheck.model import bare, code, training_of
from nncheck.rules.base import Invalid, Rule, Valid

_TRASK = (
    "import numpy as np\n"
    "def nonlin(x, deriv=False):\n"
    "    if deriv:\n"
    "        return x * (1 - x)\n"
    "    return 1 / (1 + np.exp(-x))\n"
    "X = np.random.rand(30, 3)\n"
    "y = (X[:, :1] > 0.5).astype(float)\n"
    "syn0 = 2 * np.random.random((3, 4)) - 1\n"
    "syn1 = 2 * np.random.random((4, 1)) - 1\n"
    "for j in range(2000):\n"
    "    l1 = nonlin(np.dot(X, syn0))\n"
    "    l2 = nonlin(np.dot(l1, syn1))\n"
    "    loss = -np.mean(y * np.log(l2 + 1e-9) + (1 - y) * np.log(1 - l2 + 1e-9))\n"
)
_TAIL = (
    "    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)\n"
    "    syn1 -= 0.5 * l1.T.dot(l2_delta)\n"
    "    syn0 -= 0.5 * X.T.dot(l1_delta)\n"
)
# the log loss read through a clipped copy of the output
_CLIPPED = (
    "import numpy as np\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "X = np.random.rand(30, 2)\n"
    "y = (X[:, :1] > 0.5).astype(float)\n"
    "W = np.random.randn(2, 1)\n"
    "for i in range(1000):\n"
    "    p = sigmoid(X @ W)\n"
    "    pc = np.clip(p, 1e-7, 1 - 1e-7)\n"
    "    loss = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))\n"
    "    delta = {delta}\n"
    "    W -= 0.5 * X.T @ delta\n"
)
_SOFTMAX = (
    "import numpy as np\n"
    "X = np.random.rand(60, 4)\n"
    "Y = np.eye(3)[np.random.randint(0, 3, 60)]\n"
    "W = np.random.randn(4, 3) * 0.01\n"
    "for it in range(500):\n"
    "    scores = X @ W\n"
    "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
    "    probs = e / e.sum(axis=1, keepdims=True)\n"
    "    loss = -np.mean(np.sum(Y * np.log(probs + 1e-12), axis=1))\n"
)


class FusedGradientTimesDerivative(Rule):
    """
    ## What it does
    Finds an output delta that multiplies the fused cross-entropy gradient `p - y` by the
    output activation's derivative again, `(p - y) * p * (1 - p)`, when the loss the script
    computes for that output is log loss (binary or categorical cross-entropy) and the output
    is a sigmoid or a softmax. With a squared-error loss the same product is the right
    gradient: nncheck stays silent there.

    ## Why is this bad?
    For a sigmoid or softmax output trained with cross-entropy, the derivative of the loss with
    respect to the *pre-activation* is exactly `p - y`: the activation's derivative has already
    cancelled against the loss's `1 / (p (1 - p))`. Multiplying by `p * (1 - p)` once more
    computes the gradient of no loss at all. It vanishes where the outputs saturate — exactly
    where a confident wrong answer most needs correcting — so training stalls or crawls.

    ## Example
    ```python
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    delta = (p - y) * p * (1 - p)
    ```

    ## Use instead
    ```python
    delta = p - y
    ```

    The fix (unsafe: it changes the training) drops the derivative factors.
    """

    code = "NN212"
    name = "fused-gradient-times-derivative"
    severity = Severity.WARNING
    summary = "the fused cross-entropy gradient p - y is multiplied by the activation derivative again"
    fix_availability = "sometimes"

    VALID = [
        Valid(_TRASK + "    l2_delta = l2 - y\n" + _TAIL),
        # squared error: the derivative factor belongs there
        Valid(
            "import numpy as np\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "X = np.random.rand(30, 2)\n"
            "y = (X[:, :1] > 0.5).astype(float)\n"
            "W = np.random.randn(2, 1)\n"
            "for i in range(1000):\n"
            "    p = sigmoid(X @ W)\n"
            "    loss = np.sum((p - y) ** 2)\n"
            "    delta = (p - y) * p * (1 - p)\n"
            "    W -= 0.5 * X.T @ delta\n"
        ),
        # log loss written the long way: dL/dp times the derivative is right
        Valid(
            _TRASK
            + "    dl2 = -(y / l2 - (1 - y) / (1 - l2))\n"
            "    l2_delta = dl2 * nonlin(l2, deriv=True)\n" + _TAIL
        ),
        Valid(_SOFTMAX + "    dscores = (probs - Y) / 60\n    W -= 0.5 * X.T @ dscores\n"),
        Valid(_CLIPPED.format(delta="(p - y) / 30")),
    ]
    INVALID = [
        Invalid(
            _TRASK + "    l2_delta = (l2 - y) * nonlin(l2, deriv=True)\n" + _TAIL,
            at="l2_delta = (l2 - y) * nonlin(l2, deriv=True)",
            says=("`l2 - y`", "`nonlin(l2, deriv=True)`", "line 13"),
            fixed=_TRASK + "    l2_delta = (l2 - y)\n" + _TAIL,
        ),
        # the error stored first, the derivative written out
        Invalid(
            _TRASK + "    l2_error = l2 - y\n    l2_delta = l2_error * l2 * (1 - l2)\n" + _TAIL,
            at="l2_delta = l2_error * l2 * (1 - l2)",
            says=("`l2_error`", "sigmoid"),
            fixed=_TRASK + "    l2_error = l2 - y\n    l2_delta = l2_error\n" + _TAIL,
        ),
        Invalid(
            _CLIPPED.format(delta="(p - y) * p * (1 - p) / 30"),
            at="delta = (p - y) * p * (1 - p) / 30",
            says=("`p - y`", "line 10", "`p * (1 - p)`"),
        ),
        # softmax with categorical cross-entropy
        Invalid(
            _SOFTMAX + "    dscores = (probs - Y) * probs * (1 - probs) / 60\n    W -= 0.5 * X.T @ dscores\n",
            at="dscores = (probs - Y) * probs * (1 - probs) / 60",
            says=("softmax", "`probs - Y`"),
        ),
    ]

    def check(self):
        model = self.model
        for fused in training_of(model).fused_derivatives:
            use = fused.use
            kind = use.forward.behaviour.kind
            derivative = " * ".join(code(f) for f in fused.derivative)
            error = code(bare(fused.error))
            statement = training_of(model).statement_of(fused.product) or fused.product
            yield self.report(
                statement,
                f"`{error}` is already the gradient of the log loss (line {model.line(fused.log.node)}) "
                f"at the {kind} output's pre-activation, and `{derivative}` multiplies it by the "
                f"{kind}'s derivative again: the gradient vanishes as the outputs saturate; "
                f"drop the derivative factor",
                fix=self._fix(fused),
            )

    def _fix(self, fused):
        allowed = _names(fused.use.node) | {"np", "numpy"}
        if not all(_names(f) <= allowed for f in fused.derivative):
            return None
        return self.replace(
            fused.product, code(fused.error), "Drop the derivative factor", Applicability.UNSAFE
        )


def _names(node) -> set[str]:
    found = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            found.add(current.value)
        stack.extend(current.children)
    return found
