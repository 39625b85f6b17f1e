from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code, derivative_forms
from nncheck.rules.base import Invalid, Rule, Valid

_XOR = (
    "import numpy as np\n"
    "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
    "y = np.array([[0, 1, 1, 0]]).T\n"
    "syn0 = 2 * np.random.random((3, 4)) - 1\n"
    "syn1 = 2 * np.random.random((4, 1)) - 1\n"
    "def nonlin(x, deriv=False):\n"
    "    if deriv:\n"
    "        return x * (1 - x)\n"
    "    return 1 / (1 + np.exp(-x))\n"
    "for j in range(1000):\n"
    "    l1 = nonlin(np.dot(X, syn0))\n"
    "    l2 = nonlin(np.dot(l1, syn1))\n"
    "    l2_error = y - l2\n"
)


class DerivativeOfError(Rule):
    """
    ## What it does
    Finds an activation derivative evaluated at an error (a backward signal such as `y - out`,
    or `delta @ W.T`) instead of at the activation. A function counts as a derivative when it
    is called in the derivative mode of an activation (`nonlin(x, deriv=True)`) or when, on
    probe arrays, it computes the slope of an activation used in the forward pass.

    ## Why is this bad?
    The chain rule multiplies the error by the activation's slope *at the unit's own value*.
    `sigmoid_prime(error)` is the slope at the error: a number with no relation to where the
    unit sits on its curve. The gradient is wrong in size and, for output-form derivatives like
    `e * (1 - e)`, in sign whenever the error leaves (0, 1).

    ## Example
    ```python
    l2_error = y - l2
    l2_delta = l2_error * nonlin(l2_error, deriv=True)
    ```

    ## Use instead
    ```python
    l2_delta = l2_error * nonlin(l2, deriv=True)
    ```
    """

    code = "NN206"
    name = "derivative-of-error"
    severity = Severity.ERROR
    summary = "an activation derivative is evaluated at the error instead of the activation"
    fix_availability = "sometimes"

    VALID = [
        Valid(
            _XOR + "    l2_delta = l2_error * nonlin(l2, deriv=True)\n"
            "    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)\n"
            "    syn1 += l1.T.dot(l2_delta)\n"
            "    syn0 += X.T.dot(l1_delta)\n"
        ),
        Valid(
            "import numpy as np\n"
            "inputs = np.random.rand(20, 2)\n"
            "labels = (inputs[:, :1] > 0.5).astype(float)\n"
            "kernel = np.random.randn(2, 1)\n"
            "squash = lambda v: 1 / (1 + np.exp(-v))\n"
            "slope = lambda s: s * (1 - s)\n"
            "for _ in range(100):\n"
            "    guess = squash(inputs @ kernel)\n"
            "    miss = labels - guess\n"
            "    kernel += inputs.T @ (miss * slope(guess))\n"
        ),
        # a backward helper that takes the upstream gradient is no activation derivative
        Valid(
            "import numpy as np\n"
            "def relu(z):\n"
            "    return np.maximum(0, z)\n"
            "def relu_backward(upstream, z):\n"
            "    return upstream * (z > 0)\n"
            "X = np.random.rand(10, 3)\n"
            "y = np.random.rand(10, 1)\n"
            "W1 = np.random.randn(3, 5)\n"
            "W2 = np.random.randn(5, 1)\n"
            "for _ in range(50):\n"
            "    z1 = X @ W1\n"
            "    a1 = relu(z1)\n"
            "    out = a1 @ W2\n"
            "    d_out = out - y\n"
            "    d_z1 = relu_backward(d_out @ W2.T, z1)\n"
            "    W2 -= 0.01 * a1.T @ d_out\n"
            "    W1 -= 0.01 * X.T @ d_z1\n"
        ),
    ]
    INVALID = [
        Invalid(
            _XOR + "    l2_delta = l2_error * nonlin(l2_error, deriv=True)\n"
            "    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)\n"
            "    syn1 += l1.T.dot(l2_delta)\n"
            "    syn0 += X.T.dot(l1_delta)\n",
            at="l2_delta = l2_error * nonlin(l2_error, deriv=True)",
            says=("'nonlin'", "'l2_error'", "'l2'", "nonlin(l2, deriv=True)"),
            fixed=_XOR + "    l2_delta = l2_error * nonlin(l2, deriv=True)\n"
            "    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)\n"
            "    syn1 += l1.T.dot(l2_delta)\n"
            "    syn0 += X.T.dot(l1_delta)\n",
        ),
        # names imported one by one from numpy: `dot` is np.dot, `exp` np.exp
        Invalid(
            "from numpy import array, dot, exp, random\n"
            "def sigmoid(x):\n"
            "    return 1 / (1 + exp(-x))\n"
            "def sigmoid_derivative(x):\n"
            "    return x * (1 - x)\n"
            "X = array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
            "y = array([[0, 1, 1, 0]]).T\n"
            "w1 = 2 * random.random((3, 4)) - 1\n"
            "w2 = 2 * random.random((4, 1)) - 1\n"
            "for it in range(1000):\n"
            "    h = sigmoid(dot(X, w1))\n"
            "    out = sigmoid(dot(h, w2))\n"
            "    d2 = (y - out) * sigmoid_derivative(out)\n"
            "    d1 = sigmoid_derivative(dot(d2, w2.T)) * h\n"
            "    w2 += dot(h.T, d2)\n"
            "    w1 += dot(X.T, d1)\n",
            at="d1 = sigmoid_derivative(dot(d2, w2.T)) * h",
            says=("'sigmoid_derivative'",),
        ),
        # a separate derivative function, given the error alone
        Invalid(
            "import numpy as np\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "def sigmoid_prime(s):\n"
            "    return s * (1 - s)\n"
            "X = np.random.rand(30, 4)\n"
            "y = (X[:, :1] > 0.5).astype(float)\n"
            "W = np.random.randn(4, 1)\n"
            "for epoch in range(100):\n"
            "    out = sigmoid(X @ W)\n"
            "    error = y - out\n"
            "    delta = sigmoid_prime(error)\n"
            "    W += 0.1 * X.T @ delta\n",
            at="delta = sigmoid_prime(error)",
            says=("'sigmoid_prime'", "'error'", "error * sigmoid_prime(out)"),
            fixed="import numpy as np\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "def sigmoid_prime(s):\n"
            "    return s * (1 - s)\n"
            "X = np.random.rand(30, 4)\n"
            "y = (X[:, :1] > 0.5).astype(float)\n"
            "W = np.random.randn(4, 1)\n"
            "for epoch in range(100):\n"
            "    out = sigmoid(X @ W)\n"
            "    error = y - out\n"
            "    delta = error * sigmoid_prime(out)\n"
            "    W += 0.1 * X.T @ delta\n",
        ),
        # a class with a tanh hidden layer: the derivative taken of the propagated error
        Invalid(
            "import numpy as np\n"
            "class TwoLayer:\n"
            "    def __init__(self):\n"
            "        self.Wh = np.random.randn(2, 6) * 0.5\n"
            "        self.Wo = np.random.randn(6, 1) * 0.5\n"
            "    def dtanh(self, t):\n"
            "        return 1 - t ** 2\n"
            "    def step(self, X, y, lr=0.1):\n"
            "        self.h = np.tanh(X @ self.Wh)\n"
            "        out = self.h @ self.Wo\n"
            "        g = out - y\n"
            "        gh = g @ self.Wo.T * self.dtanh(g @ self.Wo.T)\n"
            "        self.Wo -= lr * self.h.T @ g\n"
            "        self.Wh -= lr * X.T @ gh\n",
            at="gh = g @ self.Wo.T * self.dtanh(g @ self.Wo.T)",
            says=("'self.dtanh'", "self.dtanh(self.h)"),
        ),
    ]

    def check(self):
        model = self.model
        backward = backward_of(model)
        for call, scope, function, mode in backward.candidate_derivative_calls():
            argument = model.call_argument(call, function)
            if argument is None or not model.is_signal(argument, scope):
                continue
            if model.producer(argument, scope) is not None or model.layer_of(argument, scope) is not None:
                continue
            derivative = model.function_callable(function, mode)
            if derivative is None:
                continue
            forward = backward.forward_of(function, mode, derivative)
            if forward is None:
                continue
            source = backward.error_source(argument, scope) or backward.hidden_source(argument, scope)
            activation = source if source is not None else forward
            forms = derivative_forms(activation.callable, derivative)
            if forms is None or not forms.matches:
                activation, forms = forward, derivative_forms(forward.callable, derivative)
            yield self._report(call, argument, scope, activation, forms, backward)

    def _report(self, call, argument, scope, activation, forms, backward):
        model = self.model
        point = None
        if forms is not None and forms.output_form:
            point = backward.output_text(activation, scope)
        if point is None and forms is not None and forms.input_form:
            point = backward.input_text(activation, scope)
        name = code(call.func)
        error = f"'{code(argument)}'" if isinstance(argument, (cst.Name, cst.Attribute)) else f"`{code(argument)}`"
        where = f"'{point}'" if point else f"the output of '{activation.name}'"
        message = (
            f"derivative '{name}' is evaluated at the error {error} instead of at the activation "
            f"{where}: its slope must be taken where the unit sits on its curve"
        )
        if point is None:
            return self.report(call, message + f"; pass the activation's value and multiply by {error}")
        new_call = model.module.code_for_node(call.deep_replace(argument, cst.parse_expression(point)))
        if self._multiplied_by_error(call, argument, scope):
            text, advice = new_call, f"use `{new_call}`"
        else:
            operand = code(argument)
            if not isinstance(argument, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
                operand = f"({operand})"
            text = f"{operand} * {new_call}"
            advice = f"use `{text}`"
            if isinstance(model.parent(call), (cst.BinaryOperation, cst.UnaryOperation)):
                text = f"({text})"
        return self.report(call, f"{message}; {advice}",
                           fix=self.replace(call, text, f"Evaluate '{name}' at '{point}'"))

    def _multiplied_by_error(self, call, argument, scope) -> bool:
        """The call is a factor of a product that already holds the same error."""
        model = self.model
        wanted = code(argument)
        node = call
        parent = model.parent(node)
        while isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply):
            node = parent
            parent = model.parent(node)
        stack = [node]
        while stack:
            current = stack.pop()
            if current is call:
                continue
            if isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Multiply):
                stack.extend([current.left, current.right])
            elif current is not node and code(current).strip("()") == wanted.strip("()"):
                return True
            elif current is node and code(current) == wanted:
                return True
        return False

