from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import code
from nncheck.rules.base import Invalid, Rule, Valid

_SOFTMAX = (
    "import numpy as np\n"
    "def softmax(z):\n"
    "    e = np.exp(z - z.max(axis=1, keepdims=True))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
    "X = np.random.rand(6, 2)\n"
    "y = np.array([[0], [1], [1], [0], [1], [0]])\n"
)


_OBJECTS = (
    "import numpy as np\n"
    "class Tanh:\n"
    "    def __call__(self, x):\n"
    "        return np.tanh(x)\n"
    "class Softmax:\n"
    "    def __call__(self, x):\n"
    "        e = np.exp(x - x.max(axis=1, keepdims=True))\n"
    "        return e / e.sum(axis=1, keepdims=True)\n"
    "class Layer:\n"
    "    def __init__(self, n_in, n_out, activation):\n"
    "        self.W = np.random.randn(n_in, n_out) * 0.3\n"
    "        self.b = np.zeros((1, n_out))\n"
    "        self.activation = activation\n"
    "    def forward(self, x):\n"
    "        self.z = x @ self.W + self.b\n"
    "        return self.activation(self.z)\n"
    "hidden = Layer(2, 8, Tanh())\n"
    "output = Layer(8, {units}, Softmax())\n"
    "X = np.random.randn(50, 2)\n"
    "y = (X[:, :1] > 0).astype(float)\n"
    "for _ in range(100):\n"
    "    h = hidden.forward(X)\n"
    "    p = output.forward(h)\n"
    "    d = (p - y) / 50\n"
    "    output.W -= 0.1 * h.T @ d\n"
    "    output.b -= 0.1 * d.sum(axis=0, keepdims=True)\n"
)


class SoftmaxSingleUnit(Rule):
    """
    ## What it does
    Finds a softmax over an axis of length 1, for example on an output layer with a single
    unit. The softmax is recognised by what it computes (entries that sum to 1), not its name.

    ## Why is this bad?
    A softmax divides each score by the sum over its axis. Over one unit that is `e / e`:
    the output is always 1.0, whatever the input, and its gradient is 0. The network cannot
    learn anything.

    ## Example
    ```python
    W2 = np.random.randn(4, 1)
    out = softmax(h @ W2)
    ```

    ## Use instead
    ```python
    W2 = np.random.randn(4, 1)
    out = sigmoid(h @ W2)          # one unit: sigmoid
    # or: W2 = np.random.randn(4, 2); out = softmax(h @ W2) with one-hot labels
    ```
    """

    code = "NN102"
    name = "softmax-single-unit"
    severity = Severity.ERROR
    summary = "softmax over a single output unit: always 1.0, gradient 0"

    VALID = [
        # layer objects: this output layer has two units
        Valid(_OBJECTS.format(units=2)),
        Valid(_SOFTMAX + "W = np.random.randn(2, 2)\nout = softmax(X @ W)\nW -= 0.1 * X.T @ (out - y)\n"),
        Valid(_SOFTMAX + "W = np.random.randn(2, 1)\nout = 1 / (1 + np.exp(-(X @ W)))\nW -= 0.1 * X.T @ (out - y)\n"),
        Valid(
            "import numpy as np\n"
            "def softmax(z):\n"
            "    e = np.exp(z - z.max(axis=0, keepdims=True))\n"
            "    return e / e.sum(axis=0, keepdims=True)\n"
            "A = np.random.rand(2, 6)\n"
            "W = np.random.randn(3, 2)\n"
            "out = softmax(W @ A)\n"
            "W -= 0.1 * (out - 1) @ A.T\n"
        ),
    ]
    INVALID = [
        # layer objects: the output Layer built with one unit gets the softmax
        Invalid(_OBJECTS.format(units=1), at="return self.activation(self.z)", says=("'self.W' has 1 output unit",)),
        Invalid(
            _SOFTMAX + "W = np.random.randn(2, 1)\nout = softmax(X @ W)\nW -= 0.1 * X.T @ (out - y)\n",
            at="out = softmax(X @ W)",
            says=("'softmax'", "always 1.0", "sigmoid"),
        ),
        Invalid(
            "import numpy as np\n"
            "def normalise(scores):\n"
            "    exps = np.exp(scores)\n"
            "    return exps / np.sum(exps, axis=0, keepdims=True)\n"
            "A0 = np.random.rand(3, 10)\n"
            "W1 = np.random.randn(1, 3) * 0.01\n"
            "b1 = np.zeros((1, 1))\n"
            "A1 = normalise(np.dot(W1, A0) + b1)\n"
            "W1 -= 0.5 * np.dot(A1 - 1, A0.T)\n",
            at="A1 = normalise(",
            says=("'normalise'",),
        ),
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.w = np.random.randn(5, 1)\n"
            "    def softmax(self, z):\n"
            "        z = z - np.max(z, axis=1, keepdims=True)\n"
            "        return np.exp(z) / np.sum(np.exp(z), axis=1, keepdims=True)\n"
            "    def forward(self, x):\n"
            "        self.p = self.softmax(x @ self.w)\n"
            "        return self.p\n"
            "    def step(self, x, t):\n"
            "        self.w -= 0.1 * x.T @ (self.p - t)\n",
            at="self.p = self.softmax",
            says=("'self.softmax'",),
        ),
    ]

    def check(self):
        for application in self.model.applications:
            behaviour = application.behaviour
            if behaviour.kind != "softmax" or behaviour.normalised_axis not in (0, 1):
                continue
            layer = self.model.layer_of(application.argument, application.scope)
            if layer is None:
                continue
            shape = self.model.shape_for(layer.weight, layer.scope, application.contexts)
            if shape is None or len(shape) != 2:
                continue
            units, unit_axis = (shape[1], 1) if layer.layout == "rows" else (shape[0], 0)
            if units != 1 or behaviour.normalised_axis != unit_axis:
                continue
            yield self.report(
                application.node,
                f"softmax '{application.name}' normalises over a single unit ('{code(layer.weight)}' "
                f"has 1 output unit): the output is always 1.0 and its gradient is 0; use a sigmoid "
                f"for one unit, or two units with softmax and one-hot labels",
            )
