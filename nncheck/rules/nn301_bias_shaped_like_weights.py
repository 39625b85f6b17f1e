from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import backward_of, call_name, code, keyword_arg, positional_args, shapes
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, numpy_name, source_of, summed_delta_edits

_ROWS = (
    "import numpy as np\n"
    "X = np.random.rand(10, 3)\n"
    "y = np.random.rand(10, 2)\n"
    "W = np.random.randn(3, 2)\n"
    "{bias}\n"
    "out = X @ W + b\n"
    "W -= 0.1 * X.T @ (out - y)\n"
    "b -= 0.1 * np.sum(out - y, axis=0)\n"
)


def _rows(bias: str) -> str:
    return _ROWS.format(bias=bias)


def _dims(shape) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


_STACKED = (
    "import numpy as np\n"
    "X = np.vstack([np.random.randn(40, 2) + 1, np.random.randn(40, 2) - 1])\n"
    "y = np.r_[np.ones(40), np.zeros(40)].reshape(-1, 1)\n"
    "W = np.random.randn(2, 1) * 0.1\n"
    "b = np.zeros({bias})\n"
    "for _ in range(100):\n"
    "    out = 1 / (1 + np.exp(-(X @ W + b)))\n"
    "    d = (out - y) / 80\n"
    "    W -= 0.5 * X.T @ d\n"
    "    b -= 0.5 * d.sum(axis=0, keepdims=True)\n"
)


class BiasShapedLikeWeights(Rule):
    """
    ## What it does
    Finds a bias created with the weight matrix's shape `(n_in, n_out)`, or with one row per
    sample `(n_samples, n_out)`, instead of one value per output unit: `(1, n_out)` or
    `(n_out,)` when samples are rows (`X @ W`), `(n_out, 1)` when samples are columns
    (`W @ X`). When `n_in` is 1 the shapes coincide and nothing is reported.

    ## Why is this bad?
    A layer has one bias per output unit. A bias shaped like the weights either fails to
    broadcast, or broadcasts into something else: each sample gets a different offset, or
    the bias only works for the batch size it was made for and breaks on new data.

    ## Example
    ```python
    W = np.random.randn(n_in, n_out)
    b = np.random.randn(n_in, n_out)
    ```

    ## Use instead
    ```python
    W = np.random.randn(n_in, n_out)
    b = np.zeros((1, n_out))
    ```

    ## Fix safety
    Safe: the dimension that should be 1 (`n_in`, or the number of samples) becomes `1` in the
    creation call, whatever the function (`np.zeros((1, n_out))`, `np.random.randn(1, n_out)`).
    An update that adds the weight gradient to the bias is changed with it (to the summed
    deltas, as NN204 does), since it would no longer fit the bias; when another update would
    not fit either, no fix is offered.
    """

    code = "NN301"
    name = "bias-shaped-like-weights"
    severity = Severity.WARNING
    summary = "the bias has the weights' shape (or one row per sample) instead of one value per unit"
    fix_availability = "sometimes"

    VALID = [
        Valid(_STACKED.format(bias="(1, 1)")),
        Valid(_rows("b = np.zeros((1, 2))")),
        Valid(_rows("b = np.zeros(2)")),
        Valid(
            "import numpy as np\n"
            "A = np.random.rand(3, 10)\n"
            "W = np.random.randn(4, 3) * 0.01\n"
            "b = np.zeros((4, 1))\n"
            "Z = np.dot(W, A) + b\n"
            "W -= 0.1 * np.dot(Z, A.T)\n"
            "b -= 0.1 * np.sum(Z, axis=1, keepdims=True)\n"
        ),
        # one input: (n_in, n_out) == (1, n_out), which is right
        Valid(
            "import numpy as np\n"
            "x = np.linspace(0, 1, 20).reshape(-1, 1)\n"
            "w = np.random.randn(1, 5)\n"
            "c = np.random.randn(1, 5)\n"
            "h = np.tanh(x @ w + c)\n"
            "w -= 0.1 * x.T @ h\n"
            "c -= 0.1 * h.sum(axis=0, keepdims=True)\n"
        ),
    ]
    INVALID = [
        # one bias per sample of data whose row count comes from stacking two blocks
        Invalid(_STACKED.format(bias="(80, 1)"), at="b = np.zeros((80, 1))", says=("'b'", "one row per sample", "(80, 1)")),
        Invalid(
            _rows("b = np.random.randn(3, 2)"),
            at="b = np.random.randn(3, 2)",
            says=("'b'", "(3, 2)", "'W'", "(1, 2)"),
            fixed=_rows("b = np.random.randn(1, 2)"),
        ),
        Invalid(
            _rows("b = np.zeros((10, 2))"),
            at="b = np.zeros((10, 2))",
            says=("one row per sample", "(1, 2)"),
            fixed=_rows("b = np.zeros((1, 2))"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_out, n_in) * 0.1\n"
            "        self.b = np.zeros((n_out, n_in))\n"
            "    def forward(self, A):\n"
            "        self.A = A\n"
            "        return self.W @ A + self.b\n"
            "    def backward(self, dZ, lr=0.1):\n"
            "        self.W -= lr * dZ @ self.A.T\n"
            "        self.b -= lr * dZ.sum(axis=1, keepdims=True)\n"
            "layer = Dense(3, 4)\n",
            at="self.b = np.zeros((n_out, n_in))",
            says=("'self.b'", "(4, 1)"),
            fixed="import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_out, n_in) * 0.1\n"
            "        self.b = np.zeros((n_out, 1))\n"
            "    def forward(self, A):\n"
            "        self.A = A\n"
            "        return self.W @ A + self.b\n"
            "    def backward(self, dZ, lr=0.1):\n"
            "        self.W -= lr * dZ @ self.A.T\n"
            "        self.b -= lr * dZ.sum(axis=1, keepdims=True)\n"
            "layer = Dense(3, 4)\n",
        ),
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(10, 3)\n"
            "y = np.random.rand(10, 1)\n"
            "W = np.random.randn(3, 1)\n"
            "b = np.random.randn(3, 1)  # like W\n"
            "for i in range(100):\n"
            "    out = X @ W + b\n"
            "    W -= 0.01 * X.T @ (out - y)\n"
            "    b -= 0.01 * X.T @ (out - y)\n",
            at="b = np.random.randn(3, 1)",
            says=("'b'", "(1, 1)"),
            fixed="import numpy as np\n"
            "X = np.random.rand(10, 3)\n"
            "y = np.random.rand(10, 1)\n"
            "W = np.random.randn(3, 1)\n"
            "b = np.random.randn(1, 1)  # like W\n"
            "for i in range(100):\n"
            "    out = X @ W + b\n"
            "    W -= 0.01 * X.T @ (out - y)\n"
            "    b -= 0.01 * np.sum(out - y, axis=0, keepdims=True)\n",
        ),
    ]

    def check(self):
        model = self.model
        reported = set()
        for layer in model.layers:
            if layer.bias_key is None or layer.bias_key in reported:
                continue
            weight_shape = model.shape(layer.weight, layer.scope)
            if weight_shape is None or len(weight_shape) != 2:
                continue
            creation = model.creation(layer.bias, layer.scope)
            if creation is None:
                continue
            bias_value, bias_scope = creation
            bias_shape = model.shape(bias_value, bias_scope)
            if bias_shape is None or len(bias_shape) != 2:
                continue
            if layer.layout == "rows":
                n_in, n_out = weight_shape
                right = (1, n_out)
                samples = self._samples(layer, 0)
                per_sample = samples is not None and bias_shape == (samples, n_out)
            else:
                n_out, n_in = weight_shape
                right = (n_out, 1)
                samples = self._samples(layer, 1)
                per_sample = samples is not None and bias_shape == (n_out, samples)
            like_weights = bias_shape == tuple(weight_shape) and n_in != 1
            if bias_shape == right or not (like_weights or per_sample):
                continue
            if per_sample and samples == 1:
                continue
            reported.add(layer.bias_key)
            bias, weight = code(layer.bias), code(layer.weight)
            why = f"the shape of the weights '{weight}'" if like_weights else "one row per sample"
            yield self.report(
                bias_value,
                f"bias '{bias}' is created with {why}, {_dims(bias_shape)}, but a layer has one bias "
                f"per output unit: create it with shape {_dims(right)}, e.g. `np.zeros({_dims(right)})`",
                fix=self._fix(layer, bias_value, 0 if layer.layout == "rows" else 1, per_sample and not like_weights),
            )

    def _fix(self, layer, bias_value, axis: int, per_sample: bool):
        """`1` for the dimension that should be 1, and the bias's updates that would no longer
        fit (the weight gradient → the summed deltas); None when an update cannot be fixed."""
        model = self.model
        call = model.creation_call(bias_value)
        dims = _dim_nodes(call) if call is not None else None
        if dims is None or len(dims) != 2:
            return None
        edits = [edit(model, dims[axis], "1")]
        gradient_updates = {}
        for other_layer, update, product in backward_of(model).bias_updates_with_weight_gradient:
            if other_layer.bias_key == layer.bias_key:
                gradient_updates[update.statement] = summed_delta_edits(model, other_layer, update, product)
        for update in model.updates:
            if update.key != layer.bias_key:
                continue
            if update.statement in gradient_updates:
                if not gradient_updates[update.statement]:
                    return None
                edits.extend(gradient_updates[update.statement])
            elif not _reduced(update.rhs):
                # `b -= lr * delta` on a per-sample bias: one row per sample, like the old
                # bias, so summed over the samples it fits the new one (and is its gradient).
                np_ = numpy_name(model)
                try:
                    text = source_of(model, update.rhs)
                except KeyError:
                    return None
                if not per_sample or np_ is None or "#" in text or "\n" in text:
                    return None
                edits.append(edit(model, update.rhs, f"{np_}.sum({text}, axis={axis}, keepdims=True)"))
        return fix(f"Create '{code(layer.bias)}' with one value per output unit", edits)

    def _samples(self, layer, axis):
        shape = self.model.shape(layer.input, layer.scope) or shapes(self.model).shape_of(layer.input, layer.scope)
        if shape is None or len(shape) != 2:
            return None
        return shape[axis]


def _dim_nodes(call: cst.Call) -> list[cst.BaseExpression] | None:
    """The expressions that give a creation call's dimensions (as the model reads its shape)."""
    name = (call_name(call) or "").split(".")[-1]
    args = positional_args(call)
    if name in ("randn", "rand") and not any(a.keyword for a in call.args):
        if len(args) == 1 and isinstance(args[0], cst.Tuple):
            return [e.value for e in args[0].elements]
        return args
    size = keyword_arg(call, "size") or keyword_arg(call, "shape")
    if size is None:
        if name in ("zeros", "ones", "empty", "full", "random", "random_sample", "standard_normal", "ranf", "sample"):
            size = args[0] if args else None
        elif name in ("normal", "uniform", "randint", "integers") and len(args) >= 3:
            size = args[2]
    if isinstance(size, (cst.Tuple, cst.List)) and not any(isinstance(e, cst.StarredElement) for e in size.elements):
        return [e.value for e in size.elements]
    return None


def _reduced(expr: cst.CSTNode) -> bool:
    """The update sums or averages something: it has one value per unit, whatever the batch."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call) and (call_name(node) or "").split(".")[-1] in ("sum", "mean", "average"):
            return True
        stack.extend(node.children)
    return False
