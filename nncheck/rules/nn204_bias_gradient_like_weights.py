from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import fix, summed_delta_edits

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
        for layer, update, product in backward_of(self.model).bias_updates_with_weight_gradient:
            if update.statement in reported:
                continue
            reported.add(update.statement)
            delta = code(product[1])
            axis = 0 if layer.layout == "rows" else 1
            edits = summed_delta_edits(self.model, layer, update, product)
            yield self.report(
                update.statement,
                f"bias '{code(update.target)}' is updated with the weight gradient "
                f"`{code(product[0])}`: a bias's gradient is the sum of the deltas over the "
                f"samples; use `np.sum({delta}, axis={axis}, keepdims=True)`",
                fix=fix("Sum the deltas over the samples", edits) if edits else None,
            )
