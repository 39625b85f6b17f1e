from __future__ import annotations

import re

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import Application, backward_of, code, key_name, matrix_product, transposed_base
from nncheck.rules.base import Invalid, Rule, Valid

_XOR = (
    "import numpy as np\n"
    "def nonlin(x, deriv=False):\n"
    "    if deriv:\n"
    "        return x * (1 - x)\n"
    "    return 1 / (1 + np.exp(-x))\n"
    "X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])\n"
    "y = np.array([[0, 1, 1, 0]]).T\n"
    "syn0 = 2 * np.random.random((3, 4)) - 1\n"
    "syn1 = 2 * np.random.random((4, 1)) - 1\n"
    "for j in range(6000):\n"
    "    l1 = nonlin(np.dot(X, syn0))\n"
    "    l2 = nonlin(np.dot(l1, syn1))\n"
    "    l2_error = y - l2\n"
    "    l2_delta = l2_error * nonlin(l2, deriv=True)\n"
    "    l1_error = l2_delta.dot(syn1.T)\n"
)
_DYNAMIC_READS = re.compile(r"\b(locals|vars|globals|eval|exec)\s*\(")
_XOR_UPDATES = "    syn1 += l1.T.dot(l2_delta)\n    syn0 += X.T.dot(l1_delta)\n"


class DeadHiddenDelta(Rule):
    """
    ## What it does
    Finds a hidden error — the next layer's delta propagated back through its weights,
    `delta @ W.T` or `W.T @ delta` — that is computed and never used, while the hidden layer's
    delta is built from an error that never went through `W` (typically the output error).

    ## Why is this bad?
    The hidden layer's units each contribute to the output through their own column of `W`;
    their error is the output delta weighted by those columns. Built from the output error
    directly, every hidden unit receives the same (or a wrongly broadcast) error, unrelated to
    its weights: the hidden layer does not learn its share, and XOR-like problems stay unsolved.

    ## Example
    ```python
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l2_error * nonlin(l1, deriv=True)
    ```

    ## Use instead
    ```python
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)
    ```
    """

    code = "NN210"
    name = "dead-hidden-delta"
    severity = Severity.WARNING
    summary = "the hidden error is computed but the hidden delta is built from the output error"
    fix_availability = "sometimes"

    VALID = [
        Valid(_XOR + "    l1_delta = l1_error * nonlin(l1, deriv=True)\n" + _XOR_UPDATES),
        # the propagated error written inline; the stored one is only kept for printing
        Valid(
            _XOR + "    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)\n" + _XOR_UPDATES
        ),
        # the hidden error on self, read by another method
        Valid(
            "import numpy as np\n"
            "class Net:\n"
            "    def __init__(self):\n"
            "        self.W1 = np.random.randn(2, 3)\n"
            "        self.W2 = np.random.randn(3, 1)\n"
            "    def backward(self, X, y):\n"
            "        self.h = np.tanh(X @ self.W1)\n"
            "        out = self.h @ self.W2\n"
            "        self.d_out = out - y\n"
            "        self.e_h = self.d_out @ self.W2.T\n"
            "    def update(self, X, lr):\n"
            "        d_h = self.e_h * (1 - self.h ** 2)\n"
            "        self.W2 -= lr * self.h.T @ self.d_out\n"
            "        self.W1 -= lr * X.T @ d_h\n"
        ),
    ]
    INVALID = [
        Invalid(
            _XOR + "    l1_delta = l2_error * nonlin(l1, deriv=True)\n" + _XOR_UPDATES,
            at="l1_error = l2_delta.dot(syn1.T)",
            says=("'l1_error'", "'l1_delta'", "'l2_error'", "l1_error * nonlin(l1, deriv=True)"),
            fixed=_XOR + "    l1_delta = l1_error * nonlin(l1, deriv=True)\n" + _XOR_UPDATES,
        ),
        # samples as columns: the output delta broadcast over the hidden units
        Invalid(
            "import numpy as np\n"
            "A0 = np.random.rand(2, 60)\n"
            "Y = (A0[0:1] > A0[1:2]).astype(float)\n"
            "Wh = np.random.randn(4, 2) * 0.5\n"
            "Wo = np.random.randn(1, 4) * 0.5\n"
            "for it in range(300):\n"
            "    A1 = np.tanh(Wh @ A0)\n"
            "    A2 = 1 / (1 + np.exp(-(Wo @ A1)))\n"
            "    dZ2 = A2 - Y\n"
            "    dA1 = np.dot(Wo.T, dZ2)\n"
            "    dZ1 = dZ2 * (1 - A1 ** 2)\n"
            "    Wo -= 0.5 * dZ2 @ A1.T / 60\n"
            "    Wh -= 0.5 * dZ1 @ A0.T / 60\n",
            at="dA1 = np.dot(Wo.T, dZ2)",
            says=("'dA1'", "'dZ1'", "'dZ2'"),
        ),
        # a method of a class, ReLU hidden layer
        Invalid(
            "import numpy as np\n"
            "class Regressor:\n"
            "    def __init__(self):\n"
            "        self.k1 = np.random.randn(3, 8) * 0.3\n"
            "        self.k2 = np.random.randn(8, 1) * 0.3\n"
            "    def step(self, x, t, lr=0.01):\n"
            "        z = x @ self.k1\n"
            "        a = np.maximum(z, 0)\n"
            "        out = a @ self.k2\n"
            "        g = out - t\n"
            "        g_hidden = g @ self.k2.T\n"
            "        g_z = g * (z > 0)\n"
            "        self.k2 -= lr * a.T @ g\n"
            "        self.k1 -= lr * x.T @ g_z\n",
            at="g_hidden = g @ self.k2.T",
            says=("'g_hidden'", "'g_z'", "g_hidden * (z > 0)"),
        ),
    ]

    def check(self):
        model = self.model
        if _DYNAMIC_READS.search(model.source):
            return  # locals(), vars(), eval(): a name can be read without being written out
        backward = backward_of(model)
        for key, definitions in list(model.definitions.items()):
            if len(definitions) != 1 or backward.reads(key):
                continue
            (definition,) = definitions
            value = definition.value
            if value is None or definition.augmented is not None or definition.from_call:
                continue
            propagated = self._propagated(value, definition.scope, backward)
            if propagated is None:
                continue
            signal, weight, pair = propagated
            activation = model.producer(pair.layer.input, pair.layer.scope)
            if not isinstance(activation, Application):
                continue
            for chain, error, use in self._deltas_of(activation, backward):
                if self._through(error, use.scope, pair, backward):
                    continue  # built from the propagated error after all
                yield self._report(key, definition, chain, error, use, backward)
                break

    def _propagated(self, value, scope, backward):
        """(signal, weight, the weight's layer) for `signal @ W.T` / `W.T @ signal`."""
        factors = matrix_product(value)
        if factors is None:
            return None
        for signal, weight in (factors, factors[::-1]):
            base = transposed_base(weight)
            if base is weight or not self.model.is_signal(signal, scope):
                continue
            pair = backward.pair_of_weight(base, scope)
            if pair is not None:
                return signal, weight, pair
        return None

    def _deltas_of(self, activation, backward):
        """(product, signal factor, derivative use) for each `error * f'(a)` of this activation."""
        model = self.model
        for use in model.derivative_uses:
            forward = use.forward
            if forward is not activation and (forward.target is None or forward.target != activation.target):
                continue
            node = use.node
            parent = model.parent(node)
            while isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply):
                node, parent = parent, model.parent(parent)
            signals = [f for f in _factors(node) if f is not use.node and model.is_signal(f, use.scope)]
            if len(signals) == 1:
                yield node, signals[0], use

    def _through(self, expr, scope, pair, backward) -> bool:
        """The signal passed through the weights of `pair`'s layer (transposed) somewhere."""
        for node, node_scope in backward.expression_nodes(expr, scope, 0, set()):
            factors = matrix_product(node)
            if factors is None:
                continue
            for factor in factors:
                base = transposed_base(factor)
                if base is not factor and backward.same_storage(pair.layer.weight_key, base, node_scope):
                    return True
        return False

    def _report(self, key, definition, chain, error, use, backward):
        model = self.model
        hidden = key_name(key)
        delta_name = backward.stored_name(chain)
        delta = f"'{delta_name}'" if delta_name else f"`{code(chain)}`"
        statement = backward.statement_of(definition.value) or definition.statement
        fix = None
        try:
            readable = model.key(cst.parse_expression(hidden), use.scope) == key
        except cst.ParserSyntaxError:
            readable = False
        advice = f"build {delta} from '{hidden}'"
        if readable and isinstance(error, (cst.Name, cst.Attribute, cst.Subscript)):
            corrected = model.module.code_for_node(chain.deep_replace(error, cst.parse_expression(hidden)))
            advice = f"use `{code(cst.parse_expression(corrected))}`"
            fix = self.replace(error, hidden, f"Build the hidden delta from '{hidden}'")
        return self.report(
            statement,
            f"the hidden error '{hidden}' is computed and never used: the hidden delta {delta} "
            f"(line {model.line(chain)}) is built from '{code(error)}', which never went through "
            f"the next layer's weights; {advice}",
            fix=fix,
        )


def _factors(node):
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        return _factors(node.left) + _factors(node.right)
    return [node]
