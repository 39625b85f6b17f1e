from __future__ import annotations

import libcst as cst
import numpy as np

from nncheck.diagnostics import Edit, Severity
from nncheck.model import code, elementwise_values, PROBE, sandbox
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, numpy_name, source_of

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

    ## Fix safety
    Safe, and offered only when numpy is imported as a whole (`import numpy as np`): the function
    is proved to be called with an array, where it raises today. `a if t else b` and an
    `if t: return a` / `return b` pair become `np.where(t, a, b)`, builtin `max`/`min` of two
    values `np.maximum`/`np.minimum`, `math.exp` (log, tanh, sqrt, ...) `np.exp`. A truth test
    with `and`/`or`, or code with comments inside, is left to you.
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
            fixed=_SETUP + "def nonlin(x):\n    return np.where(x > 0, x, x / 100)\nout = nonlin(np.dot(X, W))\n",
        ),
        Invalid(
            _SETUP + "def relu(x):\n    return max(0, x)\nout = relu(X @ W)\n",
            at="return max(0, x)",
            says=("'relu'", "np.maximum(0, x)"),
            fixed=_SETUP + "def relu(x):\n    return np.maximum(0, x)\nout = relu(X @ W)\n",
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
            fixed=_SETUP + "import math\n"
            "class Net:\n"
            "    def squash(self, z):\n"
            "        return 1 / (1 + np.exp(-z))\n"
            "    def forward(self, X):\n"
            "        return self.squash(X @ W)\n",
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
            fixed=_SETUP + "def act(x, deriv=False):\n"
            "    if deriv:\n"
            "        return np.where(x > 0, 1, 0.01)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "h = act(X @ W)\n"
            "d = act(h, deriv=True)\n",
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
                fix=self._fix(culprit),
            )

    # -- the fix --------------------------------------------------------------------------------
    def _fix(self, culprit: cst.CSTNode):
        model = self.model
        np_ = numpy_name(model)
        if np_ is None:
            return None
        try:
            if isinstance(culprit, cst.IfExp):
                parts = [source_of(model, n) for n in (culprit.test, culprit.body, culprit.orelse)]
                if not all(_plain(part) for part in parts):
                    return None
                return fix(
                    "Use `np.where`",
                    [edit(model, culprit, f"{np_}.where({parts[0]}, {parts[1]}, {parts[2]})")],
                )
            if isinstance(culprit, cst.Call):
                return self._call_fix(culprit, np_)
            parent = model.parent(culprit)
            if isinstance(parent, cst.If) and parent.test is culprit:
                return self._if_statement_fix(parent, np_)
        except KeyError:  # a node without a position (synthesised by the model)
            return None
        return None

    def _call_fix(self, call: cst.Call, np_: str):
        name = code(call.func)
        if name in ("max", "min"):
            if len(call.args) != 2 or any(a.keyword is not None or a.star for a in call.args):
                return None
            return fix(f"Use `np.{name}imum`", [edit(self.model, call.func, f"{np_}.{name}imum")])
        if name.startswith("math.") and name[5:] in _MATH_TO_NUMPY:
            function = _MATH_TO_NUMPY[name[5:]]
            return fix(f"Use `np.{function}`", [edit(self.model, call.func, f"{np_}.{function}")])
        return None

    def _if_statement_fix(self, node: cst.If, np_: str):
        """`if t: return a` + `else: return b` (or a `return b` right after) → one return."""
        model = self.model
        then = _single_return(node.body)
        if then is None:
            return None
        if node.orelse is not None:
            if not isinstance(node.orelse, cst.Else):
                return None  # elif: more than two cases
            otherwise = _single_return(node.orelse.body)
            last = node
        else:
            block = model.parent(node)
            body = list(getattr(block, "body", ()))
            index = next((i for i, statement in enumerate(body) if statement is node), None)
            if index is None or index + 1 >= len(body):
                return None
            last = body[index + 1]
            otherwise = _single_return(cst.IndentedBlock(body=[last])) if isinstance(last, cst.SimpleStatementLine) else None
        if otherwise is None:
            return None
        start, _ = model.span(node)
        _, end = model.span(last)
        region = model.source[_offset(model, start) : _offset(model, end)]
        comment = ""
        header = getattr(node.body, "header", None)
        if header is not None and header.comment is not None:
            # The `if` line's own comment moves to the end of the new line.
            comment = f"  {header.comment.value}"
            region = region.replace(header.comment.value, "", 1)
        if "#" in region:
            return None  # a comment would be lost
        parts = [source_of(model, n) for n in (node.test, then.value, otherwise.value)]
        if not all(_plain(part) for part in parts):
            return None
        content = f"return {np_}.where({parts[0]}, {parts[1]}, {parts[2]}){comment}"
        return fix("Use `np.where`", [Edit(start, end, content)])


def _culprit(function: cst.CSTNode, line: int, model) -> cst.CSTNode | None:
    """The construct on the raising line that only works on single numbers."""
    fallback = None
    for node in model.walk(function):
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


# math functions whose numpy namesake computes the same, elementwise.
_MATH_TO_NUMPY = {
    "exp": "exp", "log": "log", "log1p": "log1p", "expm1": "expm1", "tanh": "tanh",
    "sqrt": "sqrt", "sin": "sin", "cos": "cos", "fabs": "abs", "log10": "log10", "log2": "log2",
}


def _plain(text: str) -> bool:
    # One line, no comment: safe to move into a call's arguments.
    return "#" not in text and "\n" not in text and "\r" not in text


def _single_return(block) -> cst.Return | None:
    body = getattr(block, "body", ())
    if len(body) != 1:
        return None
    line = body[0]
    if isinstance(block, cst.SimpleStatementSuite):
        small = [line]
    elif isinstance(line, cst.SimpleStatementLine):
        small = list(line.body)
    else:
        return None
    if len(small) != 1 or not isinstance(small[0], cst.Return) or small[0].value is None:
        return None
    return small[0]


def _offset(model, position) -> int:
    from nncheck.rules.fixes import offset

    return offset(model, position)
