from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import key_name, training_of
from nncheck.rules.base import Invalid, Rule, Valid

_HEAD = (
    "import numpy as np\n"
    "X = np.random.rand(100, 2)\n"
    "y = (X[:, :1] > 0.5).astype(float)\n"
    "W = np.random.randn(2, 1) * 0.1\n"
)



_BUFFERED = (
    "import numpy as np\n"
    "class Net:\n"
    "    def __init__(self, n_in, n_out):\n"
    "        self.weights = [np.random.randn(n_out, n_in) * 0.1]\n"
    "        self.grads = [np.zeros(w.shape) for w in self.weights]\n"
    "    def gradients(self, x, t):\n"
    "        p = 1 / (1 + np.exp(-(self.weights[0] @ x)))\n"
    "        return [(p - t) @ x.T]\n"
    "    def train_batch(self, batch, lr):\n"
    "{reset}"
    "        for x, t in batch:\n"
    "            g = self.gradients(x, t)\n"
    "            for i in range(len(self.weights)):\n"
    "                self.grads[i] += g[i]\n"
    "        for i in range(len(self.weights)):\n"
    "            self.weights[i] -= lr / len(batch) * self.grads[i]\n"
    "net = Net(3, 1)\n"
    "data = [(np.random.rand(3, 1), np.ones((1, 1))) for _ in range(40)]\n"
    "for epoch in range(20):\n"
    "    for k in range(0, 40, 10):\n"
    "        net.train_batch(data[k:k + 10], 0.5)\n"
)

class GradientAccumulatorNotReset(Rule):
    """
    ## What it does
    Finds a gradient summed with `+=` over samples or batches into an array that is never reset
    between the updates that apply it: created once before training (at the top of the script,
    in `__init__`, by a helper called once) and then only added to. A reset is a new zeros
    array, `A[:] = 0`, `A.fill(0)` or `A *= 0` that runs again before the next update — in the
    training loop, or in a method such as `zero_grad()` that the training code calls.

    ## Why is this bad?
    Each update should apply the gradient of the current batch (or epoch). Without a reset the
    array holds the sum of every gradient since training began: the steps grow with time, keep
    pushing in old directions after the loss has turned, and training oscillates or diverges.

    ## Example
    ```python
    dW = np.zeros_like(W)
    for epoch in range(100):
        for x, t in zip(X, y):
            dW += gradient(x, t)
        W -= lr * dW / len(X)
    ```

    ## Use instead
    Reset it each step:
    ```python
    for epoch in range(100):
        dW = np.zeros_like(W)
        for x, t in zip(X, y):
            dW += gradient(x, t)
        W -= lr * dW / len(X)
    ```
    """

    code = "NN214"
    name = "gradient-accumulator-not-reset"
    severity = Severity.ERROR
    summary = "a gradient accumulated with += is never reset between updates"

    VALID = [
        # reset each epoch
        Valid(
            _HEAD
            + "for epoch in range(50):\n"
            "    dW = np.zeros_like(W)\n"
            "    for i in range(len(X)):\n"
            "        p = 1 / (1 + np.exp(-(X[i:i + 1] @ W)))\n"
            "        dW += X[i:i + 1].T @ (p - y[i:i + 1])\n"
            "    W -= 0.5 * dW / len(X)\n"
        ),
        # zeroed in place each epoch
        Valid(
            _HEAD
            + "dW = np.zeros_like(W)\n"
            "for epoch in range(50):\n"
            "    dW.fill(0.0)\n"
            "    for i in range(len(X)):\n"
            "        p = 1 / (1 + np.exp(-(X[i:i + 1] @ W)))\n"
            "        dW += X[i:i + 1].T @ (p - y[i:i + 1])\n"
            "    W -= 0.5 * dW / len(X)\n"
        ),
        # Adagrad: the squared gradients are meant to add up for ever
        Valid(
            _HEAD
            + "cache = np.zeros_like(W)\n"
            "for epoch in range(50):\n"
            "    p = 1 / (1 + np.exp(-(X @ W)))\n"
            "    dW = X.T @ (p - y) / len(X)\n"
            "    cache += dW ** 2\n"
            "    W -= 0.5 * dW / (np.sqrt(cache) + 1e-8)\n"
        ),
        # a layer whose zero_grad() the loop calls
        Valid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_in, n_out) * 0.1\n"
            "        self.dW = np.zeros_like(self.W)\n"
            "    def forward(self, x):\n"
            "        self.x = x\n"
            "        return x @ self.W\n"
            "    def backward(self, grad):\n"
            "        self.dW += self.x.T @ grad\n"
            "    def zero_grad(self):\n"
            "        self.dW[:] = 0.0\n"
            "    def step(self, lr):\n"
            "        self.W -= lr * self.dW\n"
            "layer = Dense(2, 1)\n"
            "X = np.random.rand(64, 2)\n"
            "y = X.sum(axis=1, keepdims=True)\n"
            "for epoch in range(100):\n"
            "    layer.zero_grad()\n"
            "    out = layer.forward(X)\n"
            "    layer.backward((out - y) / len(X))\n"
            "    layer.step(0.1)\n"
        ),
        # weight decay added to a fresh gradient, and the update written `W += -lr * dW`: the
        # weights are trained, not a buffer of summed gradients
        Valid(
            "import numpy as np\n"
            "X = np.random.rand(32, 3)\n"
            "y = (X[:, :1] > 0.5).astype(float)\n"
            "W = np.random.randn(3, 1) * 0.1\n"
            "for i in range(200):\n"
            "    p = 1 / (1 + np.exp(-(X @ W)))\n"
            "    dW = X.T @ (p - y) / len(X)\n"
            "    dW += 0.01 * W\n"
            "    W += -0.5 * dW\n"
        ),
        # a buffer made once in __init__, summed and applied by a method called per mini-batch,
        # zeroed at the start of each call
        Valid(
            _BUFFERED.format(
                reset="        for i in range(len(self.weights)):\n            self.grads[i].fill(0.0)\n"
            )
        ),
    ]
    INVALID = [
        # the same buffer never zeroed: each call applies every earlier mini-batch's gradients
        Invalid(_BUFFERED.format(reset=""), at="self.grads[i] += g[i]", says=("`self.grads`", "never reset")),
        Invalid(
            _HEAD
            + "dW = np.zeros_like(W)\n"
            "for epoch in range(50):\n"
            "    for i in range(len(X)):\n"
            "        p = 1 / (1 + np.exp(-(X[i:i + 1] @ W)))\n"
            "        dW += X[i:i + 1].T @ (p - y[i:i + 1])\n"
            "    W -= 0.5 * dW / len(X)\n",
            at="dW += X[i:i + 1].T",
            says=("`dW`", "`W`", "line 5"),
        ),
        # lists of gradients summed over each mini-batch through zip
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(100, 2)\n"
            "y = np.random.rand(100, 1)\n"
            "weights = [np.random.randn(2, 4) * 0.5, np.random.randn(4, 1) * 0.5]\n"
            "grads = [np.zeros_like(w) for w in weights]\n"
            "for epoch in range(20):\n"
            "    for start in range(0, 100, 10):\n"
            "        xb, yb = X[start:start + 10], y[start:start + 10]\n"
            "        h = np.tanh(xb @ weights[0])\n"
            "        d2 = (h @ weights[1] - yb) / 10\n"
            "        d1 = (d2 @ weights[1].T) * (1 - h ** 2)\n"
            "        for g, a, d in zip(grads, [xb, h], [d1, d2]):\n"
            "            g += a.T @ d\n"
            "        for w, g in zip(weights, grads):\n"
            "            w -= 0.1 * g\n",
            at="g += a.T @ d",
            says=("`grads`",),
        ),
        # a layer whose zero_grad() nobody calls
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_in, n_out) * 0.1\n"
            "        self.dW = np.zeros_like(self.W)\n"
            "    def forward(self, x):\n"
            "        self.x = x\n"
            "        return x @ self.W\n"
            "    def backward(self, grad):\n"
            "        self.dW += self.x.T @ grad\n"
            "    def zero_grad(self):\n"
            "        self.dW[:] = 0.0\n"
            "    def step(self, lr):\n"
            "        self.W -= lr * self.dW\n"
            "layer = Dense(2, 1)\n"
            "X = np.random.rand(64, 2)\n"
            "y = X.sum(axis=1, keepdims=True)\n"
            "for epoch in range(100):\n"
            "    out = layer.forward(X)\n"
            "    layer.backward((out - y) / len(X))\n"
            "    layer.step(0.1)\n",
            at="self.dW += self.x.T @ grad",
            says=("`self.dW`", "`self.W`"),
        ),
    ]

    def check(self):
        training = training_of(self.model)
        found = [
            accumulator for accumulator in training.accumulators
            if not accumulator.repeated_resets and any(training.repeats(step) for step in accumulator.steps)
            and self._accumulates_between(training, accumulator)
        ]
        # one finding per training loop: the accumulators of one network are reset (or not) together
        groups: dict = {}
        for accumulator in found:
            step = accumulator.steps[0]
            loops = training.loops_of(step.statement)
            groups.setdefault(id(loops[-1]) if loops else id(step.scope), []).append(accumulator)
        for group in groups.values():
            first = min((add for a in group for add in a.adds), key=self.model.line)
            names = ", ".join(f"`{_name(a, self.model)}`" for a in group)
            updated = ", ".join(dict.fromkeys(f"`{s.text}`" for a in group for s in a.steps))
            step_line = min(self.model.line(s.statement) for a in group for s in a.steps)
            plural = len(group) > 1
            created = [r for a in group for r in a.resets]
            origin = f" (set on line {min(map(self.model.line, created))})" if created else ""
            yield self.report(
                first,
                f"{names} {'are' if plural else 'is'} summed with `+=` (line {self.model.line(first)}) "
                f"and applied to {updated} on line {step_line}, but never reset between updates{origin}: "
                f"each step applies the sum of all earlier gradients; reset {'them' if plural else 'it'} "
                f"before each step (a new zeros array, or `[:] = 0`)",
            )

    def _accumulates_between(self, training, accumulator) -> bool:
        """The sum grows between two steps: its `+=` shares a loop with the step, or runs in a
        function of its own (a layer's backward) that the training code calls."""
        for step in accumulator.steps:
            for add in accumulator.adds:
                scope = self.model.scope_of(add)
                if scope is step.scope:
                    # in one loop with the step, or both in a function called again and again
                    # (the sum outlives the call: it was not reset in it)
                    if training.common_loops(step.statement, [add]) or training.called_repeatedly(scope):
                        return True
                elif not scope.is_module:
                    return True
        return False


def _name(accumulator, model) -> str:
    kind, value = accumulator.identity[0], accumulator.identity[1:]
    if kind == "key":
        return key_name(value[0])
    return value[1]

