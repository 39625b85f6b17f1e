from __future__ import annotations

import libcst as cst
import numpy as np

from nncheck.diagnostics import Edit, Fix, Severity
from nncheck.model import (
    code,
    numpy_alias,
    numpy_attribute,
    positional_args,
    PROBE,
    rewrite,
    rewritten_callable,
    sandbox,
    walk,
)
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.randn(50, 4)\n"
    "Y = np.eye(3)[np.random.randint(0, 3, size=50)]\n"
    "W = np.random.randn(4, 3)\n"
)
_LOOP = (
    "for step in range(100):\n"
    "    P = {call}\n"
    "    W -= 0.1 * X.T @ (P - Y)\n"
)
_RAW_SOFTMAX = (
    "def softmax(z):\n"
    "    e = np.exp(z)\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
)
_SHIFTED_SOFTMAX = (
    "def softmax(z):\n"
    "    e = np.exp(z - np.max(z, axis=1, keepdims=True))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
)
# Logits with a large entry in every row: exp overflows unless the row maximum is subtracted.
_LARGE_LOGITS = np.array([[1000.0, 0.0, -5.0], [3.0, 900.0, 1.0]])
_LARGE_INPUTS = np.array([-1000.0, -50.0, 0.5, 50.0, 1000.0])
_GUARDS = {"where", "clip", "minimum", "maximum", "logaddexp", "expm1", "log1p"}


class UnstableExp(Rule):
    """
    ## What it does
    Finds `np.exp` applied to unshifted logits in a softmax, and a sigmoid written as
    `1 / (1 + np.exp(-z))`, when evaluating them on large inputs overflows. Both are recognised
    by what they compute (probed on large values), not by their names. Off by default: select
    it with `--select NN105`.

    ## Why is this bad?
    `np.exp(710)` is `inf`. A softmax of a logit above ~710 computes `inf / inf = nan`, and
    the nan spreads into every weight at the next update. The sigmoid's `np.exp(-z)` overflows
    for `z < -710`: the result happens to be right (0), but NumPy warns on every batch.

    ## Example
    ```python
    def softmax(z):
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)
    ```

    ## Use instead
    ```python
    def softmax(z):
        e = np.exp(z - np.max(z, axis=1, keepdims=True))   # same result, no overflow
        return e / e.sum(axis=1, keepdims=True)

    def sigmoid(z):
        return np.exp(-np.logaddexp(0, -z))                 # stable sigmoid
    ```
    """

    code = "NN105"
    name = "unstable-exp"
    severity = Severity.INFO
    summary = "np.exp of unshifted logits in a softmax, or an overflowing sigmoid"
    default = False
    fix_availability = "sometimes"

    VALID = [
        Valid(_DATA + _SHIFTED_SOFTMAX + _LOOP.format(call="softmax(X @ W)")),
        Valid(
            _DATA
            + "def squash(v):\n"
            "    return np.exp(-np.logaddexp(0, -v))\n"
            + _LOOP.format(call="squash(np.dot(X, W))")
        ),
        # a sigmoid that picks the stable branch for each sign
        Valid(
            "import numpy as np\n"
            "class Logistic:\n"
            "    def __init__(self):\n"
            "        self.w = np.zeros((3, 1))\n"
            "    def act(self, t):\n"
            "        t = np.clip(t, -500, 500)\n"
            "        return 1.0 / (1.0 + np.exp(-t))\n"
            "    def fit(self, A, b):\n"
            "        for _ in range(100):\n"
            "            out = self.act(A @ self.w)\n"
            "            self.w -= 0.1 * A.T @ (out - b)\n"
            "Logistic().fit(np.random.rand(20, 3), np.random.randint(0, 2, size=(20, 1)))\n"
        ),
        # the exp of something that is no activation
        Valid(_DATA + "decay = np.exp(-0.01 * np.arange(100))\n" + _LOOP.format(call="X @ W")),
    ]
    INVALID = [
        Invalid(
            _DATA + _RAW_SOFTMAX + _LOOP.format(call="softmax(X @ W)"),
            at="e = np.exp(z)",
            says=("'softmax'", "nan", "np.exp(z - np.max(z, axis=1, keepdims=True))"),
            fixed=_DATA
            + "def softmax(z):\n"
            "    e = np.exp(z - np.max(z, axis=1, keepdims=True))\n"
            "    return e / e.sum(axis=1, keepdims=True)\n"
            + _LOOP.format(call="softmax(X @ W)"),
        ),
        Invalid(
            _DATA + _LOOP.format(call="1 / (1 + np.exp(-(X @ W)))"),
            at="P = 1 / (1 + np.exp(-(X @ W)))",
            says=("sigmoid", "overflow", "np.exp(-np.logaddexp(0, -(X @ W)))"),
            fixed=_DATA + _LOOP.format(call="np.exp(-np.logaddexp(0, -(X @ W)))"),
        ),
        # samples as columns, the softmax normalises axis 0
        Invalid(
            "import numpy as np\n"
            "def probs_of(S):\n"
            "    return np.exp(S) / np.sum(np.exp(S), axis=0, keepdims=True)\n"
            "A = np.random.randn(4, 30)\n"
            "T = np.eye(2)[:, np.random.randint(0, 2, size=30)]\n"
            "K = np.random.randn(2, 4)\n"
            "for it in range(100):\n"
            "    Q = probs_of(K @ A)\n"
            "    K -= 0.1 * (Q - T) @ A.T\n",
            at="return np.exp(S) / np.sum(np.exp(S)",
            says=("'probs_of'", "np.max(S, axis=0, keepdims=True)"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.V = np.random.randn(2, 1)\n"
            "    def logistic(self, a):\n"
            "        return 1 / (1 + np.exp(-a))\n"
            "    def step(self, inputs, target):\n"
            "        guess = self.logistic(inputs @ self.V)\n"
            "        self.V += 0.5 * inputs.T @ (target - guess)\n"
            "net = Net()\n"
            "for _ in range(50):\n"
            "    net.step(np.random.randn(10, 2), np.random.randint(0, 2, size=(10, 1)))\n",
            at="return 1 / (1 + np.exp(-a))",
            says=("'self.logistic'", "sigmoid"),
        ),
    ]

    def check(self):
        model = self.model
        done: set = set()
        for application in model.applications:
            behaviour = application.behaviour
            if behaviour.kind not in ("softmax", "sigmoid"):
                continue
            container = application.function.node if application.function is not None else application.node
            if container in done:
                continue
            exps = [
                node for node in walk(container)
                if isinstance(node, cst.Call) and numpy_attribute(node.func) == "exp"
            ]
            if not exps:
                continue
            first = min(exps, key=lambda node: model.span(node)[0])
            if behaviour.kind == "softmax":
                if behaviour.normalised_axis not in (0, 1, "all") or not _softmax_overflows(application):
                    continue
                done.add(container)
                fix, shifted = self._softmax_fix(application, container, exps)
                yield self.report(
                    first,
                    f"softmax '{application.name}' takes `np.exp` of unshifted logits: a logit above "
                    f"~710 overflows to inf and the output becomes nan; subtract the maximum first, "
                    f"`{shifted}` (the result is the same)",
                    fix=fix,
                )
            else:
                if any(numpy_attribute(n.func) in _GUARDS for n in walk(container) if isinstance(n, cst.Call)):
                    continue
                if not _overflows(application.callable):
                    continue
                done.add(container)
                fix, stable = self._sigmoid_fix(application, container)
                yield self.report(
                    first,
                    f"sigmoid '{application.name}' computes `np.exp(-z)`, which overflows for large "
                    f"negative inputs (NumPy warns on every such batch); use a stable sigmoid such as "
                    f"`{stable}`",
                    fix=fix,
                )

    # -- fixes -----------------------------------------------------------------------------------
    def _softmax_fix(self, application, container, exps):
        axis = application.behaviour.normalised_axis
        argument = _exp_argument(exps, application, container)
        alias = numpy_alias(container) or "np"
        name = argument if argument is not None else "z"
        reduce = f"{alias}.max({name})" if axis == "all" else f"{alias}.max({name}, axis={axis}, keepdims=True)"
        shifted = f"{alias}.exp({name} - {reduce})"
        if argument is None:
            return None, shifted
        replacements = {node: shifted for node in exps}
        if not self._verified(application, container, replacements, softmax=True):
            return None, shifted
        return _fix_of(self.model, replacements, "Subtract the maximum before np.exp"), shifted

    def _sigmoid_fix(self, application, container):
        alias = numpy_alias(container) or "np"
        expression = container
        if isinstance(container, cst.FunctionDef):
            returns = [node for node in walk(container) if isinstance(node, cst.Return)]
            expression = returns[0].value if len(returns) == 1 else None
        elif isinstance(container, cst.Lambda):
            expression = container.body
        negated = _naive_sigmoid_argument(expression)
        if negated is None:
            return None, f"{alias}.exp(-{alias}.logaddexp(0, -z))"
        stable = f"{alias}.exp(-{alias}.logaddexp(0, {code(negated)}))"
        if not self._verified(application, container, {expression: stable}, softmax=False):
            return None, stable
        return _fix_of(self.model, {expression: stable}, "Use a stable sigmoid"), stable

    def _verified(self, application, container, replacements, softmax: bool) -> bool:
        """The corrected function gives the same values on ordinary inputs and no longer
        overflows on large ones."""
        new = rewrite(container, replacements)
        if application.function is None:
            abstraction = self.model.abstract(new, application.scope)
            function = abstraction[0] if abstraction is not None else None
        else:
            function = rewritten_callable(self.model, application, new)
        if function is None:
            return False
        grid = PROBE.reshape(3, 6) / 10
        before, after = sandbox.call(application.callable, grid.copy()), sandbox.call(function, grid.copy())
        if not (before.ok and after.ok):
            return False
        try:
            if not np.allclose(np.asarray(before.value, float), np.asarray(after.value, float), rtol=1e-9, atol=1e-12):
                return False
        except (TypeError, ValueError):
            return False
        if softmax:
            return not _softmax_overflows_with(function, application.behaviour.normalised_axis)
        return not _overflows(function)


def _fix_of(model, replacements, title) -> Fix:
    edits = []
    for node, text in replacements.items():
        start, end = model.span(node)
        edits.append(Edit(start, end, text))
    return Fix(title=title, edits=tuple(sorted(edits, key=lambda edit: edit.start)))


def _exp_argument(exps, application, container) -> str | None:
    """The one name every np.exp in the softmax is applied to (the function's parameter, or the
    inline softmax's argument), or None."""
    if application.function is not None:
        wanted = application.function.array_param
    else:
        wanted = code(application.argument)
    for node in exps:
        args = positional_args(node)
        if len(args) != 1 or len(node.args) != 1 or code(args[0]) != wanted:
            return None
    return wanted


def _naive_sigmoid_argument(expression) -> cst.BaseExpression | None:
    """`1 / (1 + np.exp(-a))`: the `-a`."""
    if not (isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Divide)):
        return None
    if not _is_one(expression.left):
        return None
    total = expression.right
    if not (isinstance(total, cst.BinaryOperation) and isinstance(total.operator, cst.Add) and _is_one(total.left)):
        return None
    exp = total.right
    if not (isinstance(exp, cst.Call) and numpy_attribute(exp.func) == "exp" and len(exp.args) == 1):
        return None
    negated = exp.args[0].value
    if isinstance(negated, cst.UnaryOperation) and isinstance(negated.operator, cst.Minus):
        return negated
    return None


def _is_one(node) -> bool:
    return isinstance(node, (cst.Integer, cst.Float)) and float(node.value) == 1.0


def _softmax_overflows(application) -> bool:
    return _softmax_overflows_with(application.callable, application.behaviour.normalised_axis)


def _softmax_overflows_with(function, axis) -> bool:
    logits = _LARGE_LOGITS if axis in (1, "all") else _LARGE_LOGITS.T
    outcome = sandbox.call(function, logits.copy())
    if not outcome.ok:
        return False
    try:
        values = np.asarray(outcome.value, dtype=float)
    except (TypeError, ValueError):
        return False
    return bool(not np.all(np.isfinite(values)))


def _overflows(function) -> bool:
    """Evaluating on large inputs raises an overflow (closed code only, time-bounded)."""
    try:
        with np.errstate(over="raise", under="ignore", invalid="ignore", divide="ignore"), sandbox.time_bound():
            function(_LARGE_INPUTS.copy())
    except FloatingPointError:
        return True
    except Exception:  # noqa: BLE001 - anything else is no evidence of an overflow
        return False
    return False
