from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Edit, Fix, Severity
from nncheck.model import code, same, shapes, show
from nncheck.rules.base import Invalid, Rule, Valid

_ELEMENTWISE = (cst.Add, cst.Subtract, cst.Multiply, cst.Divide)
_SIMPLE = (cst.Name, cst.Attribute)

_XOR = (
    "import numpy as np\n"
    "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
    "{labels}\n"
    "W = np.random.randn(2, 1)\n"
    "b = np.zeros((1, 1))\n"
    "for epoch in range(500):\n"
    "    out = 1 / (1 + np.exp(-(X @ W + b)))\n"
    "    err = {error}\n"
    "    W -= 0.5 * X.T @ (err * out * (1 - out))\n"
    "    b -= 0.5 * np.sum(err * out * (1 - out), axis=0, keepdims=True)\n"
)


_HOLDOUT = (
    "import numpy as np\n"
    "def sample(n, rng):\n"
    "    X = rng.uniform(-1, 1, (n, 2))\n"
    "    y = (X[:, 0] * X[:, 1] < 0).astype(float)\n"
    "    return X, y\n"
    "rng = np.random.default_rng(0)\n"
    "X, y = sample(300, rng)\n"
    "X_val, y_val = sample(100, rng)\n"
    "W = rng.normal(0, 1, (2, 1))\n"
    "def predict(inputs):\n"
    "    return 1 / (1 + np.exp(-(inputs @ W)))\n"
    "for _ in range(100):\n"
    "    W -= 0.1 * X.T @ (predict(X) - y.reshape(-1, 1)) / 300\n"
    "print(np.mean((predict(X_val) - {labels}) ** 2))\n"
)


_THRESHOLD = (
    "import numpy as np\n"
    "n = 200\n"
    "s = np.random.rand(n) * np.pi\n"
    "X = np.c_[np.cos(s), np.sin(s)]\n"
    "X = X + np.random.randn(n, 2) * 0.1\n"
    "y = (s > 1.5).astype(float)\n"
    "W = np.random.randn(2, 1)\n"
    "def predict(W, X):\n"
    "    return (1 / (1 + np.exp(-(X @ W))) > 0.5).astype(float)\n"
    "for _ in range(100):\n"
    "    p = 1 / (1 + np.exp(-(X @ W)))\n"
    "    W -= 0.1 * X.T @ (p - y.reshape(-1, 1)) / n\n"
    "print(np.mean(predict(W, X) == {labels}))\n"
)


def _xor(labels: str, error: str = "out - y") -> str:
    return _XOR.format(labels=labels, error=error)


class LabelBroadcast(Rule):
    """
    ## What it does
    Finds labels of shape `(n,)` combined elementwise (`-`, `+`, `*`, `/`, `==`) with network
    outputs of shape `(n, 1)`, or labels `(n, 1)` with outputs `(n,)`. The shapes are read
    from how the arrays were created and carried through products, reshapes and reductions;
    when either shape is unknown the rule is silent.

    ## Why is this bad?
    NumPy broadcasts `(n,)` against `(n, 1)` into an `(n, n)` matrix without any error: every
    output is compared with every label. The error, the loss and the gradients are all wrong
    (each sample is pushed towards the mean label), and accuracies computed that way are
    meaningless, yet the code runs and the loss even goes down a little.

    ## Example
    ```python
    y = np.array([0, 1, 1, 0])          # (4,)
    out = sigmoid(X @ W + b)            # (4, 1)
    error = out - y                     # (4, 4)
    ```

    ## Use instead
    ```python
    error = out - y.reshape(-1, 1)      # (4, 1)
    ```
    """

    code = "NN303"
    name = "label-broadcast"
    severity = Severity.ERROR
    summary = "labels of shape (n,) combined with outputs of shape (n, 1): broadcasts to (n, n)"
    fix_availability = "sometimes"

    VALID = [
        Valid(_xor("y = np.array([[0], [1], [1], [0]])")),
        # what a function returns is read for each call's own arguments
        Valid(_HOLDOUT.format(labels="y_val.reshape(-1, 1)")),
        Valid(_THRESHOLD.format(labels="y[:, None]")),
        Valid(_xor("y = np.array([0, 1, 1, 0]).reshape(-1, 1)")),
        Valid(_xor("y = np.array([0, 1, 1, 0])", "out - y[:, None]")),
        # columns layout: outputs (1, n) against labels (n,) broadcast to (1, n), which is right
        Valid(
            "import numpy as np\n"
            "A = np.random.rand(3, 50)\n"
            "labels = np.random.randint(0, 2, 50)\n"
            "w = np.random.randn(1, 3) * 0.01\n"
            "for _ in range(100):\n"
            "    p = 1 / (1 + np.exp(-(w @ A)))\n"
            "    w -= 0.1 * ((p - labels) @ A.T) / 50\n"
        ),
        # unknown shapes: loaded data
        Valid(
            "import numpy as np\n"
            "data = np.loadtxt('train.csv', delimiter=',')\n"
            "X, y = data[:, :-1], data[:, -1]\n"
            "W = np.random.randn(X.shape[1], 1)\n"
            "for _ in range(100):\n"
            "    out = X @ W\n"
            "    W -= 0.01 * X.T @ (out - y)\n"
        ),
    ]
    INVALID = [
        # thresholded predictions a function returns, against flat labels
        Invalid(
            _THRESHOLD.format(labels="y"),
            at="print(np.mean(predict(W, X) == y))",
            says=("'y'", "(200,)", "(200, 1)"),
        ),
        # labels unpacked from a data helper, against what predict() returns for them
        Invalid(
            _HOLDOUT.format(labels="y_val"),
            at="print(np.mean((predict(X_val) - y_val)",
            says=("'y_val'", "(100,)", "(100, 1)"),
            fixed=_HOLDOUT.format(labels="y_val.reshape(-1, 1)"),
        ),
        Invalid(
            _xor("y = np.array([0, 1, 1, 0])"),
            at="err = out - y",
            says=("'y'", "(4,)", "'out'", "(4, 1)", "(4, 4)", "`y.reshape(-1, 1)`"),
            fixed=_xor("y = np.array([0, 1, 1, 0])", "out - y.reshape(-1, 1)"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Regressor:\n"
            "    def __init__(self, n_samples, n_features):\n"
            "        self.data = np.random.randn(n_samples, n_features)\n"
            "        self.target = np.random.randn(n_samples)\n"
            "        self.coef = np.zeros((n_features, 1))\n"
            "    def loss(self):\n"
            "        pred = self.data @ self.coef\n"
            "        return np.mean((self.target - pred) ** 2)\n"
            "    def step(self, lr=0.01):\n"
            "        pred = self.data @ self.coef\n"
            "        self.coef -= lr * self.data.T @ (pred - self.target.reshape(-1, 1))\n",
            at="return np.mean((self.target - pred) ** 2)",
            says=("'self.target'", "(n_samples,)", "(n_samples, 1)"),
            fixed=(
                "import numpy as np\n"
                "class Regressor:\n"
                "    def __init__(self, n_samples, n_features):\n"
                "        self.data = np.random.randn(n_samples, n_features)\n"
                "        self.target = np.random.randn(n_samples)\n"
                "        self.coef = np.zeros((n_features, 1))\n"
                "    def loss(self):\n"
                "        pred = self.data @ self.coef\n"
                "        return np.mean((self.target.reshape(-1, 1) - pred) ** 2)\n"
                "    def step(self, lr=0.01):\n"
                "        pred = self.data @ self.coef\n"
                "        self.coef -= lr * self.data.T @ (pred - self.target.reshape(-1, 1))\n"
            ),
        ),
        # a cross-entropy with the labels twice on one line: one finding, both fixed
        Invalid(
            "import numpy as np\n"
            "def sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "inputs = np.random.rand(30, 4)\n"
            "truth = (inputs[:, 0] > 0.5).astype(float)\n"
            "theta = np.random.randn(4, 1) * 0.1\n"
            "for _ in range(100):\n"
            "    prob = sigmoid(inputs @ theta)\n"
            "    print(-np.mean(truth * np.log(prob) + (1 - truth) * np.log(1 - prob)))\n"
            "    theta -= 0.1 * inputs.T @ (prob - truth.reshape(-1, 1)) / 30\n",
            at="print(-np.mean(truth * np.log(prob)",
            says=("'truth'", "(30,)", "'np.log(prob)'", "(30, 1)"),
            fixed=(
                "import numpy as np\n"
                "def sigmoid(z):\n"
                "    return 1 / (1 + np.exp(-z))\n"
                "inputs = np.random.rand(30, 4)\n"
                "truth = (inputs[:, 0] > 0.5).astype(float)\n"
                "theta = np.random.randn(4, 1) * 0.1\n"
                "for _ in range(100):\n"
                "    prob = sigmoid(inputs @ theta)\n"
                "    print(-np.mean(truth.reshape(-1, 1) * np.log(prob) + (1 - truth.reshape(-1, 1)) * np.log(1 - prob)))\n"
                "    theta -= 0.1 * inputs.T @ (prob - truth.reshape(-1, 1)) / 30\n"
            ),
        ),
        # labels (n, 1) against a 1-D output
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(40, 3)\n"
            "Y = np.random.rand(40, 1)\n"
            "w = np.zeros(3)\n"
            "for _ in range(100):\n"
            "    guess = X @ w\n"
            "    w -= 0.05 * X.T @ (guess - Y).mean(axis=1) / 40\n",
            at="w -= 0.05 * X.T @ (guess - Y)",
            says=("'Y'", "(40, 1)", "'guess'", "(40,)", "`Y.ravel()`"),
        ),
    ]

    def check(self):
        model = self.model
        analysis = shapes(model)
        findings: dict = {}  # statement line → (first node, message, labels nodes)
        for node, scope in model.nodes(cst.BinaryOperation, cst.Comparison):
            pair = _operands(node)
            if pair is None:
                continue
            left, right = pair
            a, b = analysis.shape_of(left, scope), analysis.shape_of(right, scope)
            if a is None or b is None:
                continue
            for labels, output, label_shape, output_shape in ((left, right, a, b), (right, left, b, a)):
                if not _column_against_vector(label_shape, output_shape):
                    continue
                if not self._is_output(output, scope) or not self._is_labels(labels, scope):
                    continue
                line = model.line(node)
                entry = findings.setdefault(line, [node, labels, output, label_shape, output_shape, []])
                if len(label_shape) == 1 and isinstance(labels, _SIMPLE):
                    entry[5].append(labels)
                elif len(label_shape) == 1:
                    inner = _simple_labels(labels)
                    if inner is not None:
                        entry[5].append(inner)
        for line, (node, labels, output, label_shape, output_shape, fixable) in sorted(findings.items()):
            n = label_shape[0] if len(label_shape) == 1 else output_shape[0]
            name = code(_simple_labels(labels) or labels)
            if len(label_shape) == 1:
                advice = f"`{name}.reshape(-1, 1)`"
            else:
                advice = f"`{name}.ravel()` (or make the output {show((n, 1))})"
            message = (
                f"labels '{name}' {show(label_shape)} and output '{code(output)}' {show(output_shape)} "
                f"broadcast to {show((n, n))} in `{code(node)}`: every output is compared with every "
                f"label; use {advice}"
            )
            fix = None
            if fixable:
                edits = []
                seen = set()
                for labels_node in fixable:
                    start, end = model.span(labels_node)
                    if start in seen:
                        continue
                    seen.add(start)
                    edits.append(Edit(start, end, f"{code(labels_node)}.reshape(-1, 1)"))
                fix = Fix(title="Reshape the labels to a column", edits=tuple(edits))
            yield self.report(node, message, fix=fix)

    def _is_output(self, expr, scope, depth: int = 0) -> bool:
        """Holds the network's output: the result of an activation or a layer (`out`,
        `np.log(out)`, `1 - out`), or what a function of the file returns from one
        (`predict(X)` returning `(sigmoid(h @ W2) > 0.5).astype(int)`)."""
        model = self.model
        stack = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript, cst.Call, cst.BinaryOperation)):
                if model.producer(node, scope) is not None or model.layer_of(node, scope) is not None:
                    return True
            if isinstance(node, cst.Call) and depth < 2:
                function = model.resolve_callable(node.func, scope)
                returns = getattr(getattr(function, "scope", None), "returns", None) or []
                if any(self._is_output(r, function.scope, depth + 1) for r in returns):
                    return True
            stack.extend(node.children)
        return False

    def _is_labels(self, expr, scope) -> bool:
        """Data from outside the network: no parameter, no activation, no product inside."""
        model = self.model
        stack = [expr]
        found_data = False
        while stack:
            node = stack.pop()
            if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)) and model.key(node, scope) is not None:
                if model.is_trained(node, scope) or model.producer(node, scope) is not None:
                    return False
                if model.constant(node, scope) is None:
                    found_data = True
                continue
            if isinstance(node, cst.Call):
                return False
            stack.extend(node.children)
        return found_data


def _operands(node):
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _ELEMENTWISE):
        return node.left, node.right
    if (
        isinstance(node, cst.Comparison)
        and len(node.comparisons) == 1
        and isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual))
    ):
        return node.left, node.comparisons[0].comparator
    return None


def _column_against_vector(labels, output) -> bool:
    """(n,) against (n, 1), or (n, 1) against (n,), with n certainly the same and not 1."""
    if len(labels) == 1 and len(output) == 2:
        vector, column = labels, output
    elif len(labels) == 2 and len(output) == 1:
        vector, column = output, labels
    else:
        return False
    return column[1] == 1 and same(vector[0], column[0]) and vector[0] != 1


def _simple_labels(expr):
    """The labels name inside `(1 - y)`, when it is the only name."""
    if isinstance(expr, _SIMPLE):
        return expr
    names = []
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, _SIMPLE):
            names.append(node)
            continue
        stack.extend(node.children)
    return names[0] if len(names) == 1 else None
