from __future__ import annotations

import builtins

import libcst as cst

from nncheck.diagnostics import Applicability, Edit, Severity
from nncheck.model import Application, code
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import after_imports, edit, fix, needs_parentheses, numpy_name, source_of

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

    ## Fix safety
    Unsafe (applied with `--fix --unsafe-fixes`): it changes the model. The output activation is
    replaced by a sigmoid of the same pre-activation (a one-line `sigmoid` helper is added after
    the imports when the file has no sigmoid of its own), the activation's derivative in the
    backward pass becomes the sigmoid's (`out * (1 - out)`), and printed predictions are
    thresholded at 0.5.
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
        Invalid(
            _network("h @ W2"),
            at="out = h @ W2",
            says=("no activation", "'y'"),
            fixed=_network("sigmoid(h @ W2)").replace(
                "import numpy as np\n",
                "import numpy as np\n\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n\n",
                1,
            ),
        ),
        Invalid(
            "import numpy as np\n"
            "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
            "y = np.array([[0, 1, 0, 1]]).T\n"
            "def leaky(x, deriv=False):\n"
            "    if deriv:\n"
            "        return np.where(x > 0, 1.0, 0.01)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "def sig(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "W = np.random.randn(3, 1)\n"
            "for i in range(1000):\n"
            "    out = leaky(X @ W)\n"
            "    delta = (y - out) * leaky(out, deriv=True)\n"
            "    W += 0.1 * X.T @ delta\n"
            "def predict(X):\n"
            "    return leaky(X @ W)\n"
            "print(predict(X))  # the predictions\n",
            at="out = leaky(X @ W)",
            says=("'leaky'",),
            fixed="import numpy as np\n"
            "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
            "y = np.array([[0, 1, 0, 1]]).T\n"
            "def leaky(x, deriv=False):\n"
            "    if deriv:\n"
            "        return np.where(x > 0, 1.0, 0.01)\n"
            "    return np.where(x > 0, x, 0.01 * x)\n"
            "def sig(z):\n"
            "    return 1 / (1 + np.exp(-z))\n"
            "W = np.random.randn(3, 1)\n"
            "for i in range(1000):\n"
            "    out = sig(X @ W)\n"
            "    delta = (y - out) * (out * (1 - out))\n"
            "    W += 0.1 * X.T @ delta\n"
            "def predict(X):\n"
            "    return leaky(X @ W)\n"
            "print(predict(X))  # the predictions\n",
        ),
        Invalid(
            _network("np.maximum(0, h @ W2)", labels="np.random.randint(0, 2, size=(4, 1))"),
            at="out = np.maximum(0, h @ W2)",
            says=("ReLU",),
        ),
        # the output comes from a forward helper that nncheck could run: followed through it
        Invalid(
            "import numpy as np\n"
            "def predict(params, X):\n"
            "    hidden = np.tanh(X @ params['W1'])\n"
            "    return np.maximum(0, hidden @ params['W2'])\n"
            "params = {'W1': np.random.randn(2, 4), 'W2': np.random.randn(4, 1)}\n"
            "X = np.random.randn(40, 2)\n"
            "y = (X[:, :1] > 0).astype(float)\n"
            "for i in range(100):\n"
            "    predicted = predict(params, X)\n"
            "    err = y - predicted\n"
            "    hidden = np.tanh(X @ params['W1'])\n"
            "    params['W2'] += 0.1 * hidden.T @ (err * (predicted > 0))\n",
            at="return np.maximum(0, hidden @ params['W2'])",
            says=("ReLU", "'y'"),
        ),
    ]

    def check(self):
        reported = set()
        for error in self.model.errors:
            source = error.source
            if source is None or not error.is_difference:  # class indices, or the log loss derivative: targets implied
                continue
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
                fix=self._fix(error, source),
            )

    # -- the fix (unsafe: it changes the model) --------------------------------------------------
    def _fix(self, error, source):
        model = self.model
        np_ = numpy_name(model)
        if np_ is None:
            return None
        try:
            sigmoid, helper = self._sigmoid(np_)
            if sigmoid is None:
                return None
            if isinstance(source, Application):
                node, pre = source.node, source.argument
            else:
                node, pre = source.whole, source.whole
            pre_text = source_of(model, pre)
            if "#" in pre_text:
                return None
            edits = [edit(model, node, f"{sigmoid}({pre_text})")]
            if helper is not None:
                edits.append(helper)
            if isinstance(source, Application):
                for use in model.derivative_uses:
                    if use.forward.node is not source.node:
                        continue
                    derivative = self._derivative(use, sigmoid, pre_text)
                    if derivative is None:
                        return None  # the backward pass would keep the old slope
                    edits.append(derivative)
            edits.extend(self._thresholds(error))
        except KeyError:  # a node the model made up has no position
            return None
        return fix("Use a sigmoid output and threshold the predictions at 0.5", edits, Applicability.UNSAFE)

    def _sigmoid(self, np_: str):
        """The name of the file's own sigmoid (a module-level function of one argument that
        behaves as one), or `sigmoid` with the edit that adds it after the imports."""
        model = self.model
        for key, function in model.functions.items():
            if key[0] != "global" or not isinstance(function.node, cst.FunctionDef):
                continue
            if len(function.positional) != 1 or function.defaults:
                continue
            behaviour = model.function_behaviour(function, ())
            if behaviour is not None and behaviour.kind == "sigmoid":
                return function.name, None
        taken = model.module_scope.assigned | model.imported_names | set(dir(builtins))
        if "sigmoid" in taken or model.star_import:
            return None, None
        where = after_imports(model)
        if where is None:
            return None, None
        helper = f"\n\ndef sigmoid(x):\n    return 1 / (1 + {np_}.exp(-x))\n\n"
        return "sigmoid", Edit(where, where, helper)

    def _derivative(self, use, sigmoid: str, pre_text: str):
        model = self.model
        if use.at == "output":
            point = source_of(model, use.argument)
            if not isinstance(use.argument, (cst.Name, cst.Attribute)):
                point = f"({point})"
            text = f"{point} * (1 - {point})"
        else:
            point = source_of(model, use.argument)
            text = f"{sigmoid}({point}) * (1 - {sigmoid}({point}))"
        if "#" in text or "\n" in text:
            return None
        parent = model.parent(use.node)
        if needs_parentheses(use.node, model) and not (
            isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply) and parent.right is not use.node
        ):
            text = f"({text})"
        return edit(model, use.node, text)

    def _thresholds(self, error) -> list:
        """`print(net.predict(X))` → `print((net.predict(X) > 0.5).astype(int))`, for calls to
        the functions and methods that return the output."""
        model = self.model
        output_key = model.key(error.output, error.scope)
        if output_key is None:
            return []
        returning: set[str] = set()
        changed = True
        while changed:
            changed = False
            for function in model.functions.values():
                name = function.node.name.value if isinstance(function.node, cst.FunctionDef) else None
                if name is None or name in returning:
                    continue
                for value in function.scope.returns:
                    if model.key(value, function.scope) == output_key or (
                        isinstance(value, cst.Call) and _called_name(value) in returning
                    ):
                        returning.add(name)
                        changed = True
                        break
        edits = []
        for call, _scope in model.calls:
            if not (isinstance(call.func, cst.Name) and call.func.value == "print"):
                continue
            for arg in call.args:
                value = arg.value
                if arg.keyword is None and not arg.star and isinstance(value, cst.Call) and _called_name(value) in returning:
                    text = source_of(model, value)
                    if "#" not in text and "\n" not in text:
                        edits.append(edit(model, value, f"({text} > 0.5).astype(int)"))
        return edits


def _called_name(call: cst.Call) -> str | None:
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None
