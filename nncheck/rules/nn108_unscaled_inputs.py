from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import code, data
from nncheck.rules.base import Invalid, Rule, Valid

# A sigmoid's or tanh's slope is below 1e-8 past |z| = 20: as the row of the catalogue says,
# inputs beyond that magnitude are far outside the responsive range.
LARGEST_RESPONSIVE = 20.0

_PIXELS = (
    "import numpy as np\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "X = np.random.randint(0, 256, size=(500, 64)).astype(float){scale}\n"
    "y = (X[:, :32].mean(axis=1, keepdims=True) > X[:, 32:].mean(axis=1, keepdims=True)).astype(float)\n"
    "W1 = np.random.randn(64, 16) * 0.1\n"
    "b1 = np.zeros((1, 16))\n"
    "W2 = np.random.randn(16, 1) * 0.1\n"
    "for epoch in range(500):\n"
    "    A1 = sigmoid(X @ W1 + b1)\n"
    "    A2 = sigmoid(A1 @ W2)\n"
    "    dZ2 = A2 - y\n"
    "    dZ1 = dZ2 @ W2.T * A1 * (1 - A1)\n"
    "    W2 -= 0.5 * A1.T @ dZ2 / 500\n"
    "    W1 -= 0.5 * X.T @ dZ1 / 500\n"
    "    b1 -= 0.5 * dZ1.mean(axis=0, keepdims=True)\n"
)


class UnscaledInputs(Rule):
    """
    ## What it does
    Finds data fed unscaled into a saturating first layer: a sigmoid or tanh layer whose input
    array holds values of magnitude beyond 20 (raw pixels 0..255, prices, years, incomes). The
    values are read from how the script makes or loads the data (literals, `np.random.randint(0,
    256, ...)`, `rng.uniform(500, 4000, n)`, a small CSV file beside the script); when they are
    not known, or once the data is standardised or divided by its range, the rule stays silent.

    ## Why is this bad?
    With inputs in the hundreds, the pre-activations `X @ W1 + b1` are in the tens or hundreds
    for any ordinary initialisation. A sigmoid or tanh there outputs exactly 0, 1 or ±1, and its
    slope is ~0: the gradient reaching the first layer vanishes and the network barely learns
    (or its `np.exp` overflows). Features with wildly different scales (age and income) also
    make one of them dominate every product.

    ## Example
    ```python
    X = images.reshape(n, 64).astype(float)     # pixel values 0..255
    A1 = sigmoid(X @ W1 + b1)
    ```

    ## Use instead
    ```python
    X = images.reshape(n, 64) / 255.0            # or (X - X.mean(axis=0)) / X.std(axis=0)
    A1 = sigmoid(X @ W1 + b1)
    ```
    """

    code = "NN108"
    name = "unscaled-inputs"
    severity = Severity.WARNING
    summary = "inputs of large magnitude fed unscaled to a sigmoid or tanh layer"

    VALID = [
        # pixels divided by 255
        Valid(_PIXELS.format(scale=" / 255")),
        # standardised features
        Valid(_PIXELS.format(scale="\nX = (X - X.mean(axis=0)) / X.std(axis=0)")),
        # scaled in place
        Valid(_PIXELS.format(scale="\nX /= 255.0")),
        # a ReLU layer is not saturating
        Valid(_PIXELS.format(scale="").replace("A1 = sigmoid(X @ W1 + b1)", "A1 = np.maximum(0, X @ W1 + b1)")),
        # inputs already in a small range
        Valid(
            "import numpy as np\n"
            "X = np.random.uniform(-3, 3, (100, 2))\n"
            "W = np.random.randn(2, 4)\n"
            "for i in range(100):\n"
            "    h = np.tanh(X @ W)\n"
            "    W -= 0.1 * X.T @ ((h - 0.5) * (1 - h ** 2))\n"
        ),
    ]
    INVALID = [
        Invalid(
            _PIXELS.format(scale=""),
            at="A1 = sigmoid(X @ W1 + b1)",
            says=("`X` holds values 0..255", "sigmoid", "standardise", "255"),
        ),
        Invalid(
            "import numpy as np\n"
            "def make_data(n, seed=0):\n"
            "    rng = np.random.default_rng(seed)\n"
            "    sqft = rng.uniform(500, 4000, n)\n"
            "    year = rng.integers(1950, 2021, n).astype(float)\n"
            "    price = 0.9 + 0.0011 * sqft + 0.02 * (year - 1950)\n"
            "    return np.column_stack([sqft, year]), price.reshape(-1, 1)\n"
            "def forward(X, W1, b1, W2):\n"
            "    h = np.tanh(X @ W1 + b1)\n"
            "    return h, h @ W2\n"
            "X, y = make_data(400)\n"
            "W1, b1, W2 = np.random.randn(2, 8), np.zeros(8), np.random.randn(8, 1)\n"
            "for epoch in range(100):\n"
            "    h, out = forward(X, W1, b1, W2)\n"
            "    d_out = (out - y) / 400\n"
            "    d_h = d_out @ W2.T * (1 - h ** 2)\n"
            "    W2 -= 0.01 * h.T @ d_out\n"
            "    W1 -= 0.01 * X.T @ d_h\n",
            at="h = np.tanh(X @ W1 + b1)",
            says=("`X` holds values 500..4000", "tanh"),
        ),
        Invalid(
            "import numpy as np\n"
            "m = 600\n"
            "age = np.random.randint(18, 80, m)\n"
            "income = np.random.randint(20000, 150000, m)\n"
            "X = np.vstack([age, income]).astype(float)\n"
            "Y = (income > 60000).astype(int).reshape(1, m)\n"
            "def sigmoid(Z):\n"
            "    return 1 / (1 + np.exp(-Z))\n"
            "params = {'W1': np.random.randn(4, 2), 'W2': np.random.randn(1, 4)}\n"
            "for i in range(100):\n"
            "    A = X\n"
            "    for name in ('W1', 'W2'):\n"
            "        A = sigmoid(params[name] @ A)\n"
            "    dZ = A - Y\n",
            at="A = sigmoid(params[name] @ A)",
            says=("`A` holds values", "149999"),
        ),
    ]

    def check(self):
        reported_weights = set()
        reported_nodes = set()
        model = self.model
        for found in sorted(data(model).saturating_inputs, key=lambda f: model.span(f.application.node)[0]):
            # A normal draw's range is only an estimate (mean ± 3 sd), and most of its values lie
            # well inside it: the evidence must be bounds the data certainly reaches.
            if found.range.approximate or found.range.magnitude <= LARGEST_RESPONSIVE:
                continue
            weight = code(found.weight)
            application = found.application
            if weight in reported_weights or application.node in reported_nodes:
                continue
            reported_weights.add(weight)
            reported_nodes.add(application.node)
            kind = application.behaviour.description
            yield self.report(
                application.node,
                f"`{code(found.array)}` holds values {found.range.show()} and is fed unscaled to the "
                f"{kind} layer `{code(application.node)}`: its units saturate (slope ~0) and the "
                f"first layer barely learns; standardise the inputs ((X - X.mean(axis=0)) / "
                f"X.std(axis=0)) or divide by their range (pixels / 255)",
            )
