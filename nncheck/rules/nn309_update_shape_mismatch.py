from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Severity
from nncheck.model import broadcast, code, MANY, show, training_of
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import numpy_name

_NOTEBOOK = (
    "import numpy as np\n"
    "X = np.random.rand(200, 2)\n"
    "y = (X[:, :1] > X[:, 1:]).astype(float)\n"
    "W1 = np.random.randn(2, 8) * 0.5\n"
    "b1 = np.zeros((1, 8))\n"
    "W2 = np.random.randn(8, 1) * 0.5\n"
    "b2 = np.zeros((1, 1))\n"
    "for epoch in range(500):\n"
    "    A1 = np.tanh(X @ W1 + b1)\n"
    "    A2 = 1 / (1 + np.exp(-(A1 @ W2 + b2)))\n"
    "    dZ2 = (A2 - y) / 200\n"
    "    dZ1 = (dZ2 @ W2.T) * (1 - A1 ** 2)\n"
    "    W2 = W2 - 0.5 * A1.T @ dZ2\n"
    "    W1 = W1 - 0.5 * X.T @ dZ1\n"
    "    b1 = b1 - 0.5 * np.sum(dZ1, axis=0, keepdims=True)\n"
)


_NAMED = (
    "import numpy as np\n"
    "X = np.random.rand(80, 2)\n"
    "y = np.random.rand(80, 1)\n"
    "W1 = np.random.randn(2, 4)\n"
    "b1 = np.zeros((1, 4))\n"
    "W2 = np.random.randn(4, 1)\n"
    "b2 = np.zeros((1, 1))\n"
    "for i in range(100):\n"
    "    a1 = np.tanh(X.dot(W1) + b1)\n"
    "    delta3 = a1.dot(W2) + b2 - y\n"
    "    delta2 = delta3.dot(W2.T) * (1 - a1 ** 2)\n"
    "    dW2 = a1.T.dot(delta3)\n"
    "    db2 = np.sum(delta3, axis=0, keepdims=True)\n"
    "    dW1 = np.dot(X.T, delta2)\n"
    "    db1 = {db1}\n"
    "    W1 += -0.01 * dW1\n"
    "    b1 += -0.01 * db1\n"
    "    W2 += -0.01 * dW2\n"
    "    b2 += -0.01 * db2\n"
)


_HELPER = (
    "import numpy as np\n"
    "X = np.random.randn(60, 2)\n"
    "T = np.zeros((60, 3))\n"
    "T[np.arange(60), np.random.randint(0, 3, 60)] = 1\n"
    "W = np.random.randn(2, 3) * 0.1\n"
    "b = np.random.randn(3)\n"
    "def forward(X, W, b):\n"
    "    e = np.exp(X @ W + b)\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
    "def grad_b(T, Y):\n"
    "    return {returned}\n"
    "for i in range(100):\n"
    "    Y = forward(X, W, b)\n"
    "    W += 0.01 * X.T @ (T - Y)\n"
    "    b += 0.01 * grad_b(T, Y)\n"
)


class UpdateShapeMismatch(Rule):
    """
    ## What it does
    Finds a bias stepped with a delta that still has one row per sample: `b = b - lr * delta`
    with `b` of shape (1, k) and `delta` of shape (n, k), where `delta` is the layer's delta of
    a batch (it is also paired with the layer's transposed input in the weight gradient) and
    the batch holds more than one sample. Samples as columns are read the same way. Online
    training on one sample at a time, where the delta has the bias's own shape, is left alone.

    ## Why is this bad?
    Broadcasting does not raise here: `b - lr * delta` is an (n, k) array, and `b` is rebound
    to it. From then on the network has one bias per training sample. It can memorise the
    training set, but a batch of another size (the last, smaller mini-batch, the test set)
    fails to broadcast. The in-place form `b += delta` raises at once.

    ## Example
    ```python
    b2 = b2 - lr * dZ2
    ```

    ## Use instead
    Reduce the gradient to the parameter's shape:
    ```python
    b2 = b2 - lr * np.sum(dZ2, axis=0, keepdims=True)
    ```

    The fix (unsafe: it changes the training) sums the delta over the sample axis.
    """

    code = "NN309"
    name = "update-shape-mismatch"
    severity = Severity.ERROR
    summary = "a bias is rebound to an update with the batch's shape"
    fix_availability = "sometimes"

    VALID = [
        # a helper returns the bias gradient summed over the samples
        Valid(_HELPER.format(returned="(T - Y).sum(axis=0)")),
        # the bias gradient named, summed over the samples, stepped with a negative rate
        Valid(_NAMED.format(db1="np.sum(delta2, axis=0, keepdims=True)")),
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(50, 2)\n"
            "y = np.random.rand(50, 1)\n"
            "W1 = np.random.randn(2, 6)\n"
            "W2 = np.random.randn(6, 1)\n"
            "for i in range(100):\n"
            "    a1 = np.tanh(X @ W1)\n"
            "    d2 = (a1 @ W2 - y) / 50\n"
            "    d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "    W2 = W2 - 0.1 * a1.T @ d2\n"
            "    W1 = W1 - 0.1 * X.T @ d1\n"
        ),
        Valid(_NOTEBOOK + "    b2 = b2 - 0.5 * np.sum(dZ2, axis=0, keepdims=True)\n"),
        # online training: one sample, the delta has the bias's shape
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(100, 1)\n"
            "y = np.sin(3 * X)\n"
            "W1 = np.random.randn(1, 10)\n"
            "b1 = np.zeros((1, 10))\n"
            "W2 = np.random.randn(10, 1)\n"
            "b2 = np.zeros((1, 1))\n"
            "for epoch in range(50):\n"
            "    for i in range(100):\n"
            "        x, t = X[i:i + 1], y[i:i + 1]\n"
            "        h = np.tanh(x @ W1 + b1)\n"
            "        out = h @ W2 + b2\n"
            "        delta2 = out - t\n"
            "        delta1 = (delta2 @ W2.T) * (1 - h ** 2)\n"
            "        W2 = W2 - 0.05 * h.T @ delta2\n"
            "        b2 = b2 - 0.05 * delta2\n"
            "        W1 = W1 - 0.05 * x.T @ delta1\n"
            "        b1 = b1 - 0.05 * delta1\n"
        ),
        # a 1-D bias stepped with the sum over the batch
        Valid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_in, n_out) * 0.1\n"
            "        self.b = np.zeros(n_out)\n"
            "    def forward(self, x):\n"
            "        self.x = x\n"
            "        return x @ self.W + self.b\n"
            "    def backward(self, grad, lr):\n"
            "        self.W -= lr * self.x.T @ grad\n"
            "        self.b -= lr * grad.sum(axis=0)\n"
            "layer = Dense(3, 2)\n"
            "X = np.random.rand(50, 3)\n"
            "Y = np.random.rand(50, 2)\n"
            "for i in range(100):\n"
            "    out = layer.forward(X)\n"
            "    layer.backward((out - Y) / 50, 0.1)\n"
        ),
    ]
    INVALID = [
        # a helper returns the unreduced error as the bias gradient: read for this call's arrays
        Invalid(
            _HELPER.format(returned="T - Y"),
            at="b += 0.01 * grad_b(T, Y)",
            says=("`b` (3,)", "(60, 3)", "ValueError"),
        ),
        # the unreduced delta reached through a name, stepped with `+= -lr * db1`
        Invalid(
            _NAMED.format(db1="delta2"),
            at="b1 += -0.01 * db1",
            says=("`b1` (1, 4)", "`db1`", "80 samples", "ValueError"),
        ),
        # a weight gradient built from the wrong layer's input has another shape
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(50, 2)\n"
            "y = np.random.rand(50, 1)\n"
            "W1 = np.random.randn(2, 6)\n"
            "W2 = np.random.randn(6, 1)\n"
            "for i in range(100):\n"
            "    a1 = np.tanh(X @ W1)\n"
            "    d2 = (a1 @ W2 - y) / 50\n"
            "    d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "    dW2 = X.T @ d2\n"
            "    W2 = W2 - 0.1 * dW2\n"
            "    W1 = W1 - 0.1 * X.T @ d1\n",
            at="W2 = W2 - 0.1 * dW2",
            says=("`W2` (6, 1)", "(2, 1)", "`X.T @ d2`", "ValueError"),
        ),
        Invalid(
            _NOTEBOOK + "    b2 = b2 - 0.5 * dZ2\n",
            at="b2 = b2 - 0.5 * dZ2",
            says=("`b2` (1, 1)", "`dZ2`", "200 samples", "(200, 1)", "`np.sum(dZ2, axis=0, keepdims=True)`"),
            fixed=_NOTEBOOK + "    b2 = b2 - 0.5 * np.sum(dZ2, axis=0, keepdims=True)\n",
        ),
        # the in-place form raises
        Invalid(
            _NOTEBOOK + "    b2 += -0.5 * dZ2\n",
            at="b2 += -0.5 * dZ2",
            says=("ValueError",),
        ),
        # samples as columns
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(2, 300)\n"
            "Y = np.random.rand(1, 300)\n"
            "W = np.random.randn(1, 2)\n"
            "b = np.zeros((1, 1))\n"
            "for i in range(100):\n"
            "    A = W @ X + b\n"
            "    dZ = (A - Y) / 300\n"
            "    W = W - 0.1 * dZ @ X.T\n"
            "    b = b - 0.1 * dZ\n",
            at="b = b - 0.1 * dZ",
            says=("`b` (1, 1)", "axis=1"),
        ),
    ]

    def check(self):
        model = self.model
        reported = set()
        for finding in self._weights():
            reported.add(finding.start.line)
            yield finding
        for found in training_of(model).batch_biases:
            reported.add(model.line(found.update.statement))
            layer = found.layer
            axis = 0 if layer.layout == "rows" else 1
            bias = code(found.update.target)
            delta = code(found.delta)
            shape = found.bias_shape
            units = shape[1 - axis] if len(shape) == 2 else shape[0]
            count = "more than one sample" if found.samples == MANY else f"{found.samples} samples"
            batch_dim = "n" if found.samples == MANY else found.samples
            grown = (batch_dim, units) if axis == 0 else (units, batch_dim)
            keep = ", keepdims=True" if len(shape) == 2 else ""
            alias = numpy_name(model)
            reduced = f"{alias or 'np'}.sum({delta}, axis={axis}{keep})"
            if found.in_place:
                effect = f"the in-place update raises ValueError (the result would be {show(grown)})"
            else:
                effect = f"`{bias}` grows to the batch's shape {show(grown)} after the first step"
            yield self.report(
                found.update.statement,
                f"`{bias}` {show(shape)} is stepped with `{delta}`, which holds one "
                f"{'row' if axis == 0 else 'column'} per sample ({count}): {effect}; "
                f"sum it over the samples, `{reduced}`",
                fix=self.replace(found.delta, reduced, "Sum the delta over the samples", Applicability.UNSAFE)
                if alias else None,
            )

        for found in training_of(model).grown_steps:
            step = found.step
            if model.line(step.statement) in reported:
                continue
            if isinstance(step.statement, cst.AugAssign):
                effect = f"the in-place update raises ValueError (the result would be {show(found.result_shape)})"
            else:
                effect = f"`{step.text}` grows to {show(found.result_shape)} after the first step"
            yield self.report(
                step.statement,
                f"`{step.text}` {show(found.parameter_shape)} is stepped with `{code(step.rhs)}` of shape "
                f"{show(found.update_shape)}: {effect}; reduce the gradient to the parameter's shape "
                f"(sum it over the samples)",
            )

    def _weights(self):
        model = self.model
        for found in training_of(model).mismatched_steps:
            step = found.step
            result = broadcast(found.weight_shape, found.gradient_shape)
            if result is None:
                effect = "the update raises ValueError (the shapes cannot broadcast)"
            elif isinstance(step.statement, cst.AugAssign):
                effect = f"the in-place update raises ValueError (the result would be {show(result)})"
            else:
                effect = f"`{step.text}` becomes {show(result)}"
            yield self.report(
                step.statement,
                f"`{step.text}` {show(found.weight_shape)} is stepped with a gradient of shape "
                f"{show(found.gradient_shape)}, `{code(found.gradient.product)}`: {effect}; the weight "
                f"gradient must pair the layer's delta with the layer's own input",
            )
