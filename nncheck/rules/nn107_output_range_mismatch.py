from __future__ import annotations

from nncheck.diagnostics import Severity
from nncheck.model import Application, code, data
from nncheck.rules.base import Invalid, Rule, Valid

# The open interval each bounded output activation can produce.
_OUTPUT_RANGES = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}

_TRASK = (
    "import numpy as np\n"
    "def nonlin(x, deriv=False):\n"
    "    if deriv:\n"
    "        return x * (1 - x)\n"
    "    return 1 / (1 + np.exp(-x))\n"
    "X = np.random.uniform(-1, 1, (200, 2))\n"
    "y = {labels}\n"
    "W0 = 2 * np.random.random((2, 8)) - 1\n"
    "W1 = 2 * np.random.random((8, 1)) - 1\n"
    "for j in range(5000):\n"
    "    l1 = {act}(X @ W0)\n"
    "    l2 = {act}(l1 @ W1)\n"
    "    l2_error = y - l2\n"
    "    l2_delta = l2_error * {slope2}\n"
    "    l1_delta = l2_delta @ W1.T * {slope1}\n"
    "    W1 += 0.01 * l1.T @ l2_delta\n"
    "    W0 += 0.01 * X.T @ l1_delta\n"
)


def _trask(labels: str, act: str = "nonlin") -> str:
    if act == "nonlin":
        slopes = {"slope2": "nonlin(l2, deriv=True)", "slope1": "nonlin(l1, deriv=True)"}
    else:
        slopes = {"slope2": "(1 - l2 ** 2)", "slope1": "(1 - l1 ** 2)"}
    return _TRASK.format(labels=labels, act=act, **slopes)


_REGRESSION = (
    "import numpy as np\n"
    "rng = np.random.default_rng(0)\n"
    "size = rng.uniform(600, 3500, 300)\n"
    "price = 50 + 0.15 * size + rng.normal(0, 20, 300)\n"
    "X = ((size - size.mean()) / size.std()).reshape(-1, 1)\n"
    "y = {target}.reshape(-1, 1)\n"
    "W1 = rng.normal(0, 1, (1, 16))\n"
    "b1 = np.zeros(16)\n"
    "W2 = rng.normal(0, 0.25, (16, 1))\n"
    "b2 = np.zeros(1)\n"
    "for epoch in range(2000):\n"
    "    h = np.tanh(X @ W1 + b1)\n"
    "    out = {output}\n"
    "    err = out - y\n"
    "    d_out = err{slope}\n"
    "    d_h = d_out @ W2.T * (1 - h ** 2)\n"
    "    W2 -= 0.01 * h.T @ d_out / 300\n"
    "    b2 -= 0.01 * d_out.mean(axis=0)\n"
    "    W1 -= 0.01 * X.T @ d_h / 300\n"
    "    b1 -= 0.01 * d_h.mean(axis=0)\n"
)


def _regression(target: str = "price", output: str = "np.tanh(h @ W2 + b2)") -> str:
    slope = " * (1 - out ** 2)" if output.startswith("np.tanh") else ""
    return _REGRESSION.format(target=target, output=output, slope=slope)


class OutputRangeMismatch(Rule):
    """
    ## What it does
    Finds an output activation whose range cannot reach the targets it is trained against: a
    sigmoid or softmax (outputs in (0, 1)) or a tanh (outputs in (-1, 1)) compared with targets
    whose values lie well outside that range, such as labels in {-1, 1} on a sigmoid, or prices,
    years or scores of 0..100 on any of them. The targets' values are read from how the script
    makes them (literals, `np.where(..., 1, -1)`, `rng.uniform(600, 3500, n)`, arithmetic,
    `np.clip`); when they are not known (a file, a computed scaling) the rule stays silent.
    One-hot or 0/1 targets on a tanh are in range and are not reported.

    ## Why is this bad?
    The error `y - out` can never reach zero: the output saturates at the end of its range,
    where its slope is nearly zero, and the gradient that should move the weights vanishes. The
    loss stalls at a high value and the predictions are pinned to the edge of the range (a
    sigmoid trained on {-1, 1} labels outputs ~0 for every -1; a tanh trained on prices outputs
    1.0 everywhere).

    ## Example
    ```python
    y = np.where(X[:, 0] * X[:, 1] > 0, 1, -1).reshape(-1, 1)
    out = sigmoid(h @ W2 + b2)        # in (0, 1): can never output -1
    error = y - out
    ```

    ## Use instead
    ```python
    out = np.tanh(h @ W2 + b2)        # in (-1, 1), or keep the sigmoid with labels in {0, 1}
    ```
    For regression, scale the targets into the output's range (and back for predictions), or
    use an identity output: `out = h @ W2 + b2`.
    """

    code = "NN107"
    name = "output-range-mismatch"
    severity = Severity.ERROR
    summary = "bounded output activation trained against targets outside its range"

    VALID = [
        # tanh output with targets in {-1, 1}
        Valid(_trask("np.where(X[:, 0] * X[:, 1] > 0, 1, -1).reshape(-1, 1)", act="np.tanh")),
        # sigmoid output with 0/1 labels
        Valid(_trask("(X[:, :1] * X[:, 1:] > 0).astype(float)")),
        # regression with an identity output
        Valid(_regression(output="h @ W2 + b2")),
        # targets scaled into the tanh's range
        Valid(_regression(target="(price - 200) / 500")),
        # targets read from a file: nothing is known about them
        Valid(_trask("np.loadtxt('labels.txt').reshape(-1, 1)")),
        # one-hot targets on a tanh output
        Valid(_trask("np.eye(2)[(X[:, 0] > 0).astype(int)][:, :1]", act="np.tanh")),
    ]
    INVALID = [
        Invalid(
            _trask("np.where(X[:, 0] * X[:, 1] > 0, 1, -1).reshape(-1, 1)"),
            at="l2_error = y - l2",
            says=("`y` holds values -1..1", "`nonlin(l1 @ W1)`", "(0, 1)", "tanh"),
        ),
        Invalid(
            _regression(),
            at="err = out - y",
            says=("`y` holds values about", "`np.tanh(h @ W2 + b2)`", "(-1, 1)", "identity output"),
        ),
        Invalid(
            "import numpy as np\n"
            "sleep = np.random.uniform(4, 10, 60)\n"
            "study = np.random.uniform(0, 8, 60)\n"
            "X = np.column_stack([sleep / 10, study / 8])\n"
            "score = np.clip(30 + 4.0 * sleep + 5.5 * study, 0, 100).reshape(-1, 1)\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.W1 = np.random.randn(2, 3)\n"
            "        self.W2 = np.random.randn(3, 1)\n"
            "    def forward(self, X):\n"
            "        self.a2 = sigmoid(X @ self.W1)\n"
            "        return sigmoid(self.a2 @ self.W2)\n"
            "    def train(self, X, y):\n"
            "        for i in range(1000):\n"
            "            yhat = self.forward(X)\n"
            "            delta3 = -(y - yhat) * yhat * (1 - yhat)\n"
            "            delta2 = delta3 @ self.W2.T * self.a2 * (1 - self.a2)\n"
            "            self.W2 -= 0.5 * self.a2.T @ delta3\n"
            "            self.W1 -= 0.5 * X.T @ delta2\n"
            "net = Net()\n"
            "net.train(X, score)\n",
            at="delta3 = -(y - yhat)",
            says=("`y` holds values 46..100", "sigmoid"),
        ),
    ]

    def check(self):
        facts = data(self.model)
        reported = set()
        for error in sorted(self.model.errors, key=lambda e: self.model.span(e.node)[0]):
            source = error.source
            if not isinstance(source, Application) or not error.is_difference:  # one-hot, or the log loss derivative
                continue
            bounds = _OUTPUT_RANGES.get(source.behaviour.kind)
            if bounds is None or source.node in reported:
                continue
            targets = facts.value_range(error.labels, error.scope)
            if targets is None or not _out_of_reach(targets, bounds):
                continue
            reported.add(source.node)
            low, high = (int(b) for b in bounds)
            kind = source.behaviour.kind
            if kind == "sigmoid" and targets.low >= -1 and targets.high <= 1:
                remedy = "use a tanh output (range (-1, 1)), or labels in {0, 1} with the sigmoid"
            elif kind == "softmax":
                remedy = "compare the probabilities with one-hot targets (np.eye(n_classes)[labels])"
            else:
                remedy = (
                    f"scale the targets into ({low}, {high}) (and the predictions back), "
                    f"or use an identity output for regression"
                )
            yield self.report(
                error.node,
                f"`{code(error.labels)}` holds values {targets.show()} but the output "
                f"`{code(source.node)}` ({source.behaviour.description}) stays in ({low}, {high}): "
                f"the error cannot reach zero and the output saturates; {remedy}",
            )


def _out_of_reach(targets, bounds: tuple[float, float]) -> bool:
    """The targets go well past the output's range: by a quarter of its width, or by its whole
    width when their range is an estimate (a normal draw counted as mean ± 3 sd)."""
    low, high = bounds
    margin = (high - low) * (1.0 if targets.approximate else 0.25)
    return targets.low < low - margin or targets.high > high + margin
