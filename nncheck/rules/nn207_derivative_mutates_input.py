from __future__ import annotations

import libcst as cst
import numpy as np

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code, key_name, PROBE, sandbox
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.rand(32, 3)\n"
    "y = X @ np.array([[1.0], [-1.0], [2.0]])\n"
    "W1 = np.random.randn(3, 8) * 0.3\n"
    "W2 = np.random.randn(8, 1) * 0.3\n"
)
_RELU_MUTATING = (
    "def relu(x, deriv=False):\n"
    "    if deriv:\n"
    "        x[x <= 0] = 0\n"
    "        x[x > 0] = 1\n"
    "        return x\n"
    "    return np.maximum(0, x)\n"
)
_RELU_COPYING = (
    "def relu(x, deriv=False):\n"
    "    if deriv:\n"
    "        x = x.copy()\n"
    "        x[x <= 0] = 0\n"
    "        x[x > 0] = 1\n"
    "        return x\n"
    "    return np.maximum(0, x)\n"
)
_LOOP = (
    "for epoch in range(300):\n"
    "    h = relu(X @ W1)\n"
    "    out = h @ W2\n"
    "    d_out = (out - y) / len(X)\n"
    "    d_h = d_out @ W2.T * relu(h, deriv=True)\n"
    "    W2 -= 0.1 * h.T @ d_out\n"
    "    W1 -= 0.1 * X.T @ d_h\n"
)


class DerivativeMutatesInput(Rule):
    """
    ## What it does
    Finds an activation derivative that writes into the array it is given (`x[x > 0] = 1`,
    `s *= 1 - s`) when the caller passes a stored activation or pre-activation that is read
    again afterwards. nncheck runs the derivative (a closed function) on a probe array and
    sees whether the array changed; names do not matter.

    ## Why is this bad?
    NumPy passes arrays by reference. The derivative overwrites the caller's cached activation
    with the derivative's values (a 0/1 mask, `s * (1 - s)`), and every later use of that
    activation — the weight gradient of the next layer, the next derivative, the loss — reads
    the wrong numbers. The network trains on corrupted values without any error.

    ## Example
    ```python
    def relu(x, deriv=False):
        if deriv:
            x[x <= 0] = 0
            x[x > 0] = 1
            return x
        return np.maximum(0, x)

    d_h = d_out @ W2.T * relu(h, deriv=True)
    W2 -= lr * h.T @ d_out          # h is now a mask of 0s and 1s
    ```

    ## Use instead
    ```python
    def relu(x, deriv=False):
        if deriv:
            return (x > 0).astype(float)
        return np.maximum(0, x)
    ```
    """

    code = "NN207"
    name = "derivative-mutates-input"
    severity = Severity.ERROR
    summary = "an activation derivative overwrites the caller's cached activation in place"
    fix_availability = "sometimes"

    VALID = [
        Valid(_DATA + "def relu(x, deriv=False):\n"
              "    if deriv:\n"
              "        return (x > 0).astype(float)\n"
              "    return np.maximum(0, x)\n" + _LOOP),
        Valid(_DATA + _RELU_COPYING + _LOOP),
        # the mutated value is a temporary nobody reads again
        Valid(
            _DATA + "def relu_slope(v):\n"
            "    v[v > 0] = 1\n"
            "    v[v <= 0] = 0\n"
            "    return v\n"
            "for epoch in range(300):\n"
            "    z = X @ W1\n"
            "    h = np.maximum(0, z)\n"
            "    out = h @ W2\n"
            "    d_out = (out - y) / len(X)\n"
            "    W2 -= 0.1 * h.T @ d_out\n"
            "    W1 -= 0.1 * X.T @ (d_out @ W2.T * relu_slope(X @ W1))\n"
        ),
        # the caller hands over a copy
        Valid(_DATA + _RELU_MUTATING + _LOOP.replace("relu(h, deriv=True)", "relu(h.copy(), deriv=True)")),
    ]
    INVALID = [
        Invalid(
            _DATA + _RELU_MUTATING + _LOOP,
            at="d_h = d_out @ W2.T * relu(h, deriv=True)",
            says=("'relu'", "'h'", "x = x.copy()"),
            fixed=_DATA + _RELU_COPYING + _LOOP,
        ),
        # a method of a class, in place with *=, on a cached attribute
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.W1 = np.random.randn(2, 4)\n"
            "        self.W2 = np.random.randn(4, 1)\n"
            "    def squash(self, z):\n"
            "        return 1 / (1 + np.exp(-z))\n"
            "    def squash_grad(self, s):\n"
            "        s *= 1 - s\n"
            "        return s\n"
            "    def train(self, X, y, lr=0.5):\n"
            "        self.a1 = self.squash(X @ self.W1)\n"
            "        out = self.squash(self.a1 @ self.W2)\n"
            "        d2 = out - y\n"
            "        d1 = d2 @ self.W2.T * self.squash_grad(self.a1)\n"
            "        self.W2 -= lr * self.a1.T @ d2\n"
            "        self.W1 -= lr * X.T @ d1\n",
            at="d1 = d2 @ self.W2.T * self.squash_grad(self.a1)",
            says=("'self.squash_grad'", "'self.a1'"),
        ),
        # samples as columns, a tanh derivative that fills its argument with a slice
        Invalid(
            "import numpy as np\n"
            "def tanh_slope(a):\n"
            "    a[:] = 1 - a ** 2\n"
            "    return a\n"
            "A0 = np.random.rand(2, 50)\n"
            "Y = np.random.rand(1, 50)\n"
            "Wh = np.random.randn(5, 2)\n"
            "Wo = np.random.randn(1, 5)\n"
            "for it in range(100):\n"
            "    A1 = np.tanh(Wh @ A0)\n"
            "    A2 = Wo @ A1\n"
            "    dZ2 = A2 - Y\n"
            "    dZ1 = Wo.T @ dZ2 * tanh_slope(A1)\n"
            "    Wo -= 0.01 * dZ2 @ A1.T\n"
            "    Wh -= 0.01 * dZ1 @ A0.T\n",
            at="dZ1 = Wo.T @ dZ2 * tanh_slope(A1)",
            says=("'tanh_slope'", "'A1'", "'Wo -= 0.01 * dZ2 @ A1.T'"),
        ),
    ]

    def check(self):
        model = self.model
        backward = backward_of(model)
        for call, scope, function, mode in backward.candidate_derivative_calls():
            derivative = model.function_callable(function, mode)
            if derivative is None or not _mutates(derivative):
                continue
            if backward.forward_of(function, mode, derivative) is None:
                continue
            argument = model.call_argument(call, function)
            key = model.key(argument, scope) if argument is not None else None
            if key is None:
                continue
            producer = model.producer(argument, scope)
            if producer is None and model.layer_of(argument, scope) is None:
                continue
            later = backward.read_after(key, call, scope)
            if later is None:
                continue
            yield self._report(call, function, argument, key, later, backward)

    def _report(self, call, function, argument, key, later, backward):
        model = self.model
        name = code(call.func)
        param = function.array_param
        later_statement = backward.statement_of(later)
        used = f"`{code(later_statement)}`" if later_statement is not None else f"line {model.line(later)}"
        if later_statement is not None:
            used = f"'{code(later_statement)}'"
        fix = self._fix(function, param)
        advice = f"copy it first (`{param} = {param}.copy()`) or build a new array" if param else "build a new array"
        return self.report(
            call,
            f"derivative '{name}' writes into its argument in place: '{key_name(key)}' is overwritten "
            f"with the derivative's values and read again in {used} (line {model.line(later)}); {advice}",
            fix=fix,
        )

    def _fix(self, function, param):
        """Insert `param = param.copy()` before the first in-place write, when all writes sit in
        one block and the first is a line of its own."""
        if param is None or not isinstance(function.node, cst.FunctionDef):
            return None
        backward = backward_of(self.model)
        writes = [
            statement for statement in backward.writes(("local", function.scope, param))
            if self.model.scope_of(statement) is function.scope
        ]
        if not writes:
            return None
        lines = {id(self.model.parent(w)) for w in writes}
        first = min(writes, key=lambda w: (self.model.line(w), self.model.span(w)[0].column))
        line_node = self.model.parent(first)
        if not isinstance(line_node, cst.SimpleStatementLine) or len(line_node.body) != 1:
            return None
        blocks = {id(self.model.parent(self.model.parent(w))) for w in writes}
        if len(blocks) != 1 or len(lines) != len(writes):
            return None
        source_line = self.model.source.splitlines()[self.model.line(first) - 1]
        indent = source_line[: len(source_line) - len(source_line.lstrip())]
        text = f"{param} = {param}.copy()\n{indent}{self.model.module.code_for_node(first)}"
        return self.replace(first, text, f"Copy '{param}' before writing into it")


def _mutates(function) -> bool:
    probe = PROBE.reshape(3, 6).copy()
    original = probe.copy()
    outcome = sandbox.call(function, probe)
    if not outcome.ok:
        return False
    return not np.array_equal(probe, original, equal_nan=True)
