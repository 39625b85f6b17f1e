from __future__ import annotations

import ast

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code, reduction
from nncheck.rules.base import Invalid, Rule, Valid

_ROWS = (
    "import numpy as np\n"
    "X = np.random.rand(40, 3)\n"
    "Y = np.eye(4)[np.random.randint(0, 4, 40)]\n"
    "W = np.random.randn(3, 4) * 0.1\n"
    "b = np.zeros((1, 4))\n"
    "def softmax(s):\n"
    "    e = np.exp(s - s.max(axis=1, keepdims=True))\n"
    "    return e / e.sum(axis=1, keepdims=True)\n"
    "for epoch in range(300):\n"
    "    p = softmax(X @ W + b)\n"
    "    delta = (p - Y) / len(X)\n"
    "    W -= 0.5 * X.T @ delta\n"
)


class BiasGradientReduction(Rule):
    """
    ## What it does
    Finds the bias gradient of a layer with more than one unit computed by summing the deltas
    over *all* axes (`np.sum(delta)`, a single number) or over the unit axis instead of the
    sample axis. The sample axis follows the layout: axis 0 when samples are rows (`X @ W`),
    axis 1 when they are columns (`W @ X`). For a layer with a single unit a scalar sum is the
    right gradient: nncheck stays silent there.

    ## Why is this bad?
    Each unit has its own bias, and its gradient is that unit's delta summed over the samples.
    A sum over everything gives every unit the same number — the total error of the whole
    layer — so the biases move together and cannot tell the units apart. A sum over the unit
    axis has one entry per sample: it broadcasts into the wrong shape, or raises.

    ## Example
    ```python
    b -= lr * np.sum(delta)
    ```

    ## Use instead
    ```python
    b -= lr * np.sum(delta, axis=0, keepdims=True)
    ```
    """

    code = "NN209"
    name = "bias-gradient-reduction"
    severity = Severity.WARNING
    summary = "a multi-unit bias gradient sums over all axes or over the unit axis"
    fix_availability = "sometimes"

    VALID = [
        Valid(_ROWS + "    b -= 0.5 * np.sum(delta, axis=0, keepdims=True)\n"),
        Valid(_ROWS + "    b -= 0.5 * delta.mean(axis=0)\n"),
        # a single output unit: the scalar sum is the whole gradient
        Valid(
            "import numpy as np\n"
            "x = np.random.rand(30, 2)\n"
            "t = (x[:, :1] > 0.5).astype(float)\n"
            "w = np.zeros((2, 1))\n"
            "c = 0.0\n"
            "bias = np.zeros((1, 1))\n"
            "for i in range(100):\n"
            "    p = 1 / (1 + np.exp(-(x @ w + bias)))\n"
            "    g = p - t\n"
            "    w -= 0.1 * x.T @ g\n"
            "    bias -= 0.1 * np.sum(g)\n"
        ),
        # samples as columns: axis 1 is the sample axis
        Valid(
            "import numpy as np\n"
            "A0 = np.random.rand(3, 50)\n"
            "Y = np.random.rand(2, 50)\n"
            "W1 = np.random.randn(2, 3)\n"
            "b1 = np.zeros((2, 1))\n"
            "for i in range(100):\n"
            "    Z1 = np.dot(W1, A0) + b1\n"
            "    dZ1 = Z1 - Y\n"
            "    dW1 = np.dot(dZ1, A0.T) / 50\n"
            "    db1 = np.sum(dZ1, axis=1, keepdims=True) / 50\n"
            "    W1 = W1 - 0.1 * dW1\n"
            "    b1 = b1 - 0.1 * db1\n"
        ),
        # one bias shared by all units, on purpose: a number, summed over everything
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(40, 3)\n"
            "Y = np.random.rand(40, 4)\n"
            "W = np.random.randn(3, 4)\n"
            "shared = 0.0\n"
            "for i in range(100):\n"
            "    out = np.tanh(X @ W + shared)\n"
            "    delta = (out - Y) * (1 - out ** 2)\n"
            "    W -= 0.1 * X.T @ delta\n"
            "    shared -= 0.1 * np.sum(delta)\n"
        ),
    ]
    INVALID = [
        Invalid(
            _ROWS + "    b -= 0.5 * np.sum(delta)\n",
            at="b -= 0.5 * np.sum(delta)",
            says=("'b'", "4 units", "np.sum(delta, axis=0, keepdims=True)"),
            fixed=_ROWS + "    b -= 0.5 * np.sum(delta, axis=0, keepdims=True)\n",
        ),
        # samples as columns, summed over the unit axis
        Invalid(
            "import numpy as np\n"
            "A0 = np.random.rand(3, 50)\n"
            "Y = np.random.rand(2, 50)\n"
            "W1 = np.random.randn(2, 3)\n"
            "b1 = np.zeros((2, 1))\n"
            "for i in range(100):\n"
            "    Z1 = np.dot(W1, A0) + b1\n"
            "    dZ1 = Z1 - Y\n"
            "    dW1 = np.dot(dZ1, A0.T) / 50\n"
            "    db1 = np.sum(dZ1, axis=0, keepdims=True) / 50\n"
            "    W1 = W1 - 0.1 * dW1\n"
            "    b1 = b1 - 0.1 * db1\n",
            at="db1 = np.sum(dZ1, axis=0, keepdims=True) / 50",
            says=("'b1'", "axis=1"),
            fixed="import numpy as np\n"
            "A0 = np.random.rand(3, 50)\n"
            "Y = np.random.rand(2, 50)\n"
            "W1 = np.random.randn(2, 3)\n"
            "b1 = np.zeros((2, 1))\n"
            "for i in range(100):\n"
            "    Z1 = np.dot(W1, A0) + b1\n"
            "    dZ1 = Z1 - Y\n"
            "    dW1 = np.dot(dZ1, A0.T) / 50\n"
            "    db1 = np.sum(dZ1, axis=1, keepdims=True) / 50\n"
            "    W1 = W1 - 0.1 * dW1\n"
            "    b1 = b1 - 0.1 * db1\n",
        ),
        # a layer class with a 1-D bias, the method form .sum()
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.kernel = np.random.randn(n_in, n_out) * 0.1\n"
            "        self.shift = np.zeros(n_out)\n"
            "    def fit(self, inputs, targets, rate=0.05):\n"
            "        for _ in range(100):\n"
            "            out = np.tanh(inputs @ self.kernel + self.shift)\n"
            "            grad = (out - targets) * (1 - out ** 2)\n"
            "            self.kernel -= rate * inputs.T @ grad\n"
            "            self.shift -= rate * grad.sum()\n"
            "layer = Dense(3, 5)\n"
            "layer.fit(np.random.rand(20, 3), np.random.rand(20, 5))\n",
            at="self.shift -= rate * grad.sum()",
            says=("'self.shift'", "5 units", "grad.sum(axis=0)"),
        ),
        # layer objects that keep their gradients (backward(dvalues)); the error is computed
        # in place from the softmax output passed back in
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.weights = 0.1 * np.random.randn(n_in, n_out)\n"
            "        self.biases = np.zeros((1, n_out))\n"
            "    def forward(self, inputs):\n"
            "        self.inputs = inputs\n"
            "        self.output = np.dot(inputs, self.weights) + self.biases\n"
            "    def backward(self, dvalues):\n"
            "        self.dweights = np.dot(self.inputs.T, dvalues)\n"
            "        self.dbiases = np.sum(dvalues)\n"
            "class Softmax:\n"
            "    def forward(self, inputs):\n"
            "        e = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))\n"
            "        self.output = e / np.sum(e, axis=1, keepdims=True)\n"
            "    def backward(self, dvalues, y_true):\n"
            "        self.dinputs = dvalues.copy()\n"
            "        self.dinputs[range(len(dvalues)), y_true] -= 1\n"
            "        self.dinputs = self.dinputs / len(dvalues)\n"
            "X = np.random.randn(50, 2)\n"
            "y = np.random.randint(0, 3, 50)\n"
            "dense = Dense(2, 3)\n"
            "head = Softmax()\n"
            "for epoch in range(100):\n"
            "    dense.forward(X)\n"
            "    head.forward(dense.output)\n"
            "    head.backward(head.output, y)\n"
            "    dense.backward(head.dinputs)\n"
            "    dense.weights -= 0.5 * dense.dweights\n"
            "    dense.biases -= 0.5 * dense.dbiases\n",
            at="self.dbiases = np.sum(dvalues)",
            says=("3 units",),
        ),
    ]

    def check(self):
        model = self.model
        backward = backward_of(model)
        reported = set()
        for pair in backward.pairs:
            layer = pair.layer
            if layer.bias is None or not pair.bias_updates:
                continue
            units, bias_ndim = self._units(layer)
            if units is None:
                # a width that is a name here: a hidden layer's (`np.zeros(hidden_size)`) is never
                # 1; a parameter's is known from every call (`Dense(2, 32)`, `Dense(32, 3)`)
                units, bias_ndim = self._symbolic_units(layer, self._is_hidden(pair, backward))
            if units is None or (isinstance(units, int) and units <= 1):
                continue
            sample_axis = 0 if layer.layout == "rows" else 1
            for update in pair.bias_updates:
                for call, scope in self._reductions(update.rhs, update.scope, 0):
                    if id(call) in reported:
                        continue
                    finding = self._judge(call, scope, update, pair, units, bias_ndim, sample_axis)
                    if finding is not None:
                        reported.add(id(call))
                        yield finding

    def _is_hidden(self, pair, backward) -> bool:
        """Another layer's input is this layer's output (its activation's, or the layer's own)."""
        model = self.model
        for other in backward.pairs:
            if other is pair:
                continue
            producer = model.producer(other.layer.input, other.layer.scope)
            if producer is pair.layer or (producer is not None and producer is pair.activation):
                return True
        return False

    def _symbolic_units(self, layer, hidden: bool):
        """(the name of the width, the bias's number of dimensions) of a 1-D or row bias of a
        hidden layer, or of one whose width is more than 1 at every construction."""
        shape = _created_shape(self.model, layer.bias, layer.scope)
        if shape is None or len(shape) not in (1, 2):
            return None, None
        if len(shape) == 2:
            unit, other = (shape[1], shape[0]) if layer.layout == "rows" else (shape[0], shape[1])
            if other != 1:
                return None, None
        else:
            unit = shape[0]
        if not isinstance(unit, str):
            return None, None
        if not hidden and not self._more_than_one(unit, layer):
            return None, None
        return unit, len(shape)

    def _more_than_one(self, unit: str, layer) -> bool:
        model = self.model
        try:
            expr = cst.parse_expression(unit)
        except cst.ParserSyntaxError:
            return False
        for call in model.origins(layer.bias, layer.scope):
            numbers = model.parameter_numbers(expr, model.scope_of(call))
            if numbers and all(isinstance(n, int) and n > 1 for n in numbers):
                return True
        return False

    def _units(self, layer):
        """(units, the bias's number of dimensions) when known."""
        model = self.model
        bias_shape = _created_shape(model, layer.bias, layer.scope)
        if bias_shape is not None and all(isinstance(d, int) for d in bias_shape) and bias_shape:
            if len(bias_shape) == 1:
                return bias_shape[0], 1
            if len(bias_shape) == 2:
                unit = bias_shape[1] if layer.layout == "rows" else bias_shape[0]
                other = bias_shape[0] if layer.layout == "rows" else bias_shape[1]
                return (unit, 2) if other == 1 else (None, None)
            return None, None
        if bias_shape is None:
            return None, None  # a Python number, or unknown: the bias may be shared on purpose
        weight_shape = _created_shape(model, layer.weight, layer.scope)
        if weight_shape is None or len(weight_shape) != 2:
            return None, None
        unit = weight_shape[1] if layer.layout == "rows" else weight_shape[0]
        return (unit, len(bias_shape)) if isinstance(unit, int) else (None, None)

    def _reductions(self, expr, scope, depth):
        """The reductions the bias gradient is computed with: at the top of the update's right
        side (through scale factors) or of the values of the names it reads."""
        model = self.model
        top = _strip_scale(expr, model, scope)
        if reduction(top) is not None:
            operand = reduction(top)[1]
            if model.is_signal(operand, scope):
                yield top, scope
            return
        if depth > 4:
            return
        if isinstance(top, (cst.Name, cst.Attribute, cst.Subscript)) and model.is_signal(top, scope):
            for value, value_scope in model.values(top, scope):
                if value is not top:
                    yield from self._reductions(value, value_scope, depth + 1)

    def _judge(self, call, scope, update, pair, units, bias_ndim, sample_axis):
        model = self.model
        layer = pair.layer
        function, operand, axis, keepdims = reduction(call)
        bias = code(update.target)
        verb = "averages" if function == "mean" else "sums"
        if axis is None:
            problem = (f"{verb} the deltas over all axes into one number, so all {units} units get the "
                       f"same gradient")
        else:
            try:
                value = ast.literal_eval(code(axis))
            except (ValueError, SyntaxError):
                return None
            if not isinstance(value, int):
                return None
            if value < 0:
                value += 2
            if value == sample_axis:
                return None
            # the wrong axis only when the deltas are a batch: the layer's input is transposed
            # in its weight gradient (X.T @ delta), so the samples are on an axis of their own
            if not pair.gradients:
                return None
            problem = (f"{verb} the deltas over axis {code(axis)}, the unit axis, instead of over the "
                       f"samples (axis {sample_axis})")
        keep = bias_ndim == 2 or layer.layout == "columns"
        if bias_ndim is None and layer.layout == "rows":
            keep = None
        corrected = _corrected(call, function, operand, sample_axis, keep)
        fix = None
        if corrected is not None:
            fix = self.replace(call, corrected, f"Sum over the sample axis {sample_axis}")
        wanted = f"`{corrected}`" if corrected else f"a sum over axis {sample_axis} only"
        return self.report(
            backward_of(model).statement_of(call) or call,
            f"the gradient of bias '{bias}' ({units} units) {problem}; use {wanted}",
            fix=fix,
        )


def _created_shape(model, expr, scope):
    """The shape of the array a parameter was created as (its updates keep the shape)."""
    shapes = {
        model.creation_shape(call, model.scope_of(call), 0) for call in model.origins(expr, scope)
    }
    return shapes.pop() if len(shapes) == 1 else None


def _strip_scale(expr, model, scope):
    while True:
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            expr = expr.expression
        elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Multiply, cst.Divide)):
            if _scale(expr.right, model, scope):
                expr = expr.left
            elif isinstance(expr.operator, cst.Multiply) and _scale(expr.left, model, scope):
                expr = expr.right
            else:
                return expr
        else:
            return expr


def _scale(expr, model, scope) -> bool:
    # a summed gradient is a number too, but it is the gradient, not a scale factor
    return model.is_scale(expr, scope) and not model.is_signal(expr, scope)


def _corrected(call, function, operand, axis, keep) -> str | None:
    """The reduction over the sample axis, written as the user wrote the call."""
    if keep is None:
        return None
    extra = ", keepdims=True" if keep else ""
    if isinstance(call.func, cst.Attribute) and call.func.value is operand:
        return f"{code(operand)}.{function}(axis={axis}{extra})"
    return f"{code(call.func)}({code(operand)}, axis={axis}{extra})"
