from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Severity
from nncheck.model import bare, code, training_of, transposed_base
from nncheck.rules.base import Invalid, Rule, Valid

_HEAD = (
    "import numpy as np\n"
    "X = np.random.rand(64, 3)\n"
    "y = (X[:, :1] > 0.5).astype(float)\n"
    "W1 = np.random.randn(3, 3) * 0.5\n"
    "W2 = np.random.randn(3, 1) * 0.5\n"
    "for epoch in range(500):\n"
    "    a1 = np.tanh(X @ W1)\n"
    "    a2 = 1 / (1 + np.exp(-(a1 @ W2)))\n"
    "    delta2 = (a2 - y) / len(X)\n"
    "    delta1 = (delta2 @ W2.T) * (1 - a1 ** 2)\n"
)


class GradientWrongLayerInput(Rule):
    """
    ## What it does
    Finds a weight gradient that pairs a layer's delta with something that layer did not
    receive in the forward pass: another layer's input (`dW2 = X.T @ delta2` where layer 2
    received `a1`), or the layer's own output (`dW1 = a1.T @ delta1`). The delta's layer is
    read from how the delta is built (the output error, or the next layer's delta sent back
    through its weights), not from names, and the finding stands even when the shapes happen
    to agree (as many inputs as hidden units).

    ## Why is this bad?
    The gradient of `z = a @ W` with respect to `W` is `a.T @ delta`, with `a` the very input
    that was multiplied by `W`. Any other array gives a matrix unrelated to the loss: with the
    shapes differing the update raises; with the shapes agreeing it silently moves the weights
    in a wrong direction, and the network learns badly or not at all.

    ## Example
    ```python
    dW2 = X.T @ delta2
    ```

    ## Use instead
    ```python
    dW2 = a1.T @ delta2
    ```

    The fix (unsafe: it changes the training) pairs the delta with the layer's input when that
    input can be named where the gradient is computed.
    """

    code = "NN211"
    name = "gradient-wrong-layer-input"
    severity = Severity.ERROR
    summary = "a weight gradient pairs a layer's delta with another layer's input"
    fix_availability = "sometimes"

    VALID = [
        Valid(_HEAD + "    dW2 = a1.T @ delta2\n    dW1 = X.T @ delta1\n    W2 -= 0.5 * dW2\n    W1 -= 0.5 * dW1\n"),
        # three layers, each with its own input (Trask's style)
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(40, 3)\n"
            "y = np.random.rand(40, 1)\n"
            "s0 = np.random.randn(3, 5)\n"
            "s1 = np.random.randn(5, 4)\n"
            "s2 = np.random.randn(4, 1)\n"
            "for j in range(100):\n"
            "    l1 = np.tanh(X.dot(s0))\n"
            "    l2 = np.tanh(l1.dot(s1))\n"
            "    l3 = l2.dot(s2)\n"
            "    d3 = y - l3\n"
            "    d2 = d3.dot(s2.T) * (1 - l2 ** 2)\n"
            "    d1 = d2.dot(s1.T) * (1 - l1 ** 2)\n"
            "    s2 += 0.01 * l2.T.dot(d3)\n"
            "    s1 += 0.01 * l1.T.dot(d2)\n"
            "    s0 += 0.01 * X.T.dot(d1)\n"
        ),
        # samples as columns
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(2, 100)\n"
            "Y = np.random.rand(1, 100)\n"
            "W1 = np.random.randn(4, 2)\n"
            "W2 = np.random.randn(1, 4)\n"
            "for i in range(100):\n"
            "    A1 = np.tanh(W1 @ X)\n"
            "    A2 = W2 @ A1\n"
            "    dZ2 = (A2 - Y) / 100\n"
            "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
            "    W2 -= 0.1 * np.dot(dZ2, A1.T)\n"
            "    W1 -= 0.1 * np.dot(dZ1, X.T)\n"
        ),
        # `np.dot(l0, syn0, syn1)` writes into syn1 (NN307): it is no layer whose input is l0
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(4, 3)\n"
            "y = np.random.rand(4, 1)\n"
            "syn0 = np.random.randn(3, 4)\n"
            "syn1 = np.random.randn(4, 1)\n"
            "for j in range(100):\n"
            "    l1 = np.tanh(np.dot(X, syn0))\n"
            "    l2 = np.tanh(np.dot(X, syn0, syn1))\n"
            "    d2 = (y - l2) * (1 - l2 ** 2)\n"
            "    d1 = d2.dot(syn1.T) * (1 - l1 ** 2)\n"
            "    syn1 += l1.T.dot(d2)\n"
            "    syn0 += X.T.dot(d1)\n"
        ),
    ]
    INVALID = [
        # softmax error written in place at the labels, regularisation added to the gradient
        Invalid(
            "import numpy as np\n"
            "class Config:\n"
            "    epsilon = 0.01\n"
            "    reg = 0.01\n"
            "X = np.random.randn(50, 2)\n"
            "y = np.random.randint(0, 2, 50)\n"
            "W1 = np.random.randn(2, 2)\n"
            "b1 = np.zeros((1, 2))\n"
            "W2 = np.random.randn(2, 2)\n"
            "b2 = np.zeros((1, 2))\n"
            "for i in range(100):\n"
            "    a1 = np.tanh(X.dot(W1) + b1)\n"
            "    e = np.exp(a1.dot(W2) + b2)\n"
            "    probs = e / np.sum(e, axis=1, keepdims=True)\n"
            "    delta3 = probs\n"
            "    delta3[range(50), y] -= 1\n"
            "    dW2 = (X.T).dot(delta3)\n"
            "    db2 = np.sum(delta3, axis=0, keepdims=True)\n"
            "    delta2 = delta3.dot(W2.T) * (1 - np.power(a1, 2))\n"
            "    dW1 = np.dot(X.T, delta2)\n"
            "    db1 = np.sum(delta2, axis=0)\n"
            "    dW2 += Config.reg * W2\n"
            "    dW1 += Config.reg * W1\n"
            "    W1 += -Config.epsilon * dW1\n"
            "    b1 += -Config.epsilon * db1\n"
            "    W2 += -Config.epsilon * dW2\n"
            "    b2 += -Config.epsilon * db2\n",
            at="dW2 = (X.T).dot(delta3)",
            says=("use `a1`",),
        ),
        Invalid(
            _HEAD + "    dW2 = X.T @ delta2\n    dW1 = X.T @ delta1\n    W2 -= 0.5 * dW2\n    W1 -= 0.5 * dW1\n",
            at="dW2 = X.T @ delta2",
            says=("`dW2`", "`delta2`", "`X`, the input of layer 1", "layer 2 received `a1`"),
            fixed=_HEAD + "    dW2 = a1.T @ delta2\n    dW1 = X.T @ delta1\n    W2 -= 0.5 * dW2\n    W1 -= 0.5 * dW1\n",
        ),
        # the layer's own output instead of its input
        Invalid(
            _HEAD + "    W2 -= 0.5 * a1.T @ delta2\n    W1 -= 0.5 * a1.T @ delta1\n",
            at="W1 -= 0.5 * a1.T @ delta1",
            says=("`delta1`", "`a1`, the output of layer 1", "layer 1 received `X`"),
        ),
        # samples as columns
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(2, 100)\n"
            "Y = np.random.rand(1, 100)\n"
            "W1 = np.random.randn(2, 2)\n"
            "W2 = np.random.randn(1, 2)\n"
            "for i in range(100):\n"
            "    A1 = np.tanh(W1 @ X)\n"
            "    A2 = W2 @ A1\n"
            "    dZ2 = (A2 - Y) / 100\n"
            "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
            "    W2 -= 0.1 * np.dot(dZ2, X.T)\n"
            "    W1 -= 0.1 * np.dot(dZ1, X.T)\n",
            at="W2 -= 0.1 * np.dot(dZ2, X.T)",
            says=("`dZ2`", "`X`, the input of layer 1", "layer 2 received `A1`"),
        ),
    ]

    def check(self):
        model = self.model
        training = training_of(model)
        for found in training.mispaired_gradients:
            statement = training.statement_of(found.product) or found.product
            base = transposed_base(found.activation)
            received = code(found.layer.input)
            what = "input" if found.wrong == "input" else "output"
            gradient = self._name_of(found, statement)
            yield self.report(
                statement,
                f"{gradient} pairs `{code(bare(found.delta))}` with `{code(base)}`, the {what} of layer "
                f"{found.wrong_number}; layer {found.number} received `{received}`: use `{received}` "
                f"in the weight gradient",
                fix=self._fix(found, base),
            )

    def _name_of(self, found, statement) -> str:
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            target = statement.targets[0].target
            if not any(code(target) == code(node) for node in self.model.walk(statement.value)):
                return f"`{code(target)}`"
        if isinstance(statement, (cst.AugAssign, cst.Assign)):
            target = statement.target if isinstance(statement, cst.AugAssign) else statement.targets[0].target
            return f"the update of `{code(target)}`"
        return f"`{code(found.product)}`"

    def _fix(self, found, base):
        model = self.model
        text = code(found.layer.input)
        try:
            replacement = cst.parse_expression(text)
        except cst.ParserSyntaxError:
            return None
        key = model.key(replacement, found.scope)
        if key is None or key != model.key(found.layer.input, found.layer.scope):
            return None
        return self.replace(base, text, "Pair the delta with the layer's input", Applicability.UNSAFE)
