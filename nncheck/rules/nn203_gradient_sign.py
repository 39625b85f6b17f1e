from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, code
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.rand(16, 3)\n"
    "y = (X[:, :1] > 0.5).astype(float)\n"
    "W = np.random.randn(3, 1) * 0.1\n"
    "def sigmoid(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
)


_LISTS = (
    "import numpy as np\n"
    "class Net:\n"
    "    def __init__(self, sizes):\n"
    "        self.weights = [np.random.randn(n, m) for m, n in zip(sizes[:-1], sizes[1:])]\n"
    "    def backprop(self, x, t):\n"
    "        grads = [np.zeros(w.shape) for w in self.weights]\n"
    "        a = 1 / (1 + np.exp(-(self.weights[0] @ x)))\n"
    "        delta = (a - t) * a * (1 - a)\n"
    "        grads[-1] = delta @ x.T\n"
    "        return grads\n"
    "    def train_batch(self, batch, lr):\n"
    "        total = [np.zeros(w.shape) for w in self.weights]\n"
    "        for x, t in batch:\n"
    "            g = self.backprop(x, t)\n"
    "            total = [s + d for s, d in zip(total, g)]\n"
    "        self.weights = [w {sign} lr / len(batch) * s for w, s in zip(self.weights, total)]\n"
    "net = Net([3, 1])\n"
    "data = [(np.random.rand(3, 1), np.ones((1, 1))) for _ in range(40)]\n"
    "for epoch in range(20):\n"
    "    net.train_batch(data, 0.5)\n"
)


class GradientSign(Rule):
    """
    ## What it does
    Finds a weight update that climbs the loss instead of descending it. nncheck reads the sign
    of the error the gradient is built from (`y - out` is target − prediction, `out - y` is
    prediction − target), follows it through the deltas, products, helper functions and any
    explicit negation into the update, and combines it with the update's operator (`+=`, `-=`,
    `W = W - ...`). The gradient of the loss points along prediction − target: it must be
    subtracted; a target − prediction signal must be added.

    ## Why is this bad?
    An update with the wrong sign is gradient *ascent*: every step makes the loss larger. The
    weights grow without bound, the outputs saturate, and the network learns the opposite of
    the labels, or nothing.

    ## Example
    ```python
    error = out - y                      # prediction - target
    W += lr * X.T @ (error * out * (1 - out))
    ```

    ## Use instead
    ```python
    error = out - y
    W -= lr * X.T @ (error * out * (1 - out))
    ```
    """

    code = "NN203"
    name = "gradient-sign"
    severity = Severity.ERROR
    summary = "the update climbs the loss: the error's sign and the update's sign disagree"
    fix_availability = "always"

    VALID = [
        Valid(
            _DATA + "for epoch in range(200):\n"
            "    out = sigmoid(X @ W)\n"
            "    error = y - out\n"
            "    W += 0.5 * X.T @ (error * out * (1 - out))\n"
        ),
        Valid(
            _DATA + "lr = 0.5\n"
            "for epoch in range(200):\n"
            "    out = sigmoid(X @ W)\n"
            "    grad = X.T @ (out - y) / len(X)\n"
            "    W = W - lr * grad\n"
        ),
        # the gradient computed in a helper, and an explicit minus in the step
        Valid(
            _DATA + "def gradient(inputs, predicted, labels):\n"
            "    return inputs.T @ (predicted - labels) / len(inputs)\n"
            "for epoch in range(200):\n"
            "    p = sigmoid(X @ W)\n"
            "    W += -0.5 * gradient(X, p, y)\n"
        ),
        # momentum: the velocity holds the negative gradient, and is added
        Valid(
            _DATA + "velocity = np.zeros_like(W)\n"
            "for epoch in range(200):\n"
            "    p = sigmoid(X @ W)\n"
            "    velocity = 0.9 * velocity - 0.1 * X.T @ (p - y)\n"
            "    W += velocity\n"
        ),
        # the labels in a class, the error target - prediction, added
        Valid(
            "import numpy as np\n"
            "class Perceptron:\n"
            "    def __init__(self, n):\n"
            "        self.kernel = np.random.randn(n, 1) * 0.1\n"
            "    def fit(self, inputs, targets, rate=0.1):\n"
            "        for _ in range(100):\n"
            "            guess = np.tanh(inputs @ self.kernel)\n"
            "            miss = targets - guess\n"
            "            self.kernel = self.kernel + rate * inputs.T @ (miss * (1 - guess ** 2))\n"
        ),
        # lists of weights, the per-sample gradient lists summed into a list of sums that the
        # step subtracts: the sums are gradients, not parameters
        Valid(_LISTS.format(sign="-")),
    ]
    INVALID = [
        # the same sums added: prediction − target reaches the step through the summed lists
        Invalid(
            _LISTS.format(sign="+"),
            at="self.weights = [w + lr / len(batch) * s",
            says=("'w'", "prediction − target"),
            fixed=_LISTS.format(sign="-"),
        ),
        Invalid(
            _DATA + "for epoch in range(200):\n"
            "    out = sigmoid(X @ W)\n"
            "    error = out - y\n"
            "    W += 0.5 * X.T @ (error * out * (1 - out))\n",
            at="W += 0.5 * X.T @ (error * out * (1 - out))",
            says=("'W'", "'error'", "prediction − target", "`-=`"),
            fixed=_DATA + "for epoch in range(200):\n"
            "    out = sigmoid(X @ W)\n"
            "    error = out - y\n"
            "    W -= 0.5 * X.T @ (error * out * (1 - out))\n",
        ),
        # samples as columns, target - prediction subtracted
        Invalid(
            "import numpy as np\n"
            "A0 = np.random.rand(3, 40)\n"
            "Y = (A0[:1] > 0.5).astype(float)\n"
            "kernel = np.random.randn(1, 3) * 0.1\n"
            "offset = np.zeros((1, 1))\n"
            "for step in range(300):\n"
            "    A1 = 1 / (1 + np.exp(-(kernel @ A0 + offset)))\n"
            "    dZ = Y - A1\n"
            "    kernel = kernel - 0.5 * dZ @ A0.T / 40\n"
            "    offset = offset + 0.5 * dZ.sum(axis=1, keepdims=True) / 40\n",
            at="kernel = kernel - 0.5 * dZ @ A0.T / 40",
            says=("'kernel'", "'dZ'", "target − prediction", "kernel + 0.5 * dZ @ A0.T / 40"),
            fixed="import numpy as np\n"
            "A0 = np.random.rand(3, 40)\n"
            "Y = (A0[:1] > 0.5).astype(float)\n"
            "kernel = np.random.randn(1, 3) * 0.1\n"
            "offset = np.zeros((1, 1))\n"
            "for step in range(300):\n"
            "    A1 = 1 / (1 + np.exp(-(kernel @ A0 + offset)))\n"
            "    dZ = Y - A1\n"
            "    kernel = kernel + 0.5 * dZ @ A0.T / 40\n"
            "    offset = offset + 0.5 * dZ.sum(axis=1, keepdims=True) / 40\n",
        ),
        # the gradient from a helper method, the error built inside it
        Invalid(
            "import numpy as np\n"
            "class Regressor:\n"
            "    def __init__(self, n_in):\n"
            "        self.coef = np.random.randn(n_in, 1) * 0.1\n"
            "    def grads(self, inputs, targets):\n"
            "        guess = np.tanh(inputs @ self.coef)\n"
            "        residual = targets - guess\n"
            "        return inputs.T @ (residual * (1 - guess ** 2)) / len(inputs)\n"
            "    def fit(self, inputs, targets):\n"
            "        for _ in range(100):\n"
            "            self.coef -= 0.1 * self.grads(inputs, targets)\n",
            at="self.coef -= 0.1 * self.grads(inputs, targets)",
            says=("'self.coef'", "'residual'", "`+=`"),
        ),
    ]

    def check(self):
        model = self.model
        backward = backward_of(model)
        seen = set()
        for pair in backward.pairs:
            for update in pair.weight_updates + pair.bias_updates:
                if update.statement in seen:
                    continue
                seen.add(update.statement)
                polarity = backward.polarity(update.rhs, update.scope)
                if not polarity:
                    continue
                direction = 1 if update.sign == "+" else -1
                if {sign * direction for sign in polarity} != {-1}:
                    continue
                yield self._report(update, polarity, backward)

    def _report(self, update, polarity, backward):
        model = self.model
        target = code(update.target)
        errors = backward.errors_reaching(update.rhs, update.scope)
        sign = "prediction − target" if polarity == {-1} else "target − prediction"
        if len(errors) == 1:
            error = errors[0]
            stored = backward.stored_name(error.node)
            described = f"'{stored}' (`{code(error.node)}`)" if stored else f"`{code(error.node)}`"
            origin = f"the error {described} is {sign}"
        else:
            origin = f"the error it is built from is {sign}"
        statement = update.statement
        if isinstance(statement, cst.AugAssign):
            flipped_operator = cst.AddAssign if update.sign == "-" else cst.SubtractAssign
            operator = statement.operator
            new_node = statement.with_changes(
                operator=flipped_operator(
                    whitespace_before=operator.whitespace_before, whitespace_after=operator.whitespace_after
                )
            )
            node, wanted = statement, ("+=" if update.sign == "-" else "-=")
            hint = f"use `{wanted}`"
        else:
            value = statement.value if isinstance(statement, cst.Assign) else None
            if isinstance(value, cst.ListComp):
                value = value.elt  # `[w + lr * s for w, s in zip(weights, sums)]`: each element's step
            if value is None or not isinstance(value, cst.BinaryOperation):
                return self.report(statement, f"update of '{target}' climbs the loss: {origin}")
            flipped_operator = cst.Add if update.sign == "-" else cst.Subtract
            new_node = value.with_changes(
                operator=flipped_operator(
                    whitespace_before=value.operator.whitespace_before,
                    whitespace_after=value.operator.whitespace_after,
                )
            )
            node = value
            hint = f"use `{target} = {code(new_node)}`"
        text = model.module.code_for_node(new_node)
        verb = "adds" if update.sign == "+" else "subtracts"
        return self.report(
            statement,
            f"update of '{target}' climbs the loss: {origin}, and the update {verb} it; {hint}",
            fix=self.replace(node, text, f"Flip the sign of the update of '{target}'"),
        )
