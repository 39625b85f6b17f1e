from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model.values import code, matrix_product, transposed_base
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, numpy_name, offset

_NET = (
    "import numpy as np\n"
    "X = np.random.rand(8, 3)\n"
    "y = np.random.rand(8, 2)\n"
    "W = np.random.randn(3, 2)\n"
    "b = np.zeros((1, 2))\n"
    "for epoch in range(100):\n"
    "    out = X @ W + b\n"
    "    delta = out - y\n"
    "    W -= 0.1 * X.T @ delta\n"
)


class BiasGradientLikeWeights(Rule):
    """
    ## What it does
    Finds a bias updated with the weight gradient — the product of the layer's input and the
    delta (`X.T @ delta`) — instead of the sum of the deltas over the samples.

    ## Why is this bad?
    The bias is added to every sample's pre-activation with a factor of 1, so its gradient is
    the deltas summed over the samples. `X.T @ delta` has the weights' shape, weighs each
    sample by its inputs, and (when the shapes happen to fit) trains the bias toward a value
    that has nothing to do with the loss.

    ## Example
    ```python
    W -= lr * X.T @ delta
    b -= lr * X.T @ delta
    ```

    ## Use instead
    ```python
    W -= lr * X.T @ delta
    b -= lr * delta.sum(axis=0, keepdims=True)
    ```

    ## Fix safety
    Safe: the weight gradient in the bias update becomes `np.sum(delta, axis=0, keepdims=True)`
    (axis 1 when samples are columns), the learning rate and any other factor kept. The update
    no longer depends on the inputs, which is what the rule proved wrong.
    """

    code = "NN204"
    name = "bias-gradient-like-weights"
    severity = Severity.WARNING
    summary = "the bias is updated with the weight gradient instead of the summed deltas"
    fix_availability = "sometimes"

    VALID = [
        Valid(_NET + "    b -= 0.1 * delta.sum(axis=0, keepdims=True)\n"),
        Valid(_NET + "    b -= 0.1 * np.sum(delta, axis=0, keepdims=True)\n"),
        # a product with a column of ones is a sum over the samples
        Valid(_NET + "    b -= 0.1 * np.ones((1, 8)) @ delta\n"),
    ]
    INVALID = [
        Invalid(
            _NET + "    b -= 0.1 * X.T @ delta\n",
            at="b -= 0.1 * X.T @ delta",
            says=("'b'", "X.T @ delta", "np.sum(delta, axis=0, keepdims=True)"),
            fixed=_NET + "    b -= 0.1 * np.sum(delta, axis=0, keepdims=True)\n",
        ),
        Invalid(
            _NET.replace("    W -= 0.1 * X.T @ delta\n", "    grad = np.dot(X.T, delta)\n    W -= 0.1 * grad\n")
            + "    b -= 0.1 * grad\n",
            at="b -= 0.1 * grad",
            says=("'b'",),
            fixed=_NET.replace("    W -= 0.1 * X.T @ delta\n", "    grad = np.dot(X.T, delta)\n    W -= 0.1 * grad\n")
            + "    b -= 0.1 * np.sum(delta, axis=0, keepdims=True)\n",
        ),
        Invalid(
            "import numpy as np\n"
            "A = np.random.rand(3, 10)\n"
            "Y = np.random.rand(1, 10)\n"
            "W1 = np.random.randn(1, 3)\n"
            "b1 = np.zeros((1, 1))\n"
            "for i in range(50):\n"
            "    Z = np.dot(W1, A) + b1\n"
            "    dZ = Z - Y\n"
            "    dW = np.dot(dZ, A.T) / 10\n"
            "    W1 = W1 - 0.5 * dW\n"
            "    b1 = b1 - 0.5 * np.dot(dZ, A.T) / 10\n",
            at="b1 = b1 - 0.5 * np.dot(dZ, A.T) / 10",
            says=("np.sum(dZ, axis=1, keepdims=True)",),
            fixed="import numpy as np\n"
            "A = np.random.rand(3, 10)\n"
            "Y = np.random.rand(1, 10)\n"
            "W1 = np.random.randn(1, 3)\n"
            "b1 = np.zeros((1, 1))\n"
            "for i in range(50):\n"
            "    Z = np.dot(W1, A) + b1\n"
            "    dZ = Z - Y\n"
            "    dW = np.dot(dZ, A.T) / 10\n"
            "    W1 = W1 - 0.5 * dW\n"
            "    b1 = b1 - 0.5 * np.sum(dZ, axis=1, keepdims=True) / 10\n",
        ),
    ]

    def check(self):
        reported = set()
        for layer, update, product in self.weight_gradient_updates():
            if update.statement in reported:
                continue
            reported.add(update.statement)
            delta = code(product[1])
            axis = 0 if layer.layout == "rows" else 1
            edits = self.summed_delta_edits(layer, update, product)
            yield self.report(
                update.statement,
                f"bias '{code(update.target)}' is updated with the weight gradient "
                f"`{code(product[0])}`: a bias's gradient is the sum of the deltas over the "
                f"samples; use `np.sum({delta}, axis={axis}, keepdims=True)`",
                fix=fix("Sum the deltas over the samples", edits) if edits else None,
            )

    def weight_gradient_updates(self):
        """(layer, update, (product, delta, through)) for each bias update that uses the layer's
        weight gradient; NN301's fix reads them too (a reshaped bias needs its update fixed)."""
        model = self.model
        for layer in model.layers:
            if layer.bias_key is None:
                continue
            input_text = code(layer.input)
            input_key = model.key(layer.input, layer.scope)
            for update in model.updates:
                if update.key != layer.bias_key:
                    continue
                product = self._weight_gradient(update.rhs, update.scope, input_text, input_key)
                if product is not None:
                    yield layer, update, product

    def summed_delta_edits(self, layer, update, product) -> list:
        """The edits that put the summed deltas where the weight gradient is: the product itself
        (`0.1 * X.T @ d` → `0.1 * np.sum(d, ...)`), or the name that holds it in this update."""
        model = self.model
        np_ = numpy_name(model)
        node, delta, through = product
        if np_ is None:
            return []
        axis = 0 if layer.layout == "rows" else 1
        try:
            delta_text = _text(model, delta)
            summed = f"{np_}.sum({delta_text}, axis={axis}, keepdims=True)"
            if through is not None:
                # `b -= lr * grad` with `grad = X.T @ delta` on a line of its own (also used for
                # the weights): change this update only, and only if the delta is visible here.
                if through[1] is not update.scope or "\n" in delta_text or "#" in delta_text:
                    return []
                return [edit(model, through[0], summed)]
            factors = matrix_product(node)
            mine = next(
                side for side in factors
                if transposed_base(model.unscaled(side)) is not side and side is not delta
            )
            transposed = model.unscaled(mine)
            text = _text(model, node)
            start = offset(model, model.span(node)[0])
            begin = offset(model, model.span(mine)[0]) - start
            cut_from = offset(model, model.span(transposed)[0]) - start
            cut_to = offset(model, model.span(transposed)[1]) - start
            end = offset(model, model.span(mine)[1]) - start
        except (KeyError, StopIteration):
            return []
        content = text[begin:cut_from] + summed + text[cut_to:end]
        if "#" in content or "\n" in content:
            return []
        return [edit(model, node, content)]

    def _weight_gradient(self, rhs, scope, input_text, input_key, depth=0):
        """(product node, delta operand, through) when `rhs` holds a product of the layer's input
        and a delta, directly (through None) or through a local name (grad = X.T @ delta;
        b -= lr * grad: through is (the name in `rhs`, the scope of its definition))."""
        model = self.model
        for node in model.walk(rhs):
            factors = matrix_product(node)
            if factors is not None:
                for mine, other in (factors, factors[::-1]):
                    base = transposed_base(model.unscaled(mine))
                    if base is mine:
                        continue
                    if code(base) == input_text or (input_key is not None and model.key(base, scope) == input_key):
                        return node, other, None
            if depth < 2 and isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                parent = model.parent(node)
                if isinstance(parent, cst.Subscript) and parent.value is node:
                    continue  # `g` in `g["b"]`: the container, not the item read
                held = [(v, s) for v, s in model.values(node, scope) if v is not node]
                if len(held) == 1:
                    value, value_scope = held[0]
                    found = self._weight_gradient(value, value_scope, input_text, input_key, depth + 1)
                    if found is not None:
                        return found[0], found[1], (node, value_scope) if depth == 0 else found[2]
        return None



def _text(model, node) -> str:
    from nncheck.rules.fixes import source_of

    return source_of(model, node)
