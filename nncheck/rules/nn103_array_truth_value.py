from __future__ import annotations

import libcst as cst
import numpy as np

from nncheck.diagnostics import Severity
from nncheck.model import sandbox
from nncheck.model.behaviour import PROBE, elementwise_values
from nncheck.model.values import code
from nncheck.rules.base import Invalid, Rule, Valid

_SETUP = "import numpy as np\nX = np.random.rand(4, 3)\nW = np.random.randn(3, 1)\n"


class ArrayTruthValue(Rule):
    """
    ## What it does
    Finds an activation or derivative written for one number at a time (`if x > 0`,
    `a if x > 0 else b`, `and`/`or`, builtin `max`/`min`, `math.exp`) that is called with a
    whole array. nncheck runs the function on a small array: the exception it raises is the
    evidence, and the line it raises on is the one reported.

    ## Why is this bad?
    `x > 0` on an array is an array of booleans, and Python cannot decide whether that is true:
    `ValueError: The truth value of an array with more than one element is ambiguous`.
    `math.exp` and `float` accept only single numbers. The script stops on the first forward
    pass. A scalar function under `np.vectorize`, or applied element by element, is fine.

    ## Example
    ```python
    def leaky_relu(x):
        return x if x > 0 else x / 100
    ```

    ## Use instead
    ```python
    def leaky_relu(x):
        return np.where(x > 0, x, x / 100)
    ```
    """

    code = "NN103"
    name = "array-truth-value"
    severity = Severity.ERROR
    summary = "a scalar-only activation (if x > 0, max, math.exp) called with an array"
    fix_availability = "sometimes"

    VALID = [
        Valid(_SETUP + "def f(x):\n    return np.where(x > 0, x, x / 100)\nout = f(X @ W)\n"),
        Valid(_SETUP + "def f(x):\n    return x if x > 0 else x / 100\nout = np.vectorize(f)(X @ W)\n"),
        Valid(
            _SETUP + "import math\n"
            "def sig(v):\n    return 1 / (1 + math.exp(-v))\n"
            "z = X @ W\n"
            "out = np.array([[sig(v) for v in row] for row in z])\n"
        ),
        Valid(_SETUP + "def relu(x):\n    return np.maximum(x, 0)\nout = relu(X @ W)\n"),
    ]
    INVALID = [
        Invalid(
            _SETUP + "def nonlin(x):\n    return x if x > 0 else x / 100\nout = nonlin(np.dot(X, W))\n",
            at="return x if x > 0",
            says=("'nonlin'", "ValueError", "np.where(x > 0, x, x / 100)"),
        ),
        Invalid(
            _SETUP + "def relu(x):\n    return max(0, x)\nout = relu(X @ W)\n",
            at="return max(0, x)",
            says=("'relu'", "np.maximum(0, x)"),
        ),
        Invalid(
            _SETUP + "import math\n"
            "class Net:\n"
            "    def squash(self, z):\n"
            "        return 1 / (1 + math.exp(-z))\n"
            "    def forward(self, X):\n"
            "        return self.squash(X @ W)\n",
            at="return 1 / (1 + math.exp(-z))",
            says=("'self.squash'", "np.exp"),
        ),
        Invalid(
            _SETUP + "def act(x, deriv=False):\n"
            "    if deriv:\n"
            "        if x > 0:\n"
            "            return 1\n"
            "        return 0.01\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "h = act(X @ W)\n"
            "d = act(h, deriv=True)\n",
            at="if x > 0:",
            says=("'act'",),
        ),
    ]

    def check(self):
        model = self.model
        reported: set[tuple] = set()
        probe = PROBE.reshape(3, 6)
        for call, scope, function, mode in model.calls_to_functions:
            if mode is None:
                continue
            argument = model.call_argument(call, function)
            if argument is None or not model.is_array(argument, scope):
                continue
            callable_ = model.function_callable(function, mode)
            outcome = sandbox.call(callable_, probe.copy(), filename="<nncheck-closed>")
            if not sandbox.is_array_truth_error(outcome.error) or outcome.line is None:
                continue
            if (function, outcome.line) in reported:
                continue
            values, _ = elementwise_values(callable_, np.array([-1.5, 0.5, 2.0]))
            if values is None:
                continue  # it does not work on single numbers either: not this mistake
            reported.add((function, outcome.line))
            culprit = _culprit(function.node, outcome.line, model)
            if culprit is None:
                continue
            error = f"{type(outcome.error).__name__}: {_short(outcome.error)}"
            use = _array_version(culprit)
            call_line = model.line(call)
            yield self.report(
                culprit,
                f"'{function.name}' tests single numbers (`{_brief(culprit)}`) but is called with an "
                f"array at line {call_line} (`{_brief(call)}`), which raises {error}; {use}",
            )


def _culprit(function: cst.CSTNode, line: int, model) -> cst.CSTNode | None:
    """The construct on the raising line that only works on single numbers."""
    fallback = None
    for node in _walk(function):
        try:
            if model.line(node) != line:
                continue
        except KeyError:
            continue
        if isinstance(node, cst.IfExp):
            return node
        if isinstance(node, cst.If):
            return node.test
        if isinstance(node, cst.Call):
            name = code(node.func)
            if name in ("max", "min", "float", "int", "round") or name.startswith("math."):
                return node
        if isinstance(node, cst.BooleanOperation):
            return node
        if fallback is None and isinstance(node, cst.BaseSmallStatement):
            fallback = node
    return fallback


def _walk(node: cst.CSTNode):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def _array_version(node: cst.CSTNode) -> str:
    if isinstance(node, cst.IfExp):
        return f"use `np.where({code(node.test)}, {code(node.body)}, {code(node.orelse)})`"
    if isinstance(node, cst.Call):
        name = code(node.func)
        args = ", ".join(code(a.value) for a in node.args)
        if name in ("max", "min"):
            return f"use `np.{name}imum({args})`"
        if name.startswith("math."):
            return f"use `np.{name[5:]}({args})`"
        return "work on whole arrays with NumPy functions"
    if isinstance(node, cst.BooleanOperation):
        return "use np.logical_and / np.logical_or (or & and |) on arrays"
    return "use np.where(condition, value_if_true, value_if_false) instead of an if on an array"


def _brief(node: cst.CSTNode, limit: int = 48) -> str:
    text = code(node)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short(error: BaseException) -> str:
    text = str(error).split(". Use")[0]
    return text
