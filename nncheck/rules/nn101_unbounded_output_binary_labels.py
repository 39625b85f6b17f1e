from __future__ import annotations

from nncheck.diagnostics import Applicability, Severity
from nncheck.model.network import Application
from nncheck.model.values import code
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
    "y = np.array([[0, 1, 1, 0]]).T\n"
    "W1 = np.random.randn(3, 4)\n"
    "W2 = np.random.randn(4, 1)\n"
)
_TRAIN = (
    "for i in range(1000):\n"
    "    h = np.tanh(X @ W1)\n"
    "    out = {out}\n"
    "    error = y - out\n"
    "    d_out = error\n"
    "    d_h = (d_out @ W2.T) * (1 - h ** 2)\n"
    "    W2 += 0.1 * h.T @ d_out\n"
    "    W1 += 0.1 * X.T @ d_h\n"
)


def _network(output: str, prelude: str = "", labels: str | None = None) -> str:
    data = _DATA if labels is None else _DATA.replace("np.array([[0, 1, 1, 0]]).T", labels)
    return data + prelude + _TRAIN.format(out=output)


class UnboundedOutputBinaryLabels(Rule):
    """
    ## What it does
    Finds an output layer whose activation is unbounded (identity, ReLU, leaky ReLU, ELU,
    softplus, ...) while the labels it is compared with are all 0 or 1 (or one-hot). The
    activation is judged by what it computes, whatever its name.

    ## Why is this bad?
    A 0/1 label is a probability. An unbounded output can overshoot 1 or go below 0, a ReLU
    output can die at 0 for good, and the error `y - out` then pushes the weights to chase
    values no probability takes. The network learns slowly, or not at all.

    ## Example
    ```python
    out = leaky_relu(h @ W2)      # unbounded
    error = y - out               # y holds 0s and 1s
    ```

    ## Use instead
    ```python
    out = sigmoid(h @ W2)         # in (0, 1); softmax for two or more classes
    prediction = out > 0.5
    ```
    Keep leaky ReLU in the hidden layers.
    """

    code = "NN101"
    name = "unbounded-output-binary-labels"
    severity = Severity.ERROR
    summary = "unbounded output activation trained against 0/1 labels"
    fix_availability = "sometimes"

    VALID = [
        Valid(_network("1 / (1 + np.exp(-(h @ W2)))")),
        Valid(_network("h @ W2", labels="np.array([[0.3, 1.7, -2.5, 0.9]]).T")),
        Valid(
            "import numpy as np\n"
            "def relu(z):\n"
            "    return np.maximum(0, z)\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            + _network("sigmoid(relu(h @ W2))")
        ),
        Valid(_network("np.maximum(0, h @ W2)", labels="np.loadtxt('targets.txt')")),
    ]
    INVALID = [
        Invalid(
            _network("act(h @ W2)", prelude="def act(x):\n    return np.where(x > 0, x, 0.01 * x)\n"),
            at="out = act(h @ W2)",
            says=("'act'", "leaky ReLU", "'y'", "{0, 1}", "sigmoid"),
        ),
        Invalid(_network("h @ W2"), at="out = h @ W2", says=("no activation", "'y'")),
        Invalid(
            _network("np.maximum(0, h @ W2)", labels="np.random.randint(0, 2, size=(4, 1))"),
            at="out = np.maximum(0, h @ W2)",
            says=("ReLU",),
        ),
    ]

    def check(self):
        reported = set()
        for error in self.model.errors:
            source = error.source
            if isinstance(source, Application):
                if not (source.behaviour.elementwise and source.behaviour.unbounded):
                    continue
                node, what = source.node, f"output activation '{source.name}' is unbounded ({source.behaviour.description})"
            else:
                node, what = source.whole, f"output '{code(source.whole)}' has no activation (identity, unbounded)"
            if node in reported:
                continue
            values = self.model.value_set(error.labels, error.scope)
            if not values or not values <= {0.0, 1.0}:
                continue
            reported.add(node)
            yield self.report(
                node,
                f"{what} but labels '{code(error.labels)}' are binary {{0, 1}}: use a sigmoid output "
                f"(softmax for two or more units) and threshold at 0.5; keep unbounded activations "
                f"such as leaky ReLU for hidden layers",
            )
