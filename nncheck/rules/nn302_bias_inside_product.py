from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import code
from nncheck.rules.base import Invalid, Rule, Valid

import libcst as cst


class BiasInsideProduct(Rule):
    """
    ## What it does
    Finds a bias added to the weights inside the matrix product: `X @ (W + b)` or
    `np.dot(X, W + b)`, where both `W` and `b` are trained parameters.

    ## Why is this bad?
    `X @ (W + b)` computes `X @ W + X @ b`: the "bias" is scaled by every input, so it is just a
    second weight matrix, and the layer has no offset at all. An input of zeros always gives a
    pre-activation of zero, which the network cannot shift.

    ## Example
    ```python
    z = np.dot(X, W + b)
    ```

    ## Use instead
    ```python
    z = np.dot(X, W) + b
    ```
    """

    code = "NN302"
    name = "bias-inside-product"
    severity = Severity.ERROR
    summary = "the bias is added to the weights inside the product: X @ (W + b)"
    fix_availability = "always"

    _SETUP = (
        "import numpy as np\n"
        "X = np.random.rand(8, 3)\n"
        "y = np.random.rand(8, 1)\n"
        "W = np.random.randn(3, 1)\n"
        "b = np.zeros((1, 1))\n"
    )
    _UPDATE = "W -= 0.1 * X.T @ (out - y)\nb -= 0.1 * np.sum(out - y, axis=0, keepdims=True)\n"

    VALID = [
        Valid(_SETUP + "out = X @ W + b\n" + _UPDATE),
        Valid(_SETUP + "out = np.dot(X, W) + b\n" + _UPDATE),
        # Nesterov momentum looks ahead with the velocity, which is no bias.
        Valid(
            _SETUP + "v = np.zeros_like(W)\n"
            "out = X @ (W + 0.9 * v)\n"
            "v = 0.9 * v - 0.1 * X.T @ (out - y)\n"
            "W += v\n"
        ),
        Valid(
            _SETUP + "eps = 1e-6\n"
            "plus = np.dot(X, W + eps)\n" + _UPDATE
        ),
    ]
    INVALID = [
        Invalid(
            _SETUP + "out = np.dot(X, W + b)\n" + _UPDATE,
            at="out = np.dot(X, W + b)",
            says=("'b'", "np.dot(X, W) + b"),
            fixed=_SETUP + "out = np.dot(X, W) + b\n" + _UPDATE,
        ),
        Invalid(
            _SETUP + "out = X @ (W + b)\n" + _UPDATE,
            at="out = X @ (W + b)",
            says=("X @ W + b",),
        ),
        Invalid(
            "import numpy as np\n"
            "class Layer:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.kernel = np.random.randn(n_out, n_in) * 0.1\n"
            "        self.offset = np.zeros((n_out, 1))\n"
            "    def forward(self, A):\n"
            "        self.A = A\n"
            "        return np.tanh(np.dot(self.kernel + self.offset, A))\n"
            "    def backward(self, dZ, lr):\n"
            "        self.kernel -= lr * dZ @ self.A.T\n"
            "        self.offset -= lr * dZ.sum(axis=1, keepdims=True)\n",
            at="np.tanh(np.dot(self.kernel + self.offset, A))",
            says=("'self.offset'", "np.dot(self.kernel, A) + self.offset"),
        ),
    ]

    def check(self):
        for layer in self.model.layers:
            if not layer.bias_inside:
                continue
            corrected = _corrected(layer)
            bias = code(layer.bias)
            yield self.report(
                layer.product,
                f"bias '{bias}' is added to the weights inside the product `{code(layer.product)}`: "
                f"that scales the bias by every input, so the layer has no offset; add it after the "
                f"product: `{corrected}`",
                fix=self._fix(layer, corrected),
            )

    def _fix(self, layer, corrected: str):
        parent = self.model.parent(layer.product)
        text = corrected
        # `+` binds more loosely than everything a product can sit inside of, except these.
        if not isinstance(parent, (cst.Assign, cst.Arg, cst.Return, cst.AugAssign, cst.AnnAssign,
                                   cst.Element, cst.Expr, cst.DictElement)):
            text = f"({corrected})"
        return self.replace(layer.product, text, f"Add '{code(layer.bias)}' after the product")


def _corrected(layer) -> str:
    product = layer.product
    weight, bias = code(layer.weight), code(layer.bias)
    other = code(layer.input)
    if isinstance(product, cst.BinaryOperation):
        return f"{other} @ {weight} + {bias}" if layer.layout == "rows" else f"{weight} @ {other} + {bias}"
    func = code(product.func)
    if func.endswith(".dot") and not func.startswith(("np.", "numpy.")):
        return f"{other}.dot({weight}) + {bias}"
    first, second = (other, weight) if layer.layout == "rows" else (weight, other)
    return f"{func}({first}, {second}) + {bias}"
