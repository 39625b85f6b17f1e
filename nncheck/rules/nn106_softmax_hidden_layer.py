from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import Application, code, producer_of
from nncheck.rules.base import Invalid, Rule, Valid

_FUNCTIONS = (
    "import numpy as np\n"
    "def softmax(z):\n"
    "    e = np.exp(z - z.max(axis=1, keepdims=True))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
    "def relu(z):\n"
    "    return np.maximum(z, 0)\n"
    "X = np.random.randn(40, 5)\n"
    "Y = np.eye(3)[np.random.randint(0, 3, size=40)]\n"
    "W1 = np.random.randn(5, 8) * 0.1\n"
    "W2 = np.random.randn(8, 3) * 0.1\n"
)
_BACKWARD = (
    "    d2 = (p - Y) / len(X)\n"
    "    d1 = d2 @ W2.T * (h > 0)\n"
    "    W2 -= 0.5 * h.T @ d2\n"
    "    W1 -= 0.5 * X.T @ d1\n"
)


class SoftmaxHiddenLayer(Rule):
    """
    ## What it does
    Finds a softmax whose output feeds another layer's product: a softmax used as a hidden
    layer's activation. The softmax is recognised by what it computes (entries that sum to 1),
    whatever its name; a layer is a product with a trained weight matrix.

    ## Why is this bad?
    A softmax squeezes a whole layer into one probability distribution: its units compete, most
    of them are pushed towards 0, and their gradients (a full Jacobian, not a per-unit factor)
    are small. The next layer sees almost no signal, and a hand-written backward pass rarely
    has the right derivative for it. Softmax belongs on the output of a classifier.

    ## Example
    ```python
    h = softmax(X @ W1)
    out = softmax(h @ W2)
    ```

    ## Use instead
    ```python
    h = relu(X @ W1)          # ReLU family, tanh or sigmoid in hidden layers
    out = softmax(h @ W2)
    ```
    """

    code = "NN106"
    name = "softmax-hidden-layer"
    severity = Severity.WARNING
    summary = "a softmax output feeds another layer: softmax used as a hidden activation"

    VALID = [
        Valid(
            _FUNCTIONS
            + "for i in range(100):\n"
            "    h = relu(X @ W1)\n"
            "    p = softmax(h @ W2)\n" + _BACKWARD
        ),
        # attention: the softmax weights mix values, which are no trained weight matrix
        Valid(
            "import numpy as np\n"
            "def attend(q, k, v):\n"
            "    s = q @ k.T / np.sqrt(q.shape[1])\n"
            "    a = np.exp(s - s.max(axis=1, keepdims=True))\n"
            "    a = a / a.sum(axis=1, keepdims=True)\n"
            "    return a @ v\n"
            "tokens = np.random.randn(6, 4)\n"
            "print(attend(tokens, tokens, tokens))\n"
        ),
        # the probabilities go back through the output weights in the backward pass only
        Valid(
            "import numpy as np\n"
            "class Model:\n"
            "    def __init__(self):\n"
            "        self.A = np.random.randn(4, 6) * 0.1\n"
            "        self.B = np.random.randn(6, 2) * 0.1\n"
            "    def norm(self, s):\n"
            "        s = np.exp(s - np.max(s, axis=1, keepdims=True))\n"
            "        return s / np.sum(s, axis=1, keepdims=True)\n"
            "    def train(self, x, t):\n"
            "        hid = np.tanh(x @ self.A)\n"
            "        out = self.norm(hid @ self.B)\n"
            "        g = out - t\n"
            "        gh = g @ self.B.T * (1 - hid ** 2)\n"
            "        self.B -= 0.1 * hid.T @ g\n"
            "        self.A -= 0.1 * x.T @ gh\n"
            "Model().train(np.random.rand(10, 4), np.eye(2)[np.random.randint(0, 2, size=10)])\n"
        ),
    ]
    INVALID = [
        Invalid(
            _FUNCTIONS
            + "for i in range(100):\n"
            "    h = softmax(X @ W1)\n"
            "    p = softmax(h @ W2)\n" + _BACKWARD,
            at="p = softmax(h @ W2)",
            says=("'softmax'", "'h'", "h @ W2", "hidden"),
        ),
        # samples as columns
        Invalid(
            "import numpy as np\n"
            "def spread(Z):\n"
            "    E = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
            "    return E / E.sum(axis=0, keepdims=True)\n"
            "A0 = np.random.rand(3, 20)\n"
            "T = (A0[:1] > 0.5).astype(float)\n"
            "P1 = np.random.randn(6, 3)\n"
            "P2 = np.random.randn(1, 6)\n"
            "for it in range(200):\n"
            "    A1 = spread(np.dot(P1, A0))\n"
            "    A2 = 1 / (1 + np.exp(-np.dot(P2, A1)))\n"
            "    P2 -= 0.1 * np.dot(A2 - T, A1.T)\n"
            "    P1 -= 0.01 * np.dot(np.dot(P2.T, A2 - T), A0.T)\n",
            at="A2 = 1 / (1 + np.exp(-np.dot(P2, A1)))",
            says=("'spread'", "'A1'"),
        ),
        Invalid(
            "import numpy as np\n"
            "class TwoLayer:\n"
            "    def __init__(self, n_in, n_hid, n_out):\n"
            "        self.first = np.random.randn(n_in, n_hid) * 0.1\n"
            "        self.second = np.random.randn(n_hid, n_out) * 0.1\n"
            "    def smx(self, a):\n"
            "        a = np.exp(a - a.max(axis=-1, keepdims=True))\n"
            "        return a / a.sum(axis=-1, keepdims=True)\n"
            "    def forward(self, inp):\n"
            "        self.inp = inp\n"
            "        self.hidden = self.smx(inp.dot(self.first))\n"
            "        return self.hidden.dot(self.second)\n"
            "    def backward(self, grad, lr=0.1):\n"
            "        self.second -= lr * self.hidden.T.dot(grad)\n"
            "        self.first -= lr * self.inp.T.dot(grad.dot(self.second.T))\n"
            "net = TwoLayer(3, 5, 1)\n"
            "data = np.random.rand(12, 3)\n"
            "for _ in range(20):\n"
            "    net.backward(net.forward(data) - data[:, :1])\n",
            at="return self.hidden.dot(self.second)",
            says=("'self.smx'", "'self.hidden'"),
        ),
    ]

    def check(self):
        model = self.model
        reported = set()
        for layer in model.layers:
            if layer.bias_inside:
                continue
            source = producer_of(model, layer.input, layer.scope)
            if not isinstance(source, Application) or source.behaviour.kind != "softmax":
                continue
            if layer.product in reported:
                continue
            reported.add(layer.product)
            yield self.report(
                layer.product,
                f"softmax '{source.name}' output '{code(layer.input)}' feeds the next layer "
                f"`{code(layer.product)}`: a softmax squeezes the hidden units into one distribution "
                f"and starves the next layer of signal; use a ReLU-family, tanh or sigmoid "
                f"activation in hidden layers and keep softmax for the output",
            )
