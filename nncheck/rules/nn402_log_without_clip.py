from __future__ import annotations

import libcst as cst
import numpy as np

from nncheck.diagnostics import Severity
from nncheck.model import Application, code, log_terms, mentions_labels, sandbox
from nncheck.rules.base import Invalid, Rule, Valid

_NET = (
    "import numpy as np\n"
    "X = np.random.randn(30, 2)\n"
    "y = (X[:, :1] > 0).astype(float)\n"
    "w = np.random.randn(2, 1)\n"
    "for epoch in range(100):\n"
    "    p = 1 / (1 + np.exp(-(X @ w)))\n"
    "    loss = {loss}\n"
    "    w -= 0.1 * X.T @ (p - y)\n"
    "    print(loss)\n"
)
_BCE = "-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"


class LogWithoutClip(Rule):
    """
    ## What it does
    Finds `np.log` of a sigmoid or softmax output (in a loss, next to the labels) with no clip
    and no epsilon, when the activation can return exactly 0 or 1 in floating point. The
    activation is judged by what it returns on large inputs, not by its name. Off by default:
    select it with `--select NN402`.

    ## Why is this bad?
    A confident sigmoid rounds to exactly `1.0` (for inputs above ~37) or `0.0`, and a softmax
    gives exact zeros for classes far below the best. `np.log(0)` is `-inf`, `0 * -inf` is
    `nan`, and the printed loss turns into `nan` or `inf` even though training goes on.

    ## Example
    ```python
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    ```

    ## Use instead
    ```python
    q = np.clip(p, 1e-12, 1 - 1e-12)
    loss = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
    ```
    """

    code = "NN402"
    name = "log-without-clip"
    severity = Severity.INFO
    summary = "np.log of a sigmoid/softmax output with no clip or epsilon"
    default = False
    fix_availability = "always"

    VALID = [
        Valid(_NET.format(loss="-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))")),
        Valid(
            _NET.format(
                loss="-np.mean(y * np.log(np.clip(p, 1e-7, 1 - 1e-7)) + (1 - y) * np.log(np.clip(1 - p, 1e-7, 1)))"
            )
        ),
        # the clipped copy is what the loss reads
        Valid(
            "import numpy as np\n"
            "EPS = 1e-10\n"
            "def softmax(s):\n"
            "    s = np.exp(s - s.max(axis=1, keepdims=True))\n"
            "    return s / s.sum(axis=1, keepdims=True)\n"
            "def xent(probs, onehot):\n"
            "    safe = np.clip(probs, EPS, 1.0)\n"
            "    return -np.sum(onehot * np.log(safe)) / len(onehot)\n"
            "A = np.random.randn(25, 3)\n"
            "T = np.eye(4)[np.random.randint(0, 4, size=25)]\n"
            "K = np.random.randn(3, 4)\n"
            "for _ in range(50):\n"
            "    out = softmax(A @ K)\n"
            "    K -= 0.1 * A.T @ (out - T)\n"
            "    print(xent(out, T))\n"
        ),
        # a stable sigmoid that never reaches 0 or 1 exactly
        Valid(
            "import numpy as np\n"
            "class Unit:\n"
            "    def __init__(self):\n"
            "        self.v = np.zeros((2, 1))\n"
            "    def prob(self, z):\n"
            "        return np.clip(1 / (1 + np.exp(-z)), 1e-9, 1 - 1e-9)\n"
            "    def fit(self, a, t):\n"
            "        q = self.prob(a @ self.v)\n"
            "        cost = -np.mean(t * np.log(q) + (1 - t) * np.log(1 - q))\n"
            "        self.v -= 0.1 * a.T @ (q - t)\n"
            "        return cost\n"
            "Unit().fit(np.random.randn(9, 2), np.random.randint(0, 2, size=(9, 1)))\n"
        ),
    ]
    INVALID = [
        Invalid(
            _NET.format(loss="-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p + 1e-9))"),
            at="loss = ",
            says=("np.log(p)", "'p'", "np.clip(p, 1e-12, 1 - 1e-12)"),
            fixed=_NET.format(
                loss="-np.mean(y * np.log(np.clip(p, 1e-12, 1 - 1e-12)) + (1 - y) * np.log(1 - p + 1e-9))"
            ),
        ),
        Invalid(
            _NET.format(loss="-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p))"),
            at="loss = ",
            says=("np.log(1 - p)", "1.0"),
            fixed=_NET.format(
                loss="-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - np.clip(p, 1e-12, 1 - 1e-12)))"
            ),
        ),
        # softmax over classes as columns, cross-entropy of the true class's probability
        Invalid(
            "import numpy as np\n"
            "def normalise(S):\n"
            "    S = np.exp(S - S.max(axis=0, keepdims=True))\n"
            "    return S / S.sum(axis=0, keepdims=True)\n"
            "A = np.random.randn(3, 40)\n"
            "labels = np.random.randint(0, 2, size=40)\n"
            "T = np.eye(2)[:, labels]\n"
            "K = np.random.randn(2, 3)\n"
            "for it in range(100):\n"
            "    Q = normalise(K @ A)\n"
            "    nll = -np.log(Q[labels, np.arange(40)]).mean()\n"
            "    K -= 0.1 * (Q - T) @ A.T\n",
            at="nll = -np.log(",
            says=("'normalise'", "0.0"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Classifier:\n"
            "    def __init__(self, data, targets):\n"
            "        self.data, self.targets = data, targets\n"
            "        self.coef = np.random.randn(data.shape[1], 1)\n"
            "    def squash(self, t):\n"
            "        return 1.0 / (1.0 + np.exp(-t))\n"
            "    def cost(self):\n"
            "        self.guess = self.squash(self.data @ self.coef)\n"
            "        return -np.mean(self.targets * np.log(self.guess))\n"
            "    def step(self):\n"
            "        self.coef -= 0.1 * self.data.T @ (self.guess - self.targets)\n"
            "model = Classifier(np.random.randn(16, 3), np.random.randint(0, 2, size=(16, 1)))\n"
            "for _ in range(10):\n"
            "    model.cost()\n"
            "    model.step()\n",
            at="return -np.mean(self.targets * np.log(self.guess))",
            says=("'self.squash'", "'self.guess'"),
        ),
    ]

    def check(self):
        model = self.model
        for term in log_terms(model):
            source = term.source
            if term.guard is not None or not isinstance(source, Application):
                continue
            if source.behaviour.kind not in ("sigmoid", "softmax"):
                continue
            extreme = _reaches(source, 1.0 if term.complement else 0.0)
            if extreme is None or not mentions_labels(model, term):
                continue
            output = code(term.output)
            alias = _alias(term.node)
            clipped = f"{alias}.clip({output}, 1e-12, 1 - 1e-12)"
            shown = f"{alias}.log(1 - {output})" if term.complement else f"{alias}.log({output})"
            yield self.report(
                term.node,
                f"`{shown}` takes the log of '{output}', the output of {source.behaviour.kind} "
                f"'{source.name}', which rounds to exactly {extreme} for confident predictions: the "
                f"loss becomes inf or nan; clip it first, `{clipped}`",
                fix=self.replace(term.output, clipped, f"Clip '{output}' away from 0 and 1"),
            )


def _alias(call: cst.Call) -> str:
    root = call.func
    while isinstance(root, cst.Attribute):
        root = root.value
    return root.value if isinstance(root, cst.Name) else "np"


def _reaches(application: Application, value: float) -> str | None:
    """'0.0' or '1.0' when the activation returns exactly that value on large inputs."""
    behaviour = application.behaviour
    if behaviour.kind == "softmax":
        probe = np.array([[800.0, 0.0, -800.0], [-800.0, 5.0, 800.0]])
        if behaviour.normalised_axis == 0:
            probe = probe.T
    else:
        probe = np.array([-800.0, -60.0, 60.0, 800.0])
    outcome = sandbox.call(application.callable, probe)
    if not outcome.ok:
        return None
    try:
        values = np.asarray(outcome.value, dtype=float)
    except (TypeError, ValueError):
        return None
    if not np.all(np.isfinite(values)):
        return None
    return f"{value:.1f}" if np.any(values == value) else None
