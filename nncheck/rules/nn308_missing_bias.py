from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import code, data, matrix_product
from nncheck.rules.base import Invalid, Rule, Valid

_LOGISTIC = (
    "import numpy as np\n"
    "rng = np.random.default_rng(0)\n"
    "X = np.column_stack([rng.uniform(0, 10, 200), rng.uniform(4, 10, 200)])\n"
    "y = (0.8 * X[:, :1] + 0.6 * X[:, 1:] > 8.5).astype(float)\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "w = rng.normal(0, 0.01, (2, 1))\n"
    "{bias_init}"
    "for epoch in range(3000):\n"
    "    p = sigmoid({logit})\n"
    "    w -= 0.05 * X.T @ (p - y) / 200\n"
    "{bias_step}"
)


def _logistic(logit: str = "X @ w", bias: bool = False) -> str:
    return _LOGISTIC.format(
        logit=logit,
        bias_init="b = 0.0\n" if bias else "",
        bias_step="    b -= 0.05 * np.mean(p - y)\n" if bias else "",
    )


class MissingBias(Rule):
    """
    ## What it does
    Finds a dense layer with no bias term anywhere in its forward pass: `sigmoid(X @ w)`,
    `np.tanh(x @ W1)`, `Z1 = W1 @ X`, with nothing added to the product, no bias for the same
    weights elsewhere, and no column of ones in the layer's input (the bias folded into the
    weights, as in `np.hstack([X, np.ones((n, 1))])`). Off by default: select it with
    `--select NN308`.

    ## Why is this bad?
    Without a bias, `X @ W` is zero at the origin: every unit's decision boundary is a line (a
    plane) through the origin, and a layer of tanh units can only build odd functions. Data
    whose classes are separated away from the origin, or a target such as `x ** 2`, cannot be
    fit however long the network trains.

    ## Example
    ```python
    p = sigmoid(X @ w)
    ```

    ## Use instead
    ```python
    b = np.zeros((1, 1))             # (1, n_out), trained like the weights
    p = sigmoid(X @ w + b)
    ```
    """

    code = "NN308"
    name = "missing-bias"
    severity = Severity.INFO
    summary = "dense layer with no bias term"
    default = False

    VALID = [
        Valid(_logistic("X @ w + b", bias=True)),
        # the bias is a column of ones in the inputs
        Valid(
            _logistic().replace(
                "w = rng.normal(0, 0.01, (2, 1))\n",
                "X = np.hstack([X, np.ones((200, 1))])\nw = rng.normal(0, 0.01, (3, 1))\n",
            )
        ),
        # the classic literal inputs whose last column is the bias input
        Valid(
            "import numpy as np\n"
            "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
            "y = np.array([[0, 1, 1, 0]]).T\n"
            "W = 2 * np.random.random((3, 1)) - 1\n"
            "for i in range(1000):\n"
            "    out = 1 / (1 + np.exp(-(X @ W)))\n"
            "    W += X.T @ ((y - out) * out * (1 - out))\n"
        ),
        # the bias is added after the product, in a separate statement
        Valid(
            _logistic("z", bias=True).replace("    p = sigmoid(z)\n", "    z = X @ w\n    z += b\n    p = sigmoid(z)\n")
        ),
    ]
    INVALID = [
        Invalid(
            _logistic(),
            at="p = sigmoid(X @ w)",
            says=("`X @ w`", "no bias", "origin"),
        ),
        Invalid(
            "import numpy as np\n"
            "class MLP:\n"
            "    def __init__(self, n_hidden=16):\n"
            "        self.W1 = np.random.randn(1, n_hidden)\n"
            "        self.W2 = np.random.randn(n_hidden, 1) * 0.1\n"
            "        self.b2 = np.zeros((1, 1))\n"
            "    def forward(self, x):\n"
            "        self.h = np.tanh(x @ self.W1)\n"
            "        return self.h @ self.W2 + self.b2\n"
            "    def step(self, x, y, lr=0.05):\n"
            "        g = (self.forward(x) - y) / len(x)\n"
            "        g_h = (g @ self.W2.T) * (1 - self.h ** 2)\n"
            "        self.W2 -= lr * self.h.T @ g\n"
            "        self.b2 -= lr * g.sum(axis=0, keepdims=True)\n"
            "        self.W1 -= lr * x.T @ g_h\n"
            "x = np.random.uniform(-2, 2, (200, 1))\n"
            "net = MLP()\n"
            "for i in range(1000):\n"
            "    net.step(x, x ** 2)\n",
            at="self.h = np.tanh(x @ self.W1)",
            says=("`x @ self.W1`",),
        ),
        Invalid(
            "import numpy as np\n"
            "X = np.random.uniform(0, 4, (2, 300))\n"
            "Y = (((X - 2) ** 2).sum(axis=0, keepdims=True) < 1).astype(float)\n"
            "W1 = np.random.randn(8, 2)\n"
            "W2 = np.random.randn(1, 8)\n"
            "b2 = np.zeros((1, 1))\n"
            "for i in range(500):\n"
            "    Z1 = W1 @ X\n"
            "    A1 = np.maximum(0, Z1)\n"
            "    A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))\n"
            "    dZ2 = A2 - Y\n"
            "    dZ1 = (W2.T @ dZ2) * (Z1 > 0)\n"
            "    W2 -= 0.1 * dZ2 @ A1.T / 300\n"
            "    b2 -= 0.1 * dZ2.mean(axis=1, keepdims=True)\n"
            "    W1 -= 0.1 * dZ1 @ X.T / 300\n",
            at="Z1 = W1 @ X",
            says=("`W1 @ X`",),
        ),
    ]

    def check(self):
        for product in data(self.model).layers_without_bias:
            text = code(product.product)
            factors = matrix_product(product.product)
            shape = "(n_out, 1)" if factors is not None and factors[0] is product.weight else "(1, n_out)"
            yield self.report(
                product.product,
                f"layer `{text}` has no bias: nothing is added to it and `{code(product.input)}` has no "
                f"column of ones, so every unit's decision boundary passes through the origin; add a "
                f"bias of shape {shape} initialised to zeros (`{text} + b`) and train it",
            )
