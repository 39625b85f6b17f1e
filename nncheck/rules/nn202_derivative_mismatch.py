from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Severity
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, in_place_of, numpy_name, source_of

_DATA = (
    "import numpy as np\n"
    "X = np.random.rand(8, 3)\n"
    "y = np.random.rand(8, 1)\n"
    "W = np.random.randn(3, 1)\n"
)


class DerivativeMismatch(Rule):
    """
    ## What it does
    Finds an activation derivative (a `deriv=True` branch, a separate function, or an inline
    factor in the backward pass) that is not the derivative of the activation used in the
    forward pass: nncheck compares it numerically with the forward function's slope, both at
    the pre-activation and at the output, and it matches at neither. Typical causes: the
    forward function was changed (sigmoid → leaky ReLU) but the derivative was not, or the
    activation itself was used as its derivative.

    ## Why is this bad?
    Backpropagation multiplies the error by the activation's slope. With the wrong slope the
    weight updates point in a direction unrelated to the loss: training stalls, diverges, or
    settles somewhere useless.

    ## Example
    ```python
    def nonlin(x, deriv=False):
        if deriv:
            return x * (1 - x)               # sigmoid's derivative...
        return np.where(x > 0, x, 0.01 * x)  # ...but the forward is now leaky ReLU
    ```

    ## Use instead
    ```python
    def nonlin(x, deriv=False):
        if deriv:
            return np.where(x > 0, 1.0, 0.01)
        return np.where(x > 0, x, 0.01 * x)
    ```

    ## Fix safety
    Unsafe (applied with `--fix --unsafe-fixes`): it changes the backward pass. The derivative
    where it is used becomes the forward activation's own, at the value passed there:
    `a * (1 - a)` (sigmoid) and `1 - a ** 2` (tanh) at the output, `np.where(a > 0, 1, alpha)`
    for (leaky) ReLU, `1 - np.tanh(z) ** 2` at a tanh's pre-activation.
    """

    code = "NN202"
    name = "derivative-mismatch"
    severity = Severity.ERROR
    summary = "the derivative does not match the forward activation"
    fix_availability = "sometimes"

    VALID = [
        Valid(
            _DATA + "def nonlin(x, deriv=False):\n"
            "    if deriv:\n"
            "        return x * (1 - x)\n"
            "    return 1 / (1 + np.exp(-x))\n"
            "a = nonlin(X @ W)\n"
            "W += X.T @ ((y - a) * nonlin(a, deriv=True))\n"
        ),
        Valid(
            _DATA + "def relu(z):\n    return np.maximum(z, 0)\n"
            "def relu_grad(z):\n    return (z > 0).astype(float)\n"
            "z = X @ W\nh = relu(z)\n"
            "W += X.T @ ((y - h) * relu_grad(z))\n"
        ),
        Valid(
            _DATA + "t = np.tanh(X @ W)\n"
            "W += X.T @ ((y - t) * (1 - t ** 2))\n"
        ),
        # The layer loop picks the activation per layer: ReLU's mask is right for the hidden ones.
        Valid(
            "import numpy as np\n"
            "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
            "def forward(X, params, L):\n"
            "    cache = {'A0': X}\n"
            "    A = X\n"
            "    for l in range(1, L + 1):\n"
            "        Z = params['W' + str(l)] @ A + params['b' + str(l)]\n"
            "        A = sigmoid(Z) if l == L else np.maximum(0, Z)\n"
            "        cache['Z' + str(l)] = Z\n"
            "        cache['A' + str(l)] = A\n"
            "    return A, cache\n"
            "def backward(Y, params, cache, L):\n"
            "    grads = {}\n"
            "    dZ = cache['A' + str(L)] - Y\n"
            "    for l in range(L, 0, -1):\n"
            "        grads['dW' + str(l)] = dZ @ cache['A' + str(l - 1)].T\n"
            "        if l > 1:\n"
            "            dZ = (params['W' + str(l)].T @ dZ) * (cache['Z' + str(l - 1)] > 0)\n"
            "    return grads\n"
            "X = np.random.rand(2, 50)\n"
            "Y = (X[:1] > 0.5) * 1.0\n"
            "params = {'W1': np.random.randn(8, 2), 'b1': np.zeros((8, 1)),\n"
            "          'W2': np.random.randn(1, 8), 'b2': np.zeros((1, 1))}\n"
            "for i in range(100):\n"
            "    AL, cache = forward(X, params, 2)\n"
            "    grads = backward(Y, params, cache, 2)\n"
            "    for l in range(1, 3):\n"
            "        params['W' + str(l)] -= 0.5 * grads['dW' + str(l)]\n"
        ),
        # scores shifted by their own maximum are not an error: `1 / sum(exp(shift))` is
        # part of the softmax, not a derivative of it
        Valid(
            _DATA + "W2 = np.random.randn(3, 4)\n"
            "labels = np.random.randint(0, 4, 8)\n"
            "for i in range(10):\n"
            "    scores = X @ W2\n"
            "    shift = scores - np.max(scores, axis=1)[..., np.newaxis]\n"
            "    p = np.exp(shift) / np.sum(np.exp(shift))\n"
            "    d = p.copy()\n"
            "    d[range(8), labels] -= 1\n"
            "    W2 -= 0.1 * X.T @ d\n"
        ),
    ]
    INVALID = [
        Invalid(
            _DATA + "def nonlin(x, deriv=False):\n"
            "    if deriv:\n"
            "        return x * (1 - x)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "a = nonlin(X @ W)\n"
            "W += X.T @ ((y - a) * nonlin(a, deriv=True))\n",
            at="W += X.T @ ((y - a) * nonlin(a, deriv=True))",
            says=("'nonlin'", "leaky ReLU", "np.where(a > 0, 1, 0.01)"),
            fixed=_DATA + "def nonlin(x, deriv=False):\n"
            "    if deriv:\n"
            "        return x * (1 - x)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "a = nonlin(X @ W)\n"
            "W += X.T @ ((y - a) * np.where(a > 0, 1, 0.01))\n",
        ),
        Invalid(
            _DATA + "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
            "out = sigmoid(X @ W)\n"
            "delta = (y - out) * sigmoid(out)\n"
            "W += X.T @ delta\n",
            at="delta = (y - out) * sigmoid(out)",
            says=("'sigmoid'", "out * (1 - out)"),
            fixed=_DATA + "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
            "out = sigmoid(X @ W)\n"
            "delta = (y - out) * (out * (1 - out))\n"
            "W += X.T @ delta\n",
        ),
        Invalid(
            _DATA + "out = np.tanh(X @ W)\n"
            "delta = (y - out) * out * (1 - out)\n"
            "W += X.T @ delta\n",
            at="delta = (y - out) * out * (1 - out)",
            says=("tanh", "1 - out ** 2"),
        ),
    ]

    def check(self):
        for use in self.model.derivative_uses:
            forms = use.forms
            if forms is None or forms.matches:
                continue
            forward = use.forward
            yield self.report(
                use.node,
                f"derivative '{use.name}' is not the derivative of the forward activation "
                f"'{forward.name}' ({forward.behaviour.description}): it matches neither at the "
                f"pre-activation nor at the output; use {use.right_form()}",
                fix=self._fix(use),
            )

    def _fix(self, use):
        model = self.model
        np_ = numpy_name(model)
        forward = use.forward
        kind = forward.behaviour.kind
        try:
            point = source_of(model, use.argument)
            z = source_of(model, forward.argument)
            model.span(use.node)
        except KeyError:  # a factor the model assembled from a longer product
            return None
        simple = isinstance(use.argument, (cst.Name, cst.Attribute, cst.Subscript))
        p = point if simple else f"({point})"
        atomic = False
        if kind == "sigmoid" and use.at == "output":
            text = f"{p} * (1 - {p})"
        elif kind == "tanh" and use.at == "output":
            text = f"1 - {p} ** 2"
        elif kind == "tanh" and np_ is not None:
            text = f"1 - {np_}.tanh({z}) ** 2"
        elif kind in ("relu", "leaky_relu") and np_ is not None:
            alpha = (forward.behaviour.alpha or 0.01) if kind == "leaky_relu" else 0
            text, atomic = f"{np_}.where({p} > 0, 1, {alpha:g})", True
        else:
            return None
        if "#" in text or "\n" in text:
            return None
        content = in_place_of(use.node, text, model, atomic=atomic)
        return fix(f"Use the derivative of '{forward.name}'", [edit(model, use.node, content)], Applicability.UNSAFE)
