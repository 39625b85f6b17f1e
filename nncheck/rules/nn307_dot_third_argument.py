from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Severity
from nncheck.model import (
    CREATION_FUNCTIONS,
    code,
    matmul_shape,
    numpy_attribute,
    positional_args,
    same,
    shapes,
    show,
    transposed_base,
)
from nncheck.rules.base import Invalid, Rule, Valid

# Where `a @ b @ c` can stand without parentheses (it binds tighter than everything else here).
_LOOSE_PARENTS = (cst.Assign, cst.Arg, cst.Return, cst.AugAssign, cst.AnnAssign, cst.Element,
                  cst.Expr, cst.DictElement, cst.Index)
# Operands that must keep their own parentheses inside a chain of `@`.
_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.Integer, cst.Float)

_SETUP = (
    "import numpy as np\n"
    "X = np.random.rand(20, 4)\n"
    "y = np.random.rand(20, 1)\n"
    "W1 = np.random.randn(4, 8) * 0.1\n"
    "W2 = np.random.randn(8, 1) * 0.1\n"
)
_TRAIN = (
    "for step in range(100):\n"
    "    h = np.tanh(X @ W1)\n"
    "    out = h @ W2\n"
    "    d_out = (out - y) / len(X)\n"
    "    W2 -= 0.1 * h.T @ d_out\n"
    "    W1 -= 0.1 * X.T @ ((d_out @ W2.T) * (1 - h ** 2))\n"
)


class DotThirdArgument(Rule):
    """
    ## What it does
    Finds `np.dot(a, b, c)` (and `a.dot(b, c)`) written as a product of three factors.
    The third argument of `np.dot` is not a factor: it is `out`, the array the result is
    written into. It is reported when `c` is a weight of the network (a trained parameter, or
    a factor of another product), when its shape shows it cannot be the output buffer but
    does chain onto `a @ b`, and when `c` is a temporary such as a ReLU mask `(z1 > 0)` or a
    derivative (then the fix multiplies by it elementwise, and is unsafe: check the intent).

    ## Why is this bad?
    `np.dot` multiplies only its first two arguments. When `c` does not have the exact shape
    and dtype of `a @ b`, the call raises `ValueError: output array is not acceptable`; when it
    happens to fit, the product silently overwrites `c` (a weight matrix, destroyed) and the
    third factor is never applied.

    ## Example
    ```python
    scores = np.dot(X, W1, W2)
    ```

    ## Use instead
    ```python
    scores = X @ W1 @ W2
    ```
    """

    code = "NN307"
    name = "dot-third-argument"
    severity = Severity.ERROR
    summary = "np.dot(a, b, c): the third argument is the output buffer, not a third factor"
    fix_availability = "always"

    VALID = [
        Valid(_SETUP + _TRAIN + "print(np.dot(np.dot(X, W1), W2)[:3])\n"),
        # a preallocated buffer of the product's shape is what `out` is for
        Valid(
            "import numpy as np\n"
            "A = np.random.rand(64, 32)\n"
            "B = np.random.rand(32, 16)\n"
            "buffer = np.empty((64, 16))\n"
            "for _ in range(10):\n"
            "    np.dot(A, B, buffer)\n"
            "    print(buffer.sum())\n"
        ),
        Valid(
            "import numpy as np\n"
            "def project(points, basis, out):\n"
            "    return np.dot(points, basis, out)\n"
        ),
        Valid(_SETUP + _TRAIN + "scores = X.dot(W1).dot(W2)\n"),
    ]
    INVALID = [
        Invalid(
            _SETUP + "for step in range(100):\n"
            "    z1 = X @ W1\n"
            "    h = np.maximum(0, z1)\n"
            "    d_out = (h @ W2 - y) / len(X)\n"
            "    d_h = np.dot(d_out, W2.T, (z1 > 0))\n"
            "    W2 -= 0.1 * h.T @ d_out\n"
            "    W1 -= 0.1 * X.T @ d_h\n",
            at="d_h = np.dot(d_out, W2.T, (z1 > 0))",
            says=("`(z1 > 0)`", "temporary", "`d_out @ W2.T * (z1 > 0)`"),
            fixed=_SETUP + "for step in range(100):\n"
            "    z1 = X @ W1\n"
            "    h = np.maximum(0, z1)\n"
            "    d_out = (h @ W2 - y) / len(X)\n"
            "    d_h = d_out @ W2.T * (z1 > 0)\n"
            "    W2 -= 0.1 * h.T @ d_out\n"
            "    W1 -= 0.1 * X.T @ d_h\n",
        ),
        Invalid(
            _SETUP + _TRAIN + "scores = np.dot(X, W1, W2)\n",
            at="scores = np.dot(X, W1, W2)",
            says=("'W2'", "`X @ W1 @ W2`"),
            fixed=_SETUP + _TRAIN + "scores = X @ W1 @ W2\n",
        ),
        Invalid(
            "import numpy as np\n"
            "class TwoLayer:\n"
            "    def __init__(self, n_in, n_hidden, n_out):\n"
            "        self.first = np.random.randn(n_in, n_hidden) * 0.1\n"
            "        self.second = np.random.randn(n_hidden, n_out) * 0.1\n"
            "    def logits(self, batch):\n"
            "        return np.dot(batch, self.first, self.second).T\n"
            "    def step(self, batch, grad_first, grad_second):\n"
            "        self.first -= 0.01 * grad_first\n"
            "        self.second -= 0.01 * grad_second\n",
            at="return np.dot(batch, self.first, self.second).T",
            says=("'self.second'", "`(batch @ self.first @ self.second)`"),
            fixed=(
                "import numpy as np\n"
                "class TwoLayer:\n"
                "    def __init__(self, n_in, n_hidden, n_out):\n"
                "        self.first = np.random.randn(n_in, n_hidden) * 0.1\n"
                "        self.second = np.random.randn(n_hidden, n_out) * 0.1\n"
                "    def logits(self, batch):\n"
                "        return (batch @ self.first @ self.second).T\n"
                "    def step(self, batch, grad_first, grad_second):\n"
                "        self.first -= 0.01 * grad_first\n"
                "        self.second -= 0.01 * grad_second\n"
            ),
        ),
        # a projection matrix that is never trained, but its shape chains and cannot be `out`
        Invalid(
            "import numpy as np\n"
            "features = np.random.rand(50, 6)\n"
            "mix = np.random.rand(6, 6)\n"
            "proj = np.random.rand(6, 2)\n"
            "embedded = np.dot(features, mix + np.eye(6), proj)\n"
            "print(embedded.shape)\n",
            at="embedded = np.dot(features, mix + np.eye(6), proj)",
            says=("(6, 2)", "(50, 6)", "features @ (mix + np.eye(6)) @ proj"),
        ),
    ]

    def check(self):
        model = self.model
        analysis = shapes(model)
        weights = self._product_factors()
        for call, scope in model.calls:
            parts = self._factors(call, scope)
            if parts is None:
                continue
            first, second, third = parts
            third_key = model.key(third, scope)
            product = matmul_shape(analysis.shape_of(first, scope), analysis.shape_of(second, scope))
            buffer = analysis.shape_of(third, scope)
            pair = f"{_operand(first, 0)} @ {_operand(second, 1)}"
            if model.is_trained(third, scope) or (third_key is not None and third_key in weights):
                why = f"'{code(third)}' is a weight of the network"
            elif (
                product is not None and buffer is not None and len(product) == 2 and len(buffer) == 2
                and same(product[1], buffer[0]) and _certainly_not(product, buffer)
            ):
                why = f"'{code(third)}' has shape {show(buffer)} but `{pair}` has shape {show(product)}"
            elif _temporary(third):
                # `np.dot(delta2, W2.T, (z1 > 0))`: a temporary cannot be meant as the buffer;
                # a mask or a derivative beside a backward product multiplies elementwise.
                factor = _operand(third, 2)
                text = _in_context(f"{pair} * {factor}", model.parent(call), call)
                yield self.report(
                    call,
                    f"`{code(call)}` multiplies only two factors: the third argument of `np.dot` "
                    f"is `out`, the array the result is written into, and `{code(third)}` is a new "
                    f"temporary array, so the product is lost (or raises ValueError); to multiply by "
                    f"it elementwise write `{text}`",
                    fix=self.replace(call, text, f"Multiply elementwise by `{code(third)}`",
                                     Applicability.UNSAFE),
                )
                continue
            else:
                continue
            chained = f"{pair} @ {_operand(third, 2)}"
            text = _in_context(chained, model.parent(call), call)
            yield self.report(
                call,
                f"`{code(call)}` multiplies only two factors: the third argument of `np.dot` is `out`, "
                f"the array the result is written into, and {why}; write `{text}`",
                fix=self.replace(call, text, f"Multiply the three factors: `{chained}`"),
            )

    def _factors(self, call: cst.Call, scope):
        args = positional_args(call)
        if len(call.args) != 3 - (numpy_attribute(call.func) is None) or len(args) != len(call.args):
            return None
        name = numpy_attribute(call.func)
        if name == "dot" and len(args) == 3:
            return args[0], args[1], args[2]
        if (
            name is None
            and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "dot"
            and len(args) == 2
            and self.model.is_array(call.func.value, scope)
        ):
            return call.func.value, args[0], args[1]
        return None

    def _product_factors(self) -> set:
        """Keys used as a factor of some other matrix product: weights, whatever their name."""
        keys = set()
        for node, scope, factors in self.model.matrix_products:
            if isinstance(node, cst.Call) and len(node.args) > 2:
                continue
            if isinstance(node, cst.Call) and numpy_attribute(node.func) is None and len(node.args) > 1:
                continue
            for factor in factors:
                key = self.model.key(transposed_base(factor), scope)
                if key is not None:
                    keys.add(key)
        return keys


def _temporary(arg: cst.BaseExpression) -> bool:
    """A new array computed for this call (a mask, a derivative), never a buffer made to hold a
    product (`np.empty((n, k))` is one, and `np.dot` returns it filled: fine)."""
    if isinstance(arg, (cst.Comparison, cst.BinaryOperation, cst.UnaryOperation)):
        return True
    if isinstance(arg, cst.Call):
        return (numpy_attribute(arg.func) or "").split(".")[-1] not in CREATION_FUNCTIONS
    return False


def _certainly_not(product, buffer) -> bool:
    """The buffer certainly is not the product's shape."""
    return any(isinstance(p, int) and isinstance(b, int) and p != b for p, b in zip(product, buffer))


def _operand(arg: cst.BaseExpression, index: int) -> str:
    text = code(arg)
    if isinstance(arg, _ATOMS) or arg.lpar:
        return text
    if index == 0 and isinstance(arg, cst.BinaryOperation) and isinstance(arg.operator, (cst.MatrixMultiply, cst.Power)):
        return text
    if isinstance(arg, cst.UnaryOperation) and not isinstance(arg.operator, cst.Not):
        return text if index == 0 else f"({text})"
    return f"({text})"


def _in_context(chained: str, parent, call) -> str:
    if isinstance(parent, _LOOSE_PARENTS):
        return chained
    if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, (cst.Add, cst.Subtract)):
        return chained
    if (
        isinstance(parent, cst.BinaryOperation)
        and parent.left is call
        and isinstance(parent.operator, (cst.Multiply, cst.Divide, cst.MatrixMultiply, cst.FloorDivide, cst.Modulo))
    ):
        return chained
    return f"({chained})"
