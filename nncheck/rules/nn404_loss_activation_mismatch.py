from __future__ import annotations

import numpy as np

from nncheck.diagnostics import Severity
from nncheck.model import Application, code, Layer, log_terms, mentions_labels, PROBE, sandbox, units_of
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.randn(40, 3)\n"
    "y = (X[:, :1] * X[:, 1:2] > 0).astype(float)\n"
    "W1 = np.random.randn(3, 6) * 0.5\n"
    "W2 = np.random.randn(6, 1) * 0.5\n"
)
_LOOP = (
    "for epoch in range(300):\n"
    "    h = np.tanh(X @ W1)\n"
    "    out = {out}\n"
    "    loss = {loss}\n"
    "    delta = (out - y) / len(X)\n"
    "    W1 -= 0.5 * X.T @ (delta @ W2.T * (1 - h ** 2))\n"
    "    W2 -= 0.5 * h.T @ delta\n"
)
_BCE = "-np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))"
_SIGMOID = "1 / (1 + np.exp(-(h @ W2)))"


class LossActivationMismatch(Rule):
    """
    ## What it does
    Finds a log loss (cross-entropy) computed on an output that can leave (0, 1): an identity
    (no activation), ReLU-family or tanh output, judged by what the activation computes; and
    binary cross-entropy `log(1 - p)` per unit on a softmax output. The fused gradient `p - y`
    is correct for sigmoid + binary cross-entropy, softmax + categorical cross-entropy and
    identity + squared error, and is not reported.

    ## Why is this bad?
    The log of 0 is `-inf` and the log of a negative number is `nan`: a tanh output is negative
    for half its inputs, a ReLU output is 0 for them, and an identity output is anything. The
    loss, and soon the weights, become nan. Binary cross-entropy on a softmax treats coupled
    probabilities as independent ones: the loss and its gradient no longer match the output.

    ## Example
    ```python
    out = np.tanh(h @ W2)
    loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    ```

    ## Use instead
    ```python
    out = 1 / (1 + np.exp(-(h @ W2)))            # sigmoid with binary cross-entropy
    loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    # softmax with -np.sum(Y * np.log(p)); an unbounded output with a squared error
    ```
    """

    code = "NN404"
    name = "loss-activation-mismatch"
    severity = Severity.ERROR
    summary = "log loss on an output that can leave (0, 1), or binary cross-entropy on a softmax"

    VALID = [
        Valid(_DATA + _LOOP.format(out=_SIGMOID, loss=_BCE)),
        # identity output with a squared error, gradient out - y
        Valid(_DATA + _LOOP.format(out="h @ W2", loss="np.mean((out - y) ** 2)")),
        # softmax with categorical cross-entropy, gradient P - T
        Valid(
            "import numpy as np\n"
            "def softmax(v):\n"
            "    v = np.exp(v - v.max(axis=1, keepdims=True))\n"
            "    return v / v.sum(axis=1, keepdims=True)\n"
            "A = np.random.randn(30, 4)\n"
            "T = np.eye(3)[np.random.randint(0, 3, size=30)]\n"
            "K = np.random.randn(4, 3)\n"
            "for _ in range(100):\n"
            "    P = softmax(A @ K)\n"
            "    cost = -np.sum(T * np.log(P + 1e-12)) / len(A)\n"
            "    K -= 0.1 * A.T @ (P - T)\n"
        ),
        # a ReLU output's log of a positive shift is no loss on the output
        Valid(
            "import numpy as np\n"
            "class Regressor:\n"
            "    def __init__(self):\n"
            "        self.m = np.random.randn(2, 1)\n"
            "    def run(self, a, t):\n"
            "        self.out = np.maximum(0, a @ self.m)\n"
            "        err = np.mean((self.out - t) ** 2)\n"
            "        self.m -= 0.01 * a.T @ ((self.out - t) * (self.out > 0))\n"
            "        return np.log(err)\n"
            "Regressor().run(np.random.rand(5, 2), np.random.rand(5, 1))\n"
        ),
    ]
    INVALID = [
        Invalid(
            _DATA + _LOOP.format(out="np.tanh(h @ W2)", loss=_BCE),
            at="loss = ",
            says=("np.log(out)", "tanh", "nan", "sigmoid"),
        ),
        # no activation at all, samples as columns, a function computing the loss
        Invalid(
            "import numpy as np\n"
            "def bce(A, Y):\n"
            "    return -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
            "P = np.random.randn(2, 50)\n"
            "Y = (P[0:1] > 0).astype(float)\n"
            "K = np.random.randn(1, 2) * 0.1\n"
            "for i in range(100):\n"
            "    A = np.dot(K, P)\n"
            "    print(bce(A, Y))\n"
            "    K -= 0.1 * np.dot(A - Y, P.T)\n",
            at="return -np.mean(Y * np.log(A)",
            says=("'A'", "no activation"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self, n_in, n_cls):\n"
            "        self.U = np.random.randn(n_in, n_cls) * 0.1\n"
            "    def probs(self, s):\n"
            "        s = np.exp(s - s.max(axis=1, keepdims=True))\n"
            "        return s / s.sum(axis=1, keepdims=True)\n"
            "    def loss(self, x, onehot):\n"
            "        p = self.probs(x @ self.U)\n"
            "        self.U -= 0.1 * x.T @ (p - onehot)\n"
            "        return -np.mean(onehot * np.log(p) + (1 - onehot) * np.log(1 - p))\n"
            "Net(4, 3).loss(np.random.rand(8, 4), np.eye(3)[np.random.randint(0, 3, size=8)])\n",
            at="return -np.mean(onehot * np.log(p)",
            says=("softmax", "'self.probs'", "3 units", "categorical cross-entropy"),
        ),
        Invalid(
            "import numpy as np\n"
            "leaky = lambda v: np.where(v > 0, v, 0.01 * v)\n"
            "inputs = np.random.rand(20, 2)\n"
            "target = np.random.randint(0, 2, size=(20, 1))\n"
            "w = np.random.randn(2, 1)\n"
            "for _ in range(10):\n"
            "    guess = leaky(inputs.dot(w))\n"
            "    ce = -(target * np.log(guess + 1e-8)).mean()\n"
            "    w -= 0.1 * inputs.T.dot(guess - target)\n",
            at="ce = -(target * np.log(guess + 1e-8))",
            says=("'leaky'", "leaky ReLU"),
        ),
    ]

    def check(self):
        model = self.model
        reported = set()
        for term in log_terms(model):
            if term.statement in reported or term.guard == "clip":
                continue
            source = term.source
            message = None
            if isinstance(source, Layer):
                if term.guard is None:
                    message = self._unbounded(term, "which has no activation (identity: any real number)")
            elif isinstance(source, Application):
                behaviour = source.behaviour
                if behaviour.kind == "softmax":
                    if term.complement and term.guard is None:
                        units = units_of(model, source)
                        if isinstance(units, int) and units > 1 and behaviour.normalised_axis in (0, 1):
                            message = self._softmax_bce(term, source, units)
                elif behaviour.elementwise and behaviour.kind != "sigmoid" and not behaviour.in_unit_interval:
                    low, high = _range(source)
                    bad = (high is not None and high >= 1) if term.complement else (
                        low is not None and (low < -1e-3 if term.guard else low <= 0)
                    )
                    if bad:
                        reaches = "1 or more" if term.complement else ("below 0" if term.guard else "0 or below")
                        message = self._unbounded(
                            term, f"the output of '{source.name}' ({behaviour.description}), which reaches {reaches}"
                        )
            if message is None or not mentions_labels(model, term):
                continue
            reported.add(term.statement)
            yield self.report(term.node, message)

    def _unbounded(self, term, what: str) -> str:
        output = code(term.output)
        shown = code(term.node)
        return (
            f"log loss `{shown}` on '{output}', {what}: the log of a non-positive "
            f"number is nan or -inf; use a sigmoid output with binary cross-entropy (softmax with "
            f"categorical cross-entropy), or keep this output with a squared error"
        )

    def _softmax_bce(self, term, source, units: int) -> str:
        output = code(term.output)
        return (
            f"binary cross-entropy term `np.log(1 - {output})` on '{output}', the output of softmax "
            f"'{source.name}' over {units} units: softmax couples the units, and per-unit binary "
            f"cross-entropy does not match it or its gradient `p - y`; use categorical cross-entropy "
            f"`-np.sum(Y * np.log(p))` with softmax, or sigmoid outputs with binary cross-entropy"
        )


def _range(application: Application) -> tuple[float | None, float | None]:
    """The smallest and largest output of an elementwise activation on moderate inputs."""
    points = PROBE[np.abs(PROBE) <= 6]
    outcome = sandbox.call(application.callable, points.copy())
    if not outcome.ok:
        return None, None
    try:
        values = np.asarray(outcome.value, dtype=float)
    except (TypeError, ValueError):
        return None, None
    if values.shape != points.shape:
        return None, None
    return float(np.nanmin(values)), float(np.nanmax(values))
