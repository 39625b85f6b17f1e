from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import (
    call_name,
    code,
    key_name,
    keyword_arg,
    numpy_attribute,
    positional_args,
    shapes,
    transposed_base,
)
from nncheck.rules.base import Invalid, Rule, Valid

_XOR = (
    "import numpy as np\n"
    "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
    "y = np.array([[0], [1], [1], [0]])\n"
)


def _xor(init: str, update: str = "    W -= 0.5 * X.T @ ((out - y) * out * (1 - out))\n") -> str:
    return (
        _XOR + init
        + "for epoch in range(1000):\n"
        "    out = 1 / (1 + np.exp(-(X @ W + b)))\n"
        + update
        + "    b -= 0.5 * np.sum((out - y) * out * (1 - out), axis=0)\n"
    )


class IntegerParameters(Rule):
    """
    ## What it does
    Finds weights or biases created as integer arrays — from int literals
    (`np.array([[1, 0], [0, 1]])`), `dtype=int`, `.astype(int)` or `np.random.randint` — and
    then updated in place with float steps (`W -= lr * grad`). Integer arrays that are never
    updated (labels, indices, counters) are fine.

    ## Why is this bad?
    An array keeps the dtype it was created with. `W -= 0.1 * grad` on an int array raises
    `UFuncTypeError: Cannot cast ufunc 'subtract' output from dtype('float64') to
    dtype('int64')`, and writing the step back with `W[:] = ...` silently truncates it to whole
    numbers, so small steps round to zero and the network never moves.

    ## Example
    ```python
    W = np.array([[1, -1], [-1, 1]])
    W -= lr * X.T @ delta
    ```

    ## Use instead
    ```python
    W = np.array([[1, -1], [-1, 1]], dtype=float)
    W -= lr * X.T @ delta
    ```
    """

    code = "NN306"
    name = "integer-parameters"
    severity = Severity.ERROR
    summary = "weights or biases created with an integer dtype and then updated with float steps"
    fix_availability = "sometimes"

    VALID = [
        Valid(_xor("W = np.array([[0.5], [-0.5]])\nb = np.zeros(1)\n")),
        Valid(_xor("W = np.array([[1, -1]], dtype=float).T\nb = np.zeros(1)\n")),
        # integer data, never updated: labels and an index array
        Valid(
            "import numpy as np\n"
            "labels = np.random.randint(0, 3, size=200)\n"
            "order = np.arange(200)\n"
            "features = np.random.randn(200, 4)\n"
            "weights = np.random.randn(4, 3) * 0.01\n"
            "for _ in range(50):\n"
            "    scores = features[order] @ weights\n"
            "    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)\n"
            "    probs[np.arange(200), labels] -= 1\n"
            "    weights -= 0.1 * features.T @ probs / 200\n"
        ),
        # an int array updated with whole numbers: a counter, not a parameter
        Valid(
            "import numpy as np\n"
            "counts = np.zeros(10, dtype=int)\n"
            "for digit in np.random.randint(0, 10, 100):\n"
            "    counts[digit] += 1\n"
            "votes = np.zeros((3, 3), dtype=int)\n"
            "votes += 2\n"
        ),
        # rebinding (`W = W - ...`) gives a new float array: nothing raises or truncates
        Valid(_xor("W = np.array([[1], [-1]])\nb = np.zeros(1)\n",
                   "    W = W - 0.5 * X.T @ ((out - y) * out * (1 - out))\n")),
    ]
    INVALID = [
        Invalid(
            _xor("W = np.array([[1], [-1]])\nb = np.zeros(1)\n"),
            at="W = np.array([[1], [-1]])",
            says=("'W'", "integer", "np.array([[1], [-1]], dtype=float)"),
            fixed=_xor("W = np.array([[1], [-1]], dtype=float)\nb = np.zeros(1)\n"),
        ),
        Invalid(
            _xor("W = np.random.randn(2, 1)\nb = np.zeros(1, dtype=int)\n"),
            at="b = np.zeros(1, dtype=int)",
            says=("bias 'b'", "dtype=float"),
            fixed=_xor("W = np.random.randn(2, 1)\nb = np.zeros(1, dtype=float)\n"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Perceptron:\n"
            "    def __init__(self, n_features, n_classes):\n"
            "        self.kernel = np.random.randint(-1, 2, (n_features, n_classes))\n"
            "    def train(self, inputs, onehot, rate=0.01):\n"
            "        guess = inputs.dot(self.kernel)\n"
            "        self.kernel += rate * inputs.T.dot(onehot - guess)\n",
            at="self.kernel = np.random.randint(-1, 2, (n_features, n_classes))",
            says=("weights 'self.kernel'", "`self.kernel += rate * inputs.T.dot(onehot - guess)`",
                  "np.random.randint(-1, 2, (n_features, n_classes)).astype(float)"),
            fixed=(
                "import numpy as np\n"
                "class Perceptron:\n"
                "    def __init__(self, n_features, n_classes):\n"
                "        self.kernel = np.random.randint(-1, 2, (n_features, n_classes)).astype(float)\n"
                "    def train(self, inputs, onehot, rate=0.01):\n"
                "        guess = inputs.dot(self.kernel)\n"
                "        self.kernel += rate * inputs.T.dot(onehot - guess)\n"
            ),
        ),
    ]

    def check(self):
        model = self.model
        analysis = shapes(model)
        roles = self._roles()
        reported = set()
        for update in model.updates:
            if update.key in reported or update.key not in roles:
                continue
            if not isinstance(update.statement, cst.AugAssign):
                continue  # `W = W - step` rebinds to a new float array
            if analysis.dtype_of(update.target, update.scope) != "int":
                continue
            if not self._is_float(update.rhs, update.scope):
                continue
            origin = self._origin(update.target, update.scope)
            if origin is None:
                continue
            reported.add(update.key)
            creation, replacement = origin
            name = key_name(update.key)
            yield self.report(
                creation,
                f"{roles[update.key]} '{name}' {'is' if roles[update.key] == 'bias' else 'are'} created as an integer array (`{_short(creation)}`) "
                f"and updated in place with floats (`{code(update.statement)}`), which raises "
                f"UFuncTypeError: create it as floats: `{_short(replacement)}`",
                fix=self.replace(creation, replacement, "Create the array as floats"),
            )

    def _roles(self) -> dict:
        """Keys used as the weights (a factor) or the bias (added to) of a matrix product."""
        model = self.model
        roles: dict = {}
        for node, scope, factors in model.matrix_products:
            for factor in factors:
                key = model.key(transposed_base(factor), scope)
                if key is not None:
                    roles.setdefault(key, "weights")
            parent = model.parent(node)
            if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add):
                other = parent.right if parent.left is node else parent.left
                key = model.key(other, scope)
                if key is not None:
                    roles[key] = "bias"
        return roles

    def _is_float(self, expr, scope) -> bool:
        """A step that is certainly not a whole number: a float literal or constant, a true
        division, or an expression whose dtype is float."""
        model = self.model
        if shapes(model).dtype_of(expr, scope) == "float":
            return True
        stack = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, cst.Float):
                return True
            if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
                return True
            if isinstance(node, (cst.Name, cst.Attribute)) and isinstance(model.constant(node, scope), float):
                return True
            stack.extend(node.children)
        return False

    def _origin(self, target, scope):
        """The expression that creates the integer array, and the same expression creating floats."""
        model = self.model
        analysis = shapes(model)
        for value, value_scope in model.values(target, scope):
            if value is target or analysis.dtype_of(value, value_scope) != "int":
                continue
            replacement = _as_float(value)
            if replacement is not None:
                return value, replacement
        return None


def _as_float(value: cst.BaseExpression) -> str | None:
    """`value` creating a float array: its dtype argument set to float, `dtype=float` added to
    an `np.array` literal, or `.astype(float)` appended to an integer creation."""
    if not isinstance(value, cst.Call):
        return None
    module = cst.Module([])
    dtype = keyword_arg(value, "dtype")
    name = numpy_attribute(value.func) or ""
    last = (call_name(value) or "").split(".")[-1]
    if isinstance(value.func, cst.Attribute) and value.func.attr.value == "astype":
        args = [arg.with_changes(value=cst.Name("float")) if arg.keyword is None or arg.keyword.value == "dtype" else arg
                for arg in value.args]
        return module.code_for_node(value.with_changes(args=args))
    if dtype is not None:
        args = [arg.with_changes(value=cst.Name("float")) if arg.keyword is not None and arg.keyword.value == "dtype" else arg
                for arg in value.args]
        return module.code_for_node(value.with_changes(args=args))
    positional = positional_args(value)
    if last in ("zeros", "ones", "empty") and len(positional) == 2:
        args = list(value.args)
        args[1] = args[1].with_changes(value=cst.Name("float"))
        return module.code_for_node(value.with_changes(args=args))
    if name in ("array", "asarray") and len(positional) == 1 and len(value.args) == 1:
        first = value.args[0]
        if first.comma == cst.MaybeSentinel.DEFAULT:
            first = first.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        extra = cst.Arg(
            value=cst.Name("float"),
            keyword=cst.Name("dtype"),
            equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
        )
        return module.code_for_node(value.with_changes(args=[first, extra]))
    return module.code_for_node(value) + ".astype(float)"


def _short(node_or_text) -> str:
    text = node_or_text if isinstance(node_or_text, str) else code(node_or_text)
    text = " ".join(text.split())
    return text if len(text) <= 100 else text[:97] + "..."
