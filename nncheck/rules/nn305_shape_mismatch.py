from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import (
    broadcast_fails,
    code,
    inner_mismatch,
    matrix_product,
    numpy_attribute,
    positional_args,
    same,
    shapes,
    show,
    transposed_base,
)
from nncheck.rules.base import Invalid, Rule, Valid

_ATOMS = (cst.Name, cst.Attribute, cst.Subscript, cst.Call)


def _net(hidden: str, output: str) -> str:
    return (
        "import numpy as np\n"
        "X = np.random.rand(64, 3)\n"
        "y = np.random.rand(64, 1)\n"
        "W1 = np.random.randn(3, 5) * 0.1\n"
        "W2 = np.random.randn(5, 1) * 0.1\n"
        "for epoch in range(200):\n"
        f"    h = np.tanh({hidden})\n"
        f"    out = {output}\n"
        "    d_out = (out - y) / len(X)\n"
        "    d_h = (d_out @ W2.T) * (1 - h ** 2)\n"
        "    W2 -= 0.1 * h.T @ d_out\n"
        "    W1 -= 0.1 * X.T @ d_h\n"
    )


class ShapeMismatch(Rule):
    """
    ## What it does
    Finds a matrix product (`a @ b`, `np.dot(a, b)`, `a.dot(b)`) whose operands' shapes, read
    from how the arrays were created, have inner dimensions that cannot match; and an
    elementwise `a * b` whose shapes cannot broadcast but do fit a matrix product `a @ b`.
    Only sizes that are known numbers are compared: symbolic or unknown sizes stay silent.

    ## Why is this bad?
    NumPy raises `ValueError: matmul: Input operand 1 has a mismatch in its core dimension`
    (or `shapes (64,3) and (5,1) not aligned`) the first time the line runs. Usually one
    operand is the transpose of what the layer needs, the operands are in the wrong order
    (rows layout `X @ W` against columns layout `W @ X`), or `*` was written for `@`.

    ## Example
    ```python
    W1 = np.random.randn(n_hidden, n_in)
    h = np.tanh(X @ W1)
    ```

    ## Use instead
    ```python
    W1 = np.random.randn(n_in, n_hidden)
    h = np.tanh(X @ W1)
    ```
    """

    code = "NN305"
    name = "shape-mismatch"
    severity = Severity.ERROR
    summary = "a product whose static shapes cannot match, or `*` where `@` was meant"

    VALID = [
        Valid(_net("X @ W1", "h @ W2")),
        Valid(_net("np.dot(X, W1)", "np.dot(h, W2)")),
        # columns layout: W @ X with samples as columns
        Valid(
            "import numpy as np\n"
            "A0 = np.random.rand(3, 64)\n"
            "Y = np.random.rand(1, 64)\n"
            "W1 = np.random.randn(5, 3) * 0.1\n"
            "W2 = np.random.randn(1, 5) * 0.1\n"
            "for epoch in range(200):\n"
            "    A1 = np.tanh(W1 @ A0)\n"
            "    A2 = W2 @ A1\n"
            "    dZ2 = (A2 - Y) / 64\n"
            "    W2 -= 0.1 * dZ2 @ A1.T\n"
            "    W1 -= 0.1 * ((W2.T @ dZ2) * (1 - A1 ** 2)) @ A0.T\n"
        ),
        # symbolic sizes that may or may not agree: unknown stays silent
        Valid(
            "import numpy as np\n"
            "def init(n_in, n_hidden):\n"
            "    return np.random.randn(n_hidden, n_in)\n"
            "def forward(batch, kernel):\n"
            "    return batch @ kernel\n"
        ),
        # elementwise scaling by a row vector broadcasts fine
        Valid(
            "import numpy as np\n"
            "acts = np.random.rand(32, 8)\n"
            "mask = (np.random.rand(1, 8) > 0.5) / 0.5\n"
            "dropped = acts * mask\n"
        ),
    ]
    INVALID = [
        Invalid(
            _net("X @ W1", "h @ W2.T"),
            at="out = h @ W2.T",
            says=("(64, 5)", "(1, 5)", "`h @ W2`"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.inputs = np.random.rand(10, 4)\n"
            "        self.hidden = np.random.randn(6, 4)\n"
            "    def forward(self):\n"
            "        return np.dot(self.inputs, self.hidden)\n"
            "    def step(self, grad):\n"
            "        self.hidden -= 0.1 * grad\n",
            at="return np.dot(self.inputs, self.hidden)",
            says=("'self.inputs' (10, 4)", "'self.hidden' (6, 4)", "`np.dot(self.inputs, self.hidden.T)`"),
        ),
        Invalid(
            _net("X * W1", "h @ W2"),
            at="h = np.tanh(X * W1)",
            says=("elementwise", "(64, 3)", "(3, 5)", "`X @ W1`"),
        ),
        # the operands in the wrong order
        Invalid(
            "import numpy as np\n"
            "feats = np.random.rand(20, 7)\n"
            "proj = np.random.rand(7, 2)\n"
            "emb = proj @ feats\n",
            at="emb = proj @ feats",
            says=("`feats @ proj`",),
        ),
    ]

    def check(self):
        model = self.model
        analysis = shapes(model)
        for node, scope in model.nodes(cst.BinaryOperation, cst.Call):
            factors = matrix_product(node)
            if factors is not None:
                if isinstance(node, cst.Call) and numpy_attribute(node.func) is not None and len(positional_args(node)) > 2:
                    continue  # np.dot(a, b, out): NN307's business
                first, second = factors
                a, b = analysis.shape_of(first, scope), analysis.shape_of(second, scope)
                if not inner_mismatch(a, b):
                    continue
                hint = _suggestion(node, first, second, a, b)
                yield self.report(
                    node,
                    f"`{code(node)}` cannot be computed: '{code(first)}' {show(a)} and '{code(second)}' "
                    f"{show(b)} have inner dimensions {a[-1]} and {b[0]}, which differ (ValueError); "
                    + (f"did you mean `{hint}`?" if hint else "check the layer sizes"),
                )
            elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
                a, b = analysis.shape_of(node.left, scope), analysis.shape_of(node.right, scope)
                if a is None or b is None or len(a) != 2 or len(b) != 2:
                    continue
                if not broadcast_fails(a, b) or not same(a[1], b[0]):
                    continue
                product = f"{_operand(node.left)} @ {_operand(node.right)}"
                yield self.report(
                    node,
                    f"`{code(node)}` multiplies elementwise, but '{code(node.left)}' {show(a)} and "
                    f"'{code(node.right)}' {show(b)} cannot broadcast (ValueError) and fit a matrix "
                    f"product: use `{product}`",
                )


def _operand(node: cst.BaseExpression) -> str:
    text = code(node)
    return text if isinstance(node, _ATOMS) or node.lpar else f"({text})"


def _transposed(node: cst.BaseExpression) -> str:
    base = transposed_base(node)
    if base is not node:
        return _operand(base)
    return f"{_operand(node)}.T"


def _suggestion(node, first, second, a, b) -> str | None:
    """The product with one operand transposed, or the two swapped, whose shapes do match."""
    if len(a) != 2 or len(b) != 2:
        return None
    options = []
    if same(a[1], b[1]):
        options.append((_operand(first), _transposed(second)))
    if same(a[0], b[0]):
        options.append((_transposed(first), _operand(second)))
    if same(a[0], b[1]):
        options.append((_operand(second), _operand(first)))
    if not options:
        return None
    left, right = options[0]
    if isinstance(node, cst.Call):
        func = code(node.func)
        if numpy_attribute(node.func) is not None:
            return f"{func}({left}, {right})"
        return f"{left}.dot({right})"
    return f"{left} @ {right}"
