from __future__ import annotations

import functools

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import call_name, code, key_name, positional_args, RANDOM_FUNCTIONS, show
from nncheck.rules.base import Invalid, Rule, Valid

_CONSTANT = {"zeros", "ones", "full", "zeros_like", "ones_like", "full_like"}


def _net(first: str, second: str) -> str:
    return (
        "import numpy as np\n"
        "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
        "y = np.array([[0], [1], [1], [0]], dtype=float)\n"
        f"W1 = {first}\n"
        "b1 = np.zeros((1, 4))\n"
        f"W2 = {second}\n"
        "b2 = np.zeros((1, 1))\n"
        "for epoch in range(2000):\n"
        "    h = np.tanh(X @ W1 + b1)\n"
        "    out = 1 / (1 + np.exp(-(h @ W2 + b2)))\n"
        "    d_out = out - y\n"
        "    d_h = (d_out @ W2.T) * (1 - h ** 2)\n"
        "    W2 -= 0.5 * h.T @ d_out\n"
        "    b2 -= 0.5 * d_out.sum(axis=0, keepdims=True)\n"
        "    W1 -= 0.5 * X.T @ d_h\n"
        "    b1 -= 0.5 * d_h.sum(axis=0, keepdims=True)\n"
    )


# One line of code for every layer: the init loop, the forward loop, the backward loop.
_LOOP_OF_LAYERS = (
    "import numpy as np\n"
    "def init(dims):\n"
    "    params = {{}}\n"
    "    for l in range(1, len(dims)):\n"
    "        params['W' + str(l)] = {init}\n"
    "        params['b' + str(l)] = np.zeros((dims[l], 1))\n"
    "    return params\n"
    "def forward(X, params, L):\n"
    "    A = X\n"
    "    cache = [X]\n"
    "    for l in range(1, L + 1):\n"
    "        Z = params['W' + str(l)] @ A + params['b' + str(l)]\n"
    "        A = np.tanh(Z)\n"
    "        cache.append(A)\n"
    "    return cache\n"
    "def backward(Y, params, cache, L):\n"
    "    grads = {{}}\n"
    "    dZ = cache[L] - Y\n"
    "    for l in range(L, 0, -1):\n"
    "        grads['W' + str(l)] = dZ @ cache[l - 1].T\n"
    "        dZ = (params['W' + str(l)].T @ dZ) * (1 - cache[l - 1] ** 2)\n"
    "    return grads\n"
    "X = np.random.rand(2, 40)\n"
    "Y = np.tanh(X[:1] - X[1:])\n"
    "params = init([2, 8, 1])\n"
    "for epoch in range(100):\n"
    "    cache = forward(X, params, 2)\n"
    "    grads = backward(Y, params, cache, 2)\n"
    "    for l in range(1, 3):\n"
    "        params['W' + str(l)] -= 0.1 * grads['W' + str(l)]\n"
)

class SymmetricInit(Rule):
    """
    ## What it does
    Finds a hidden layer whose incoming weights and outgoing weights are both initialised to a
    constant (`np.zeros`, `np.ones`, `np.full`, or their `_like` forms). One constant layer
    beside a randomly initialised one is fine (the random one breaks the symmetry), and so is
    a zero bias. A hidden layer of one unit has nothing to break: silent.

    ## Why is this bad?
    When both weight matrices around a hidden layer start equal in every entry, every hidden
    unit computes the same value, receives the same gradient and gets the same update. They
    stay identical forever: the layer behaves like a single unit however wide it is, and the
    network cannot learn anything a single hidden unit cannot (XOR, for one).

    ## Example
    ```python
    W1 = np.zeros((n_in, n_hidden))
    W2 = np.zeros((n_hidden, n_out))
    ```

    ## Use instead
    ```python
    W1 = np.random.randn(n_in, n_hidden) * 0.1
    W2 = np.random.randn(n_hidden, n_out) * 0.1
    ```
    """

    code = "NN304"
    name = "symmetric-init"
    severity = Severity.WARNING
    summary = "a hidden layer's incoming and outgoing weights both start constant: its units stay identical"

    VALID = [
        # the same loop of layers, initialised at random: the biases alone may start at zero
        Valid(_LOOP_OF_LAYERS.format(init="np.random.randn(dims[l], dims[l - 1]) * 0.01")),
        Valid(_net("np.random.randn(2, 4) * 0.5", "np.random.randn(4, 1) * 0.5")),
        # one constant layer beside a random one
        Valid(_net("np.random.randn(2, 4) * 0.5", "np.zeros((4, 1))")),
        Valid(_net("np.zeros((2, 4))", "np.random.uniform(-1, 1, (4, 1))")),
        # constant arrays filled with random values afterwards
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(16, 3)\n"
            "y = np.random.rand(16, 2)\n"
            "W1 = np.zeros((3, 5))\n"
            "W2 = np.zeros((5, 2))\n"
            "W1[:] = np.random.randn(3, 5) * 0.1\n"
            "W2 += np.random.uniform(-0.1, 0.1, W2.shape)\n"
            "for _ in range(100):\n"
            "    h = np.tanh(X @ W1)\n"
            "    out = h @ W2\n"
            "    W2 -= 0.1 * h.T @ (out - y)\n"
            "    W1 -= 0.1 * X.T @ (((out - y) @ W2.T) * (1 - h ** 2))\n"
        ),
        # a single hidden unit has no symmetry to break
        Valid(
            "import numpy as np\n"
            "A = np.random.rand(3, 20)\n"
            "Y = np.random.rand(1, 20)\n"
            "W1 = np.zeros((1, 3))\n"
            "W2 = np.ones((1, 1))\n"
            "for _ in range(100):\n"
            "    H = np.tanh(W1 @ A)\n"
            "    P = W2 @ H\n"
            "    dP = P - Y\n"
            "    W2 -= 0.1 * dP @ H.T\n"
            "    W1 -= 0.1 * ((W2.T @ dP) * (1 - H ** 2)) @ A.T\n"
        ),
    ]
    INVALID = [
        Invalid(
            _LOOP_OF_LAYERS.format(init="np.zeros((dims[l], dims[l - 1]))"),
            at="params['W' + str(l)] = np.zeros((dims[l], dims[l - 1]))",
            says=("every layer's weights", "np.zeros((dims[l], dims[l - 1]))"),
        ),
        Invalid(
            _net("np.zeros((2, 4))", "np.zeros((4, 1))"),
            at="W1 = np.zeros((2, 4))",
            says=("'W1'", "'W2'", "4 hidden units", "np.random.randn(2, 4)"),
        ),
        Invalid(
            "import numpy as np\n"
            "def sigmoid(v):\n"
            "    return 1 / (1 + np.exp(-v))\n"
            "class MLP:\n"
            "    def __init__(self, n_in, n_hidden, n_out):\n"
            "        self.V = np.full((n_hidden, n_in), 0.5)\n"
            "        self.U = np.ones((n_out, n_hidden)) * 0.1\n"
            "    def forward(self, A):\n"
            "        self.A = A\n"
            "        self.H = sigmoid(self.V @ A)\n"
            "        return sigmoid(self.U @ self.H)\n"
            "    def backward(self, dZ, lr=0.1):\n"
            "        dH = (self.U.T @ dZ) * self.H * (1 - self.H)\n"
            "        self.U -= lr * dZ @ self.H.T\n"
            "        self.V -= lr * dH @ self.A.T\n",
            at="self.V = np.full((n_hidden, n_in), 0.5)",
            says=("'self.V'", "'self.U'", "n_hidden hidden units", "np.random.randn(n_hidden, n_in)"),
        ),
        Invalid(
            "import numpy as np\n"
            "def relu(t):\n"
            "    return np.maximum(t, 0)\n"
            "params = {\n"
            "    'w_in': np.zeros((5, 16)),\n"
            "    'w_out': np.zeros((16, 3)),\n"
            "}\n"
            "batch = np.random.rand(32, 5)\n"
            "target = np.random.rand(32, 3)\n"
            "for _ in range(10):\n"
            "    hidden = relu(batch @ params['w_in'])\n"
            "    pred = hidden @ params['w_out']\n"
            "    grad = pred - target\n"
            "    params['w_out'] -= 0.01 * hidden.T @ grad\n"
            "    params['w_in'] -= 0.01 * batch.T @ ((grad @ params['w_out'].T) * (hidden > 0))\n",
            at="'w_in': np.zeros((5, 16)),",
            says=("'params[\"w_in\"]'", "'params[\"w_out\"]'", "16 hidden units"),
        ),
    ]

    def check(self):
        model = self.model
        reported = set()
        for second in model.layers:
            feeding = self._feeding_layer(second)
            if feeding is None:
                continue
            pair = (feeding.weight_key, second.weight_key)
            if None in pair or pair[0] == pair[1] or pair in reported:
                continue
            first_init = self._constant_init(feeding)
            second_init = self._constant_init(second)
            if first_init is None or second_init is None:
                continue
            shape = model.shape(first_init, model.scope_of(first_init))
            units = None
            if shape is not None and len(shape) == 2:
                units = shape[1] if feeding.layout == "rows" else shape[0]
                if units == 1:
                    continue
            reported.add(pair)
            incoming, outgoing = key_name(pair[0]), key_name(pair[1])
            size = f"{units} hidden units" if units is not None else "hidden units"
            random = (
                f"`np.random.randn{show(shape)} * 0.1`" if shape is not None and len(shape) == 2
                else "`np.random.randn(...) * 0.1`"
            )
            yield self.report(
                first_init,
                f"the hidden layer's incoming weights '{incoming}' (`{code(first_init)}`) and outgoing "
                f"weights '{outgoing}' (`{code(second_init)}`) both start constant: its {size} compute "
                f"the same value, get the same gradient and stay identical; initialise '{incoming}' "
                f"with small random values, e.g. {random}",
            )
        yield from self._stacked_layers()

    def _stacked_layers(self):
        """One line of code for every layer (`params['W' + str(l)] = np.zeros(...)` in a loop):
        its constant initialisation holds for the weights on both sides of each hidden layer."""
        for layer in self.model.layers:
            if layer.weight_key is None or not self.model.feeds_itself(layer):
                continue
            init = self._constant_init(layer)
            if init is None:
                continue
            name = key_name(layer.weight_key)
            yield self.report(
                init,
                f"every layer's weights '{name}' start constant (`{code(init)}`): the weights into "
                f"and out of each hidden layer are equal, so its units compute the same value, get "
                f"the same gradient and stay identical; initialise '{name}' with small random "
                f"values, e.g. `np.random.randn(...) * 0.01`",
            )

    @functools.cached_property
    def _randomised(self) -> set:
        """Keys whose array gets random values after it is created: an in-place update or an
        item assignment whose right-hand side draws random numbers, or any item assignment."""
        model = self.model
        keys = set()
        for node, scope in model.nodes(cst.AugAssign, cst.Assign):
            if isinstance(node, cst.AugAssign) and _has_random_call(node.value):
                target = node.target.value if isinstance(node.target, cst.Subscript) else node.target
                keys.add(model.key(node.target, scope))
                keys.add(model.key(target, scope))
            elif isinstance(node, cst.Assign):
                for target in node.targets:
                    if isinstance(target.target, cst.Subscript):
                        keys.add(model.key(target.target.value, scope))
        keys.discard(None)
        return keys

    def _feeding_layer(self, layer):
        """The layer whose activation (or bare output) is this layer's input."""
        model = self.model
        producer = model.producer(layer.input, layer.scope)
        if producer is None:
            return None
        if producer in model.layers:
            return producer if producer is not layer else None
        feeding = model.layer_of(producer.argument, producer.scope)
        return feeding if feeding is not layer else None

    def _constant_init(self, layer):
        """The one constant creation (zeros, ones, full) of a layer's weights, when every
        assignment of them (other than the training updates) is one, and no random values are
        written into them afterwards (`W[:] = rng.normal(...)`, `W += np.random.randn(...)`)."""
        model = self.model
        if layer.weight_key in self._randomised:
            return None
        found = []
        for value, scope in model.initial_values(layer.weight, layer.scope) or []:
            creation = model.creation_call(value)
            if creation is None or (call_name(creation) or "").split(".")[-1] not in _CONSTANT:
                return None
            if (call_name(creation) or "").endswith("full") and not _constant_fill(creation):
                return None
            found.append(creation)
        return found[0] if found else None


def _has_random_call(node: cst.CSTNode) -> bool:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            name = (call_name(current) or "").split(".")[-1]
            if name in RANDOM_FUNCTIONS or name in ("gauss", "normalvariate", "shuffle"):
                return True
        stack.extend(current.children)
    return False


def _constant_fill(call: cst.Call) -> bool:
    args = positional_args(call)
    return len(args) >= 2 and isinstance(args[1], (cst.Integer, cst.Float, cst.UnaryOperation))
