from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code, numpy_attribute, positional_args, RELU_FAMILY
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.rand(64, 3)\n"
    "y = X @ np.array([[1.0], [-2.0], [0.5]])\n"
    "W1 = np.random.randn(3, 10) * 0.5\n"
    "W2 = np.random.randn(10, 1) * 0.5\n"
    "for epoch in range(500):\n"
    "    z = X @ W1\n"
)
_RELU = "    h = np.maximum(0, z)\n    out = h @ W2\n    d_out = (out - y) / len(X)\n"
_LEAKY = "    h = np.where(z > 0, z, 0.01 * z)\n    out = h @ W2\n    d_out = (out - y) / len(X)\n"
_UPDATES = "    W2 -= 0.1 * h.T @ d_out\n    W1 -= 0.1 * X.T @ d_h\n"


class ReluBackwardMask(Rule):
    """
    ## What it does
    Finds a ReLU or leaky ReLU layer whose backward pass masks the gradient by the wrong
    thing: by the sign of the upstream gradient itself (`d_h[d_h < 0] = 0`,
    `np.maximum(d_h, 0)`, `d_h * (d_h > 0)`) instead of the sign of the layer's forward input,
    or — for leaky ReLU — sets the masked entries *to* the slope (`d_h[z < 0] = 0.01`,
    `np.where(z > 0, d_h, 0.01)`) instead of multiplying them by it.

    ## Why is this bad?
    A ReLU unit passes the gradient where its input was positive and blocks it where it was
    negative; the gradient's own sign says nothing about that. Masking on the gradient keeps
    the error of switched-off units and drops every negative gradient, so weights can only move
    one way. Setting entries to 0.01 replaces the gradient by a constant that does not depend on
    the error at all.

    ## Example
    ```python
    d_h = d_out @ W2.T
    d_h[d_h < 0] = 0
    ```

    ## Use instead
    ```python
    d_h = d_out @ W2.T
    d_h[z < 0] = 0
    ```
    """

    code = "NN208"
    name = "relu-backward-mask"
    severity = Severity.ERROR
    summary = "a ReLU backward pass masks on the gradient's sign, or sets entries to the slope"
    fix_availability = "sometimes"

    VALID = [
        # layer objects: the ReLU object's backward masks on its cached input
        Valid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.weights = 0.1 * np.random.randn(n_in, n_out)\n"
            "    def forward(self, inputs):\n"
            "        self.inputs = inputs\n"
            "        self.output = np.dot(inputs, self.weights)\n"
            "    def backward(self, dvalues):\n"
            "        self.dweights = np.dot(self.inputs.T, dvalues)\n"
            "        self.dinputs = np.dot(dvalues, self.weights.T)\n"
            "class ReLU:\n"
            "    def forward(self, inputs):\n"
            "        self.inputs = inputs\n"
            "        self.output = np.maximum(0, inputs)\n"
            "    def backward(self, dvalues):\n"
            "        self.dinputs = dvalues.copy()\n"
            "        self.dinputs[self.inputs <= 0] = 0\n"
            "X = np.random.randn(40, 2)\n"
            "y = np.random.randn(40, 1)\n"
            "dense1, relu1, dense2 = Dense(2, 8), ReLU(), Dense(8, 1)\n"
            "for epoch in range(100):\n"
            "    dense1.forward(X)\n"
            "    relu1.forward(dense1.output)\n"
            "    dense2.forward(relu1.output)\n"
            "    dense2.backward(dense2.output - y)\n"
            "    relu1.backward(dense2.dinputs)\n"
            "    dense1.backward(relu1.dinputs)\n"
            "    for layer in (dense1, dense2):\n"
            "        layer.weights -= 0.01 * layer.dweights\n"
        ),
        Valid(_DATA + _RELU + "    d_h = d_out @ W2.T\n    d_h[z <= 0] = 0\n" + _UPDATES),
        Valid(_DATA + _RELU + "    d_h = (d_out @ W2.T) * (z > 0)\n" + _UPDATES),
        Valid(_DATA + _LEAKY + "    d_h = np.where(z > 0, d_out @ W2.T, 0.01 * (d_out @ W2.T))\n" + _UPDATES),
        Valid(_DATA + _LEAKY + "    d_h = d_out @ W2.T\n    d_h[z <= 0] *= 0.01\n" + _UPDATES),
        # clipping the gradient is not a mask
        Valid(_DATA + _RELU + "    d_h = (d_out @ W2.T) * (z > 0)\n    d_h[d_h > 5] = 5\n" + _UPDATES),
        # the sign of the error is the gradient of an absolute-error loss, not a ReLU mask
        Valid(_DATA + "    h = np.maximum(0, z)\n    out = h @ W2\n    err = out - y\n"
              "    d_out = np.where(err > 0, 1.0, -1.0) / len(X)\n"
              "    d_h = d_out @ W2.T * (z > 0)\n" + _UPDATES),
    ]
    INVALID = [
        # layer objects: the ReLU object's backward masks on the upstream gradient
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.weights = 0.1 * np.random.randn(n_in, n_out)\n"
            "    def forward(self, inputs):\n"
            "        self.inputs = inputs\n"
            "        self.output = np.dot(inputs, self.weights)\n"
            "    def backward(self, dvalues):\n"
            "        self.dweights = np.dot(self.inputs.T, dvalues)\n"
            "        self.dinputs = np.dot(dvalues, self.weights.T)\n"
            "class ReLU:\n"
            "    def forward(self, inputs):\n"
            "        self.inputs = inputs\n"
            "        self.output = np.maximum(0, inputs)\n"
            "    def backward(self, dvalues):\n"
            "        self.dinputs = dvalues.copy()\n"
            "        self.dinputs[dvalues <= 0] = 0\n"
            "X = np.random.randn(40, 2)\n"
            "y = np.random.randn(40, 1)\n"
            "dense1, relu1, dense2 = Dense(2, 8), ReLU(), Dense(8, 1)\n"
            "for epoch in range(100):\n"
            "    dense1.forward(X)\n"
            "    relu1.forward(dense1.output)\n"
            "    dense2.forward(relu1.output)\n"
            "    dense2.backward(dense2.output - y)\n"
            "    relu1.backward(dense2.dinputs)\n"
            "    dense1.backward(relu1.dinputs)\n"
            "    for layer in (dense1, dense2):\n"
            "        layer.weights -= 0.01 * layer.dweights\n",
            at="self.dinputs[dvalues <= 0] = 0",
            says=("'dvalues'",),
        ),
        Invalid(
            _DATA + _RELU + "    d_h = d_out @ W2.T\n    d_h[d_h < 0] = 0\n" + _UPDATES,
            at="d_h[d_h < 0] = 0",
            says=("'d_h'", "'z'", "d_h[z < 0] = 0"),
            fixed=_DATA + _RELU + "    d_h = d_out @ W2.T\n    d_h[z < 0] = 0\n" + _UPDATES,
        ),
        Invalid(
            _DATA + _LEAKY + "    d_h = np.where(z > 0, d_out @ W2.T, 0.01)\n" + _UPDATES,
            at="d_h = np.where(z > 0, d_out @ W2.T, 0.01)",
            says=("0.01", "multiply"),
            fixed=_DATA + _LEAKY + "    d_h = np.where(z > 0, d_out @ W2.T, 0.01 * (d_out @ W2.T))\n" + _UPDATES,
        ),
        # a loss(X, y) returning a gradient dict; the error is the softmax with 1 taken off
        # at each sample's label, in place
        Invalid(
            "import numpy as np\n"
            "X = np.random.randn(60, 2)\n"
            "y = np.random.randint(0, 3, 60)\n"
            "params = {'W1': np.random.randn(2, 10), 'W2': np.random.randn(10, 3)}\n"
            "def loss(X, y):\n"
            "    W1, W2 = params['W1'], params['W2']\n"
            "    hidden = np.maximum(0, X.dot(W1))\n"
            "    scores = hidden.dot(W2)\n"
            "    e = np.exp(scores - scores.max(axis=1, keepdims=True))\n"
            "    probs = e / e.sum(axis=1, keepdims=True)\n"
            "    dscores = probs\n"
            "    dscores[range(60), y] -= 1\n"
            "    dscores /= 60\n"
            "    grads = {'W2': hidden.T.dot(dscores)}\n"
            "    dhidden = dscores.dot(W2.T)\n"
            "    dhidden[dhidden <= 0] = 0\n"
            "    grads['W1'] = X.T.dot(dhidden)\n"
            "    return grads\n"
            "for i in range(100):\n"
            "    grads = loss(X, y)\n"
            "    for name in params:\n"
            "        params[name] -= 0.5 * grads[name]\n",
            at="dhidden[dhidden <= 0] = 0",
            says=("'dhidden'", "dhidden[hidden <= 0] = 0"),
        ),
        # a backward helper in the columns layout, the dict style, masking on its own input
        Invalid(
            "import numpy as np\n"
            "def relu_backward(dA, Z):\n"
            "    dZ = np.array(dA, copy=True)\n"
            "    dZ[dA <= 0] = 0\n"
            "    return dZ\n"
            "A0 = np.random.rand(2, 80)\n"
            "Y = (A0[0:1] * A0[1:2] > 0.25).astype(float)\n"
            "p = {'W1': np.random.randn(8, 2), 'W2': np.random.randn(1, 8)}\n"
            "for i in range(200):\n"
            "    Z1 = p['W1'] @ A0\n"
            "    A1 = np.maximum(0, Z1)\n"
            "    A2 = 1 / (1 + np.exp(-(p['W2'] @ A1)))\n"
            "    dZ2 = A2 - Y\n"
            "    dZ1 = relu_backward(p['W2'].T @ dZ2, Z1)\n"
            "    p['W2'] -= 0.5 * dZ2 @ A1.T / 80\n"
            "    p['W1'] -= 0.5 * dZ1 @ A0.T / 80\n",
            at="dZ[dA <= 0] = 0",
            says=("'dA'", "'Z'"),
        ),
        Invalid(
            _DATA + _RELU + "    d_h = np.maximum(d_out @ W2.T, 0)\n" + _UPDATES,
            at="d_h = np.maximum(d_out @ W2.T, 0)",
            says=("np.maximum", "'z'"),
        ),
    ]

    def check(self):
        model = self.model
        backward = backward_of(model)
        reported = set()
        for pair in backward.pairs:
            activation = pair.activation
            if activation is None or activation.behaviour.kind not in RELU_FAMILY:
                continue
            for gradient in pair.gradients:
                for node, scope in backward.local_nodes(gradient.delta, gradient.scope):
                    if id(node) in reported:
                        continue
                    finding = self._inspect(node, scope, activation, backward)
                    if finding is not None:
                        reported.add(id(node))
                        yield finding
        # activation objects: the ReLU's own backward method, whichever layers it sits between
        for activation in model.applications:
            if not activation.is_forward or activation.behaviour.kind not in RELU_FAMILY:
                continue
            for scope in backward.object_backwards(activation):
                for node in model.walk(scope.node):
                    if id(node) in reported:
                        continue
                    finding = self._inspect(node, scope, activation, backward)
                    if finding is not None:
                        reported.add(id(node))
                        yield finding

    def _forward_name(self, activation, scope, backward) -> str | None:
        """What code in `scope` can compare with 0 to know where the unit was on: the value the
        activation was applied to, or its output (the same sign for ReLU and leaky ReLU) — also
        through a parameter of a backward helper bound to it at every call."""
        forward_values = {id(activation.node)} | {
            id(v) for v, _ in self.model.values(activation.argument, activation.scope)
        }
        for param in getattr(scope, "params", []):
            defs = self.model.defs(("local", scope, param))
            bound = [d for d in defs if d.from_call]
            if bound and all(
                any(id(v) in forward_values for v, _ in self.model.values(d.value, d.scope)) for d in bound
            ):
                return param
        return backward.input_text(activation, scope) or backward.output_text(activation, scope)

    def _role(self, name, activation, scope, backward) -> str:
        if name == backward.output_text(activation, scope):
            return f"'{name}' is the output of '{activation.name}', positive exactly where its input is"
        return f"'{name}' is the input of '{activation.name}'"

    def _inspect(self, node, scope, activation, backward):
        model = self.model
        # (a) a mask on the gradient's own sign
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            operand = _compared_with_zero(node)
            if operand is not None and model.is_signal(operand, scope) and self._used_as_mask(node, scope):
                forward = self._forward_name(activation, scope, backward)
                where = f"'{forward}'" if forward else f"the value '{activation.name}' was applied to"
                statement = backward.statement_of(node)
                fix = None
                advice = f"compare {where} with 0 instead"
                if forward is not None:
                    if statement is not None:
                        advice = f"use `{code(statement.deep_replace(operand, cst.parse_expression(forward)))}`"
                    fix = self.replace(operand, forward, f"Mask on '{forward}'")
                return self.report(
                    statement or node,
                    f"the ReLU backward pass masks the gradient '{code(operand)}' on its own sign: a unit "
                    f"passes the gradient where its forward input was positive, whatever the gradient's "
                    f"sign; {advice} ({self._role(forward, activation, scope, backward) if forward else where})",
                    fix=fix,
                )
        if isinstance(node, cst.Call) and numpy_attribute(node.func) == "maximum":
            args = positional_args(node)
            if len(args) == 2:
                for operand, other in (args, args[::-1]):
                    if _is_zero(other) and model.is_signal(operand, scope):
                        forward = self._forward_name(activation, scope, backward)
                        where = f"'{forward}'" if forward else "the layer's forward input"
                        return self.report(
                            backward.statement_of(node) or node,
                            f"the ReLU backward pass applies `np.maximum` to the gradient "
                            f"'{code(operand)}': that keeps the units' gradients by their own sign, "
                            f"not by whether the unit was on; multiply by `({forward or 'z'} > 0)` "
                            f"({self._role(forward, activation, scope, backward) if forward else where})",
                        )
        # (b) masked entries set to the slope instead of multiplied by it
        if isinstance(node, cst.Call) and numpy_attribute(node.func) == "where":
            args = positional_args(node)
            if len(args) == 3 and not model.is_signal(args[0], scope):
                for kept, other in ((args[1], args[2]), (args[2], args[1])):
                    value = _nonzero_number(other, model, scope)
                    if value is not None and model.is_signal(kept, scope):
                        operand = code(kept)
                        if not isinstance(kept, (cst.Name, cst.Attribute, cst.Subscript)):
                            operand = f"({operand})"
                        replacement = f"{code(other)} * {operand}"
                        return self.report(
                            backward.statement_of(node) or node,
                            f"the leaky ReLU backward pass sets the masked entries of the gradient "
                            f"'{code(kept)}' to {code(other)} instead of scaling them: multiply, "
                            f"`{replacement}`",
                            fix=self.replace(other, replacement, f"Multiply the masked gradient by {code(other)}"),
                        )
        if isinstance(node, cst.Assign) and len(node.targets) == 1:
            target = node.targets[0].target
            if isinstance(target, cst.Subscript) and model.is_signal(target.value, scope):
                value = _nonzero_number(node.value, model, scope)
                index = target.slice[0].slice if len(target.slice) == 1 else None
                if (
                    value is not None and isinstance(index, cst.Index)
                    and isinstance(index.value, cst.Comparison)
                    and not model.is_signal(index.value, scope)
                ):
                    fixed = f"{code(target)} *= {code(node.value)}"
                    return self.report(
                        node,
                        f"the leaky ReLU backward pass sets the masked entries of the gradient "
                        f"'{code(target.value)}' to {code(node.value)} instead of scaling them: "
                        f"multiply, `{fixed}`",
                        fix=self.replace(node, fixed, f"Multiply the masked gradient by {code(node.value)}"),
                    )
        return None

    def _used_as_mask(self, comparison, scope) -> bool:
        model = self.model
        node = comparison
        parent = model.parent(node)
        # (d > 0).astype(float), (d > 0) * 1.0
        while isinstance(parent, cst.Attribute) and parent.attr.value == "astype":
            node = model.parent(parent)
            parent = model.parent(node)
        if isinstance(parent, cst.Arg):
            call = model.parent(parent)
            if isinstance(call, cst.Call) and numpy_attribute(call.func) == "where":
                args = positional_args(call)
                return len(args) == 3 and args[0] is node and any(
                    model.is_signal(a, scope) for a in args[1:]
                ) and any(_is_zero(a) for a in args[1:])
            return False
        if isinstance(parent, cst.Index):
            subscript = model.parent(model.parent(parent))
            statement = model.parent(model.parent(subscript)) if subscript is not None else None
            return (
                isinstance(subscript, cst.Subscript)
                and model.is_signal(subscript.value, scope)
                and isinstance(statement, cst.Assign)
                and _is_zero(statement.value)
            )
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply):
            other = parent.right if parent.left is node else parent.left
            return model.is_signal(other, scope)
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and parent.value is node:
            # `mask = (d > 0)` then `d * mask`: the name is the mask
            key = model.key(parent.targets[0].target, scope)
            for read in backward_of(model).reads(key) if key is not None else ():
                product = model.parent(read)
                if isinstance(product, cst.BinaryOperation) and isinstance(product.operator, cst.Multiply):
                    other = product.right if product.left is read else product.left
                    if model.is_signal(other, model.scope_of(read)):
                        return True
        return False


def _compared_with_zero(comparison: cst.Comparison):
    target = comparison.comparisons[0]
    if not isinstance(target.operator, (cst.GreaterThan, cst.GreaterThanEqual, cst.LessThan, cst.LessThanEqual)):
        return None
    if _is_zero(target.comparator):
        return comparison.left
    if _is_zero(comparison.left):
        return target.comparator
    return None


def _is_zero(node) -> bool:
    return isinstance(node, (cst.Integer, cst.Float)) and float(node.value) == 0.0


def _nonzero_number(node, model, scope):
    value = model.constant(node, scope)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value != 0:
        return value
    return None
