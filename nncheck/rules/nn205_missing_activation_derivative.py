from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code, key_name, NONLINEAR, numpy_attribute, transposed_base
from nncheck.rules.base import Invalid, Rule, Valid

# The output layer's delta may be the bare error: that is the fused gradient of these pairs
# (sigmoid + binary cross-entropy, softmax + cross-entropy); identity needs no factor at all.
_FUSED = {"sigmoid", "softmax"}

_TWO_LAYERS = (
    "import numpy as np\n"
    "X = np.random.rand(32, 2)\n"
    "y = (X.sum(axis=1, keepdims=True) > 1).astype(float)\n"
    "W1 = np.random.randn(2, 8) * 0.5\n"
    "W2 = np.random.randn(8, 1) * 0.5\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "for epoch in range(500):\n"
    "    h = sigmoid(X @ W1)\n"
    "    out = sigmoid(h @ W2)\n"
    "    d_out = out - y\n"
)


_STACK = (
    "import numpy as np\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "class Net:\n"
    "    def __init__(self, sizes):\n"
    "        self.weights = [np.random.randn(n, m) for m, n in zip(sizes[:-1], sizes[1:])]\n"
    "    def backprop(self, x, t):\n"
    "        grads = [np.zeros(w.shape) for w in self.weights]\n"
    "        outs = [x]\n"
    "        for w in self.weights:\n"
    "            outs.append(sigmoid(w @ outs[-1]))\n"
    "        delta = (outs[-1] - t) * outs[-1] * (1 - outs[-1])\n"
    "        grads[-1] = delta @ outs[-2].T\n"
    "        for l in range(2, len(self.weights) + 1):\n"
    "            delta = self.weights[-l + 1].T @ delta{factor}\n"
    "            grads[-l] = delta @ outs[-l - 1].T\n"
    "        return grads\n"
    "    def train(self, data, lr):\n"
    "        for x, t in data:\n"
    "            g = self.backprop(x, t)\n"
    "            self.weights = [w - lr * d for w, d in zip(self.weights, g)]\n"
    "net = Net([3, 4, 1])\n"
    "net.train([(np.random.rand(3, 1), np.ones((1, 1))) for _ in range(40)], 0.5)\n"
)


class MissingActivationDerivative(Rule):
    """
    ## What it does
    Finds a layer that applies a nonlinearity in the forward pass but whose backward delta has
    no derivative factor for it: the delta that updates the layer's weights is only an error
    propagated back through the next layer's weights (`d_out @ W2.T`), or, for an output layer
    whose activation has no fused loss gradient (tanh, the ReLU family), the bare error.

    The fused gradient `p - y` of an output layer is correct without a factor for sigmoid with
    binary cross-entropy and softmax with cross-entropy (and identity with squared error):
    nncheck stays silent there.

    ## Why is this bad?
    Backpropagation multiplies the error reaching a layer by the slope of its activation at each
    unit. Without it, saturated sigmoid/tanh units and switched-off ReLU units still receive
    the full error, and the weights follow a direction that is not the loss gradient: learning
    is slow, unstable, or stalls.

    ## Example
    ```python
    h = sigmoid(X @ W1)
    out = sigmoid(h @ W2)
    d_out = out - y
    d_h = d_out @ W2.T
    W1 -= lr * X.T @ d_h
    ```

    ## Use instead
    ```python
    d_h = d_out @ W2.T * h * (1 - h)
    ```
    """

    code = "NN205"
    name = "missing-activation-derivative"
    severity = Severity.ERROR
    summary = "a layer's backward delta has no derivative factor for its activation"
    fix_availability = "sometimes"

    VALID = [
        # a ReLU written in place on the pre-activation, its mask kept in a name
        Valid(
            "import numpy as np\n"
            "X = np.random.randn(40, 3)\n"
            "y = np.random.randint(0, 2, 40)\n"
            "W1 = 0.1 * np.random.randn(3, 8)\n"
            "W2 = 0.1 * np.random.randn(8, 2)\n"
            "for i in range(100):\n"
            "    z1 = np.dot(X, W1)\n"
            "    h = z1\n"
            "    h[h < 0] = 0\n"
            "    scores = np.dot(h, W2)\n"
            "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "    p = e / e.sum(axis=1, keepdims=True)\n"
            "    d = p.copy()\n"
            "    d[range(40), y] -= 1\n"
            "    dh = np.dot(d, W2.T)\n"
            "    mask = (h > 0)\n"
            "    dz1 = mask * dh\n"
            "    W2 -= 0.1 * np.dot(h.T, d)\n"
            "    W1 -= 0.1 * np.dot(X.T, dz1)\n"
        ),
        Valid(
            _TWO_LAYERS + "    d_h = d_out @ W2.T * h * (1 - h)\n"
            "    W2 -= 0.5 * h.T @ d_out\n"
            "    W1 -= 0.5 * X.T @ d_h\n"
        ),
        # the fused sigmoid + cross-entropy gradient of a single layer: no factor needed
        Valid(
            "import numpy as np\n"
            "hours = np.random.rand(50, 1) * 10\n"
            "passed = (hours > 5).astype(float)\n"
            "w = np.zeros((1, 1))\n"
            "b = np.zeros((1, 1))\n"
            "for i in range(1000):\n"
            "    p = 1 / (1 + np.exp(-(hours @ w + b)))\n"
            "    grad = (p - passed) / len(hours)\n"
            "    w -= 0.1 * hours.T @ grad\n"
            "    b -= 0.1 * grad.sum(axis=0, keepdims=True)\n"
        ),
        # ReLU hidden layer masked in place on the pre-activation, softmax output
        Valid(
            "import numpy as np\n"
            "pixels = np.random.rand(64, 4)\n"
            "onehot = np.eye(3)[np.random.randint(0, 3, 64)]\n"
            "Wa = np.random.randn(4, 16) * 0.1\n"
            "Wb = np.random.randn(16, 3) * 0.1\n"
            "for step in range(200):\n"
            "    pre = pixels @ Wa\n"
            "    act = np.maximum(0, pre)\n"
            "    scores = act @ Wb\n"
            "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "    probs = e / e.sum(axis=1, keepdims=True)\n"
            "    dscores = (probs - onehot) / 64\n"
            "    dact = dscores @ Wb.T\n"
            "    dact[pre <= 0] = 0\n"
            "    Wb -= 0.5 * act.T @ dscores\n"
            "    Wa -= 0.5 * pixels.T @ dact\n"
        ),
        # identity output (regression): the bare error is the whole delta
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(32, 3)\n"
            "t = X @ np.array([[1.0], [-2.0], [0.5]])\n"
            "W1 = np.random.randn(3, 6) * 0.3\n"
            "W2 = np.random.randn(6, 1) * 0.3\n"
            "for i in range(300):\n"
            "    h = np.tanh(X @ W1)\n"
            "    pred = h @ W2\n"
            "    err = pred - t\n"
            "    W2 -= 0.01 * h.T @ err\n"
            "    W1 -= 0.01 * X.T @ ((err @ W2.T) * (1 - h ** 2))\n"
        ),
        # tanh with the cross-entropy of (1 + out) / 2 on labels in {-1, 1}: the fused gradient
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(50, 3)\n"
            "y = np.where(X[:, :1] > 0.5, 1.0, -1.0)\n"
            "w = np.random.randn(3, 1) * 0.1\n"
            "for i in range(100):\n"
            "    o = np.tanh(X @ w)\n"
            "    loss = -np.mean((1 + y) / 2 * np.log((1 + o) / 2) + (1 - y) / 2 * np.log((1 - o) / 2))\n"
            "    w -= 0.1 * X.T @ (o - y) / len(X)\n"
        ),
        # one loop over a list of weights stands for every layer; the hidden layers' delta, in
        # the loop over l, is multiplied by their own output's slope
        Valid(_STACK.format(factor=" * outs[-l] * (1 - outs[-l])")),
        # the slope applied by a second assignment of the same name (`delta = delta * ...`)
        Valid(_STACK.format(factor="\n            delta = delta * outs[-l] * (1 - outs[-l])")),
    ]
    INVALID = [
        # the same stack, the hidden delta only propagated: the output's factor is there, the
        # hidden layers' is not
        Invalid(
            _STACK.format(factor=""),
            at="delta = self.weights[-l + 1].T @ delta",
            says=("hidden delta 'delta'", "derivative of 'sigmoid'"),
        ),
        # the same in-place ReLU, its mask forgotten
        Invalid(
            "import numpy as np\n"
            "X = np.random.randn(40, 3)\n"
            "y = np.random.randint(0, 2, 40)\n"
            "W1 = 0.1 * np.random.randn(3, 8)\n"
            "W2 = 0.1 * np.random.randn(8, 2)\n"
            "for i in range(100):\n"
            "    z1 = np.dot(X, W1)\n"
            "    h = z1.copy()\n"
            "    h[h < 0] = 0\n"
            "    scores = np.dot(h, W2)\n"
            "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "    p = e / e.sum(axis=1, keepdims=True)\n"
            "    d = p.copy()\n"
            "    d[range(40), y] -= 1\n"
            "    dz1 = np.dot(d, W2.T)\n"
            "    W2 -= 0.1 * np.dot(h.T, d)\n"
            "    W1 -= 0.1 * np.dot(X.T, dz1)\n",
            at="dz1 = np.dot(d, W2.T)",
            says=("'dz1'", "ReLU"),
        ),
        Invalid(
            _TWO_LAYERS + "    d_h = d_out @ W2.T\n"
            "    W2 -= 0.5 * h.T @ d_out\n"
            "    W1 -= 0.5 * X.T @ d_h\n",
            at="d_h = d_out @ W2.T",
            says=("'d_h'", "'sigmoid'", "h * (1 - h)"),
            fixed=_TWO_LAYERS + "    d_h = d_out @ W2.T * h * (1 - h)\n"
            "    W2 -= 0.5 * h.T @ d_out\n"
            "    W1 -= 0.5 * X.T @ d_h\n",
        ),
        # samples as columns, a ReLU hidden layer, the dict style
        Invalid(
            "import numpy as np\n"
            "A0 = np.random.rand(2, 40)\n"
            "Y = (A0[0:1] > A0[1:2]).astype(float)\n"
            "params = {'W1': np.random.randn(6, 2) * 0.5, 'W2': np.random.randn(1, 6) * 0.5}\n"
            "for it in range(400):\n"
            "    Z1 = np.dot(params['W1'], A0)\n"
            "    A1 = np.maximum(Z1, 0)\n"
            "    A2 = 1 / (1 + np.exp(-np.dot(params['W2'], A1)))\n"
            "    dZ2 = A2 - Y\n"
            "    dZ1 = np.dot(params['W2'].T, dZ2)\n"
            "    params['W2'] -= 0.1 * np.dot(dZ2, A1.T) / 40\n"
            "    params['W1'] -= 0.1 * np.dot(dZ1, A0.T) / 40\n",
            at="dZ1 = np.dot(params['W2'].T, dZ2)",
            says=("'dZ1'", "ReLU", "(Z1 > 0)"),
        ),
        # a tanh output trained on the bare error: tanh has no fused loss gradient
        Invalid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self, n_in):\n"
            "        self.w = np.random.randn(n_in, 1) * 0.1\n"
            "    def train(self, inputs, targets, lr=0.05):\n"
            "        for _ in range(100):\n"
            "            self.o = np.tanh(inputs @ self.w)\n"
            "            self.w += lr * inputs.T @ (targets - self.o)\n",
            at="self.w += lr * inputs.T @ (targets - self.o)",
            says=("tanh", "1 - self.o ** 2"),
        ),
    ]

    def check(self):
        backward = backward_of(self.model)
        reported = set()
        for pair in backward.pairs:
            activation = pair.activation
            if activation is None or activation.behaviour.kind not in NONLINEAR:
                continue
            for gradient in pair.gradients:
                pure = backward.pure(gradient.delta, gradient.scope)
                if pure is None:
                    yield from self._stacked_hidden(pair, activation, gradient, backward, reported)
                    continue
                if pure.weights:
                    if not self._propagated_from_next_layer(pure.weights, activation, gradient.scope, backward):
                        continue
                    hidden = True
                else:
                    kinds = {error.source.behaviour.kind for error in pure.errors
                             if getattr(error.source, "behaviour", None) is not None}
                    if any(error.source is not activation and not _same_output(error.source, activation)
                           for error in pure.errors):
                        continue
                    if activation.behaviour.kind in _FUSED or kinds - {activation.behaviour.kind}:
                        continue
                    if activation.behaviour.kind == "tanh" and self._shifted_log_loss(activation):
                        continue  # a cross-entropy on (1 + out) / 2 has the fused gradient out - y too
                    hidden = False
                finding = self._report(pair, activation, gradient, backward, hidden)
                if finding is not None and (finding.start, finding.message) not in reported:
                    reported.add((finding.start, finding.message))
                    yield finding

    def _stacked_hidden(self, pair, activation, gradient, backward, reported):
        """One layer standing for a stack (`for b, w in zip(self.biases, self.weights)`), its
        delta one name for every layer: the output's value (`(a - y) * sigmoid_prime(z)`) and
        the hidden layers' (`W[-l + 1].T @ delta`), each read on its own."""
        model = self.model
        key = model.key(gradient.delta, gradient.scope)
        if key is None or not model.feeds_itself(pair.layer):
            return
        defs = backward.definitions(key)
        if len(defs) < 2 or any(d.augmented is not None for d in defs):
            return
        for definition in defs:
            if any(other is not definition and self._reads(other, key) for other in defs):
                continue  # rewritten from itself elsewhere (`grad = grad * (z > 0)`): a factor may be there
            pure = backward.pure(definition.value, definition.scope, seen=frozenset({key}))
            if pure is None or not pure.weights or pure.errors:
                continue
            # the stack's next layer is a layer of the same stack: its weights are this layer's
            if not all(
                backward.same_storage(pair.layer.weight_key, transposed_base(weight), definition.scope)
                for weight in pure.weights
            ):
                continue
            finding = self._report(pair, activation, gradient, backward, True, definition)
            if finding is not None and (finding.start, finding.message) not in reported:
                reported.add((finding.start, finding.message))
                yield finding

    def _reads(self, definition, key) -> bool:
        return any(
            isinstance(node, (cst.Name, cst.Attribute, cst.Subscript))
            and self.model.key(node, definition.scope) == key
            for node in self.model.walk(definition.value)
        )

    def _shifted_log_loss(self, activation) -> bool:
        """A log of `1 + out` (as in the cross-entropy of (1 + out) / 2) for this tanh output."""
        model = self.model
        for node, scope in model.nodes(cst.Call):
            if not (isinstance(node, cst.Call) and numpy_attribute(node.func) in ("log", "log1p")):
                continue
            for sub in model.walk(node):
                if isinstance(sub, cst.BinaryOperation) and isinstance(sub.operator, cst.Add):
                    for one, other in ((sub.left, sub.right), (sub.right, sub.left)):
                        if code(one) in ("1", "1.0") and model.producer(other, scope) is activation:
                            return True
                if numpy_attribute(node.func) == "log1p" and model.producer(sub, scope) is activation:
                    return True
        return False

    def _propagated_from_next_layer(self, weights, activation, scope, backward) -> bool:
        for weight in weights:
            following = backward.pair_of_weight(weight, scope)
            if following is None:
                return False
            producer = self.model.producer(following.layer.input, following.layer.scope)
            if producer is not activation and not _same_output(producer, activation):
                return False
        return True

    def _report(self, pair, activation, gradient, backward, hidden, definition=None):
        model = self.model
        delta = gradient.delta
        # The delta's own definition is the code to change when it is a name with one value.
        node, scope, name = delta, gradient.scope, None
        key = model.key(delta, gradient.scope)
        if definition is not None:
            node, scope, name = definition.value, definition.scope, key_name(key)
        elif key is not None:
            defs = backward.definitions(key)
            if len(defs) != 1 or defs[0].augmented is not None:
                return None
            node, scope, name = defs[0].value, defs[0].scope, key_name(key)
        # one name for every layer of a stack: no single stored output is this layer's, so no fix
        factor = _derivative_text(activation, scope, backward) if definition is None else None
        statement = backward.statement_of(node) or gradient.update.statement
        where = f"'{name}'" if name else f"`{code(delta)}`"
        role = "hidden" if hidden else "output"
        kind = activation.behaviour.description
        if factor is None:
            advice = f"multiply it by the derivative of '{activation.name}'"
            fix = None
        else:
            advice = f"multiply it by `{factor}`"
            fix = self.replace(node, f"{_operand(node)} * {factor}",
                               f"Multiply the delta by the derivative of '{activation.name}'")
        reason = (
            "it is only the next layer's error propagated through its weights"
            if hidden else "it is the bare error, and " + kind + " has no loss whose gradient cancels its slope"
        )
        return self.report(
            statement,
            f"the {role} delta {where} of the layer activated by '{activation.name}' ({kind}) has no "
            f"derivative factor: {reason}; {advice}",
            fix=fix,
        )


def _same_output(one, other) -> bool:
    return (
        one is not None and other is not None and getattr(one, "target", None) is not None
        and one.target == other.target
    )


def _operand(node: cst.BaseExpression) -> str:
    text = code(node)
    if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)) or node.lpar:
        return text
    if isinstance(node, cst.BinaryOperation) and isinstance(
        node.operator, (cst.MatrixMultiply, cst.Multiply, cst.Divide)
    ) and not isinstance(node.operator, cst.Divide):
        return text
    return f"({text})"


def _derivative_text(activation, scope, backward) -> str | None:
    kind = activation.behaviour.kind
    out = backward.output_text(activation, scope)
    pre = backward.input_text(activation, scope)
    if kind == "sigmoid" and out:
        return f"{out} * (1 - {out})"
    if kind == "tanh" and out:
        return f"(1 - {out} ** 2)"
    if kind == "relu" and (pre or out):
        return f"({pre or out} > 0)"
    if kind == "leaky_relu" and (pre or out):
        alpha = activation.behaviour.alpha or 0.01
        return f"np.where({pre or out} > 0, 1, {alpha:g})"
    return None
