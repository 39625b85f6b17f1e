from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import code
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, in_place_of, source_of

_NET = (
    "import numpy as np\n"
    "X = np.random.rand(8, 3)\n"
    "y = np.random.rand(8, 1)\n"
    "W = np.random.randn(3, 1)\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "def sigmoid_prime(s):\n"
    "    return s * (1 - s)\n"
    "def sigmoid_grad(z):\n"
    "    return sigmoid(z) * (1 - sigmoid(z))\n"
    "for epoch in range(100):\n"
    "    z = X @ W\n"
    "    a = sigmoid(z)\n"
    "    error = y - a\n"
)


class DerivativeWrongPoint(Rule):
    """
    ## What it does
    Finds an activation derivative evaluated at the wrong point. A derivative written in
    *output form* (`s * (1 - s)` for sigmoid, `1 - t ** 2` for tanh) expects the activation's
    output; one written in *input form* (`sigmoid(z) * (1 - sigmoid(z))`) expects the
    pre-activation. nncheck evaluates both functions and reports only when the two points
    really give different factors (for ReLU and leaky ReLU they coincide: silent).

    ## Why is this bad?
    An output-form derivative fed the pre-activation `z` computes `z * (1 - z)`, which is
    negative for `z > 1` or `z < 0`: the gradient flips sign and the weights move the wrong
    way (error). An input-form derivative fed the output is squashed twice: the gradient is
    scaled wrongly and learning slows (warning).

    ## Example
    ```python
    a = sigmoid(z)
    delta = error * sigmoid_prime(z)     # sigmoid_prime(s) = s * (1 - s)
    ```

    ## Use instead
    ```python
    delta = error * sigmoid_prime(a)
    ```
    """

    code = "NN201"
    name = "derivative-wrong-point"
    severity = Severity.ERROR
    summary = "activation derivative evaluated at the wrong point (pre- vs post-activation)"
    fix_availability = "sometimes"

    VALID = [
        Valid(_NET + "    delta = error * sigmoid_prime(a)\n    W += X.T @ delta\n"),
        Valid(_NET + "    delta = error * sigmoid_grad(z)\n    W += X.T @ delta\n"),
        Valid(_NET + "    delta = error * a * (1 - a)\n    W += X.T @ delta\n"),
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(8, 3)\n"
            "y = np.random.rand(8, 1)\n"
            "W = np.random.randn(3, 1)\n"
            "def lrelu(x, deriv=False):\n"
            "    if deriv:\n"
            "        return np.where(x > 0, 1.0, 0.01)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "z = X @ W\n"
            "h = lrelu(z)\n"
            "err = y - h\n"
            "W += X.T @ (err * lrelu(h, deriv=True))\n"
        ),
    ]
    INVALID = [
        # small functions passing tuple caches; the log loss's own derivative starts the
        # backward pass; the sigmoid's backward step takes the cached pre-activation Z as s
        Invalid(
            "import numpy as np\n"
            "def sigmoid(Z):\n"
            "    return 1 / (1 + np.exp(-Z)), Z\n"
            "def relu(Z):\n"
            "    return np.maximum(0, Z), Z\n"
            "def sigmoid_backward(dA, cache):\n"
            "    s = cache\n"
            "    return dA * s * (1 - s)\n"
            "def relu_backward(dA, cache):\n"
            "    dZ = np.array(dA, copy=True)\n"
            "    dZ[cache <= 0] = 0\n"
            "    return dZ\n"
            "def layer_forward(A_prev, W, activation):\n"
            "    Z = np.dot(W, A_prev)\n"
            "    if activation == 'sigmoid':\n"
            "        A, act_cache = sigmoid(Z)\n"
            "    else:\n"
            "        A, act_cache = relu(Z)\n"
            "    return A, (A_prev, W, act_cache)\n"
            "def layer_backward(dA, cache, activation):\n"
            "    A_prev, W, act_cache = cache\n"
            "    if activation == 'sigmoid':\n"
            "        dZ = sigmoid_backward(dA, act_cache)\n"
            "    else:\n"
            "        dZ = relu_backward(dA, act_cache)\n"
            "    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T)\n"
            "X = np.random.randn(2, 50)\n"
            "Y = (X[0:1] > 0).astype(float)\n"
            "W1 = np.random.randn(4, 2)\n"
            "W2 = np.random.randn(1, 4)\n"
            "for i in range(100):\n"
            "    A1, c1 = layer_forward(X, W1, 'relu')\n"
            "    A2, c2 = layer_forward(A1, W2, 'sigmoid')\n"
            "    dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))\n"
            "    dA1, dW2 = layer_backward(dA2, c2, 'sigmoid')\n"
            "    dA0, dW1 = layer_backward(dA1, c1, 'relu')\n"
            "    W2 -= 0.1 * dW2\n"
            "    W1 -= 0.1 * dW1\n",
            at="return dA * s * (1 - s)",
            says=("output form",),
        ),
        Invalid(
            _NET + "    delta = error * sigmoid_prime(z)\n    W += X.T @ delta\n",
            at="delta = error * sigmoid_prime(z)",
            says=("'sigmoid_prime'", "output form", "'z'", "pass 'a'"),
            fixed=_NET + "    delta = error * sigmoid_prime(a)\n    W += X.T @ delta\n",
        ),
        Invalid(
            _NET + "    delta = error * sigmoid_grad(a)\n    W += X.T @ delta\n",
            at="delta = error * sigmoid_grad(a)",
            says=("input form", "'a'", "pass 'z'"),
        ),
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(8, 3)\n"
            "y = np.random.rand(8, 1)\n"
            "W = np.random.randn(3, 1)\n"
            "for epoch in range(100):\n"
            "    net = np.dot(X, W)\n"
            "    out = np.tanh(net)\n"
            "    grad = (y - out) * (1 - net ** 2)\n"
            "    W += np.dot(X.T, grad)\n",
            at="grad = (y - out) * (1 - net ** 2)",
            says=("'net'", "pass 'out'"),
            fixed="import numpy as np\n"
            "X = np.random.rand(8, 3)\n"
            "y = np.random.rand(8, 1)\n"
            "W = np.random.randn(3, 1)\n"
            "for epoch in range(100):\n"
            "    net = np.dot(X, W)\n"
            "    out = np.tanh(net)\n"
            "    grad = (y - out) * (1 - out ** 2)\n"
            "    W += np.dot(X.T, grad)\n",
        ),
    ]

    def check(self):
        for use in self.model.derivative_uses:
            forms = use.forms
            if forms is None or not forms.matches:
                continue  # matches neither form: NN202's finding
            forward = use.forward
            if use.at == "input" and not forms.input_form:
                output = forward.output_name
                if output and forward.scope is not use.scope and not output.startswith("self."):
                    # a name of another function: it does not reach the derivative's code
                    hint = f"pass the output of '{forward.name}' ('{output}' where it is computed)"
                    output = None
                else:
                    hint = f"pass '{output}' (the output of '{forward.name}')" if output else \
                        f"pass the output of '{forward.name}' instead"
                yield self.report(
                    use.node,
                    f"derivative '{use.name}' is written in output form (it expects the activation's "
                    f"output) but is evaluated at '{code(use.argument)}', the value '{forward.name}' was "
                    f"applied to: the factor can turn negative and flip the gradient; {hint}",
                    severity=Severity.ERROR,
                    fix=self._fix(use, output) if output else None,
                )
            elif use.at == "output" and not forms.output_form:
                yield self.report(
                    use.node,
                    f"derivative '{use.name}' is written in input form (it applies '{forward.name}' "
                    f"itself) but is evaluated at '{code(use.argument)}', which is already the output "
                    f"of '{forward.name}': the activation is applied twice and the gradient is "
                    f"scaled wrongly; pass '{code(forward.argument)}'",
                    severity=Severity.WARNING,
                    fix=self._fix(use, None),
                )

    def _fix(self, use, output: str | None):
        """Pass the value the derivative is written for: the activation's output (a name), or
        the pre-activation it was applied to. Only within the one function where both are."""
        model = self.model
        forward = use.forward
        try:
            text = output if output is not None else source_of(model, forward.argument)
            model.span(use.argument)
        except KeyError:
            return None
        if forward.scope is not use.scope:
            # Another method: only `self.<attribute>` of the same class reaches there.
            value = forward.target if output is not None else model.key(forward.argument, forward.scope)
            method = use.scope
            while method is not None and method.self_name is None and not method.is_module:
                method = method.parent
            if not (
                value is not None and value[0] == "attr" and method is not None
                and method.cls is value[1] and method.self_name is not None
                and (output is not None or isinstance(forward.argument, cst.Attribute))
            ):
                return None
            text = f"{method.self_name}.{value[2]}"
        if "#" in text or "\n" in text:
            return None
        simple = output is not None or isinstance(forward.argument, (cst.Name, cst.Attribute))
        content = text if simple else in_place_of(use.argument, text, model)
        return fix(f"Pass '{text}'", [edit(model, use.argument, content)])
