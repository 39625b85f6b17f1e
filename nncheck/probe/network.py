"""A small, deterministic reference network in NumPy, able to train "as written".

The network is a stack of dense layers in the rows layout (`X` is (samples, features),
`z = a @ W + b`). A frozen `NetworkSpec` describes it: layer sizes, activations, loss, learning
rate, epochs and seed, plus explicit `Bug` toggles. Each toggle reproduces one mistake that an
nncheck rule finds, so the runtime probe can train a user's network as they wrote it (bugs
included) and as the rules would correct it, with the same seed, and show the difference.

Conventions, chosen so that hand-written networks map onto them exactly:

* Losses are per sample summed over the output units, then averaged over the samples
  (`reduction="mean"`) or summed (`reduction="sum"`, as networks that update with
  `X.T @ delta` and no `/ n` do).
* "mse" is half the squared error, ``0.5 * (p - y)**2``: its gradient is the plain error
  ``p - y``, which is what hand-written networks call `error` (with the opposite sign).
* "bce" is binary cross-entropy per unit; "cce" is categorical cross-entropy over a row.
  Sigmoid + bce and softmax + cce use the fused output delta ``p - y`` (exact, and stable).
* The log of a value outside [0, 1] is NaN, not clipped away: an unbounded output trained with
  a log loss diverges here as it does in the user's script (NN404).
* Training never raises for numerical trouble: overflow is silenced with `np.errstate` and the
  first non-finite loss stops the run, recorded in `History.diverged_at`. An exception that the
  as-written code would raise (a shape that does not broadcast, an array in an `if`) is recorded
  in `History.error` as "ExceptionType: message".
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Sequence

import numpy as np

__all__ = [
    "ACTIVATION_ITSELF",
    "ACTIVATIONS",
    "DERIVATIVES",
    "LOSSES",
    "Activation",
    "Bug",
    "Cache",
    "Derivative",
    "History",
    "Layer",
    "NetworkSpec",
    "backward",
    "forward",
    "init_params",
    "loss_value",
    "predict",
    "train",
]

Array = np.ndarray


# --------------------------------------------------------------------------------------------
# Activations and their derivatives
# --------------------------------------------------------------------------------------------


def _identity(z: Array, alpha: float) -> Array:
    return z.copy()


def _relu(z: Array, alpha: float) -> Array:
    return np.where(z > 0, z, 0.0)


def _leaky_relu(z: Array, alpha: float) -> Array:
    return np.where(z > 0, z, alpha * z)


def _tanh(z: Array, alpha: float) -> Array:
    return np.tanh(z)


def _sigmoid(z: Array, alpha: float) -> Array:
    # 0.5 * (1 + tanh(z / 2)) is the logistic function without overflow for large |z|.
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _softmax(z: Array, alpha: float, axis: int | None = 1) -> Array:
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


@dataclass(frozen=True)
class Activation:
    """An activation f. `derivative` is the input form f'(z); `output_form` is g with
    g(f(z)) = f'(z) (as in ``s * (1 - s)``), or None where there is none (softmax).
    `bounds` is the open or closed range of f; `elementwise` is False for softmax, whose
    backward pass is a Jacobian-vector product."""

    name: str
    forward: Callable[[Array, float], Array]
    derivative: Callable[[Array, float], Array] | None
    output_form: Callable[[Array, float], Array] | None
    bounds: tuple[float, float]
    elementwise: bool = True

    @property
    def bounded(self) -> bool:
        return bool(np.isfinite(self.bounds[0]) and np.isfinite(self.bounds[1]))


ACTIVATIONS: Mapping[str, Activation] = {
    a.name: a
    for a in (
        Activation(
            "identity", _identity,
            lambda z, alpha: np.ones_like(z), lambda a, alpha: np.ones_like(a),
            (-np.inf, np.inf),
        ),
        Activation(
            "relu", _relu,
            lambda z, alpha: np.where(z > 0, 1.0, 0.0),
            lambda a, alpha: np.where(a > 0, 1.0, 0.0),
            (0.0, np.inf),
        ),
        Activation(
            "leaky_relu", _leaky_relu,
            lambda z, alpha: np.where(z > 0, 1.0, alpha),
            # leaky ReLU keeps the sign (alpha > 0), so the same mask works on the output.
            lambda a, alpha: np.where(a > 0, 1.0, alpha),
            (-np.inf, np.inf),
        ),
        Activation(
            "tanh", _tanh,
            lambda z, alpha: 1.0 - np.tanh(z) ** 2,
            lambda a, alpha: 1.0 - a ** 2,
            (-1.0, 1.0),
        ),
        Activation(
            "sigmoid", _sigmoid,
            lambda z, alpha: _sigmoid(z, alpha) * (1.0 - _sigmoid(z, alpha)),
            lambda a, alpha: a * (1.0 - a),
            (0.0, 1.0),
        ),
        Activation("softmax", _softmax, None, None, (0.0, 1.0), elementwise=False),
    )
}


@dataclass(frozen=True)
class Derivative:
    """A derivative function as a learner may write it, for Bug.DERIVATIVE_MISMATCH.
    `form` says where it is meant to be evaluated: "input" (at z) or "output" (at f(z))."""

    name: str
    fn: Callable[[Array, float], Array]
    form: str


DERIVATIVES: Mapping[str, Derivative] = {
    d.name: d
    for d in (
        *(Derivative(a.name, a.derivative, "input")
          for a in ACTIVATIONS.values() if a.derivative is not None),
        *(Derivative(f"{a.name}_output_form", a.output_form, "output")
          for a in ACTIVATIONS.values() if a.output_form is not None),
    )
}


# For Bug.DERIVATIVE_MISMATCH: the layer's own activation used as its derivative.
ACTIVATION_ITSELF = "activation_itself"


# --------------------------------------------------------------------------------------------
# Losses: value and gradient with respect to the output p, per the reduction
# --------------------------------------------------------------------------------------------


def _log(p: Array) -> Array:
    # Clip only inside [0, 1] (saturation); outside it the log is honestly NaN (or, above 1,
    # the plain log).
    if p.size and 0.0 <= p.min() and p.max() <= 1.0:  # the usual case, and NaN-free
        return np.log(np.clip(p, 1e-12, 1.0 - 1e-12))
    out = np.log(np.minimum(np.maximum(p, 1e-12), 1.0 - 1e-12))
    outside = (p < 0.0) | (p > 1.0)
    if outside.any():
        out[outside] = np.log(p[outside])
    return out


def _mse(p: Array, y: Array) -> Array:
    return 0.5 * ((p - y) ** 2).sum(axis=1)


def _mse_grad(p: Array, y: Array) -> Array:
    return p - y


def _bce(p: Array, y: Array) -> Array:
    return -(y * _log(p) + (1.0 - y) * _log(1.0 - p)).sum(axis=1)


def _bce_grad(p: Array, y: Array) -> Array:
    q = np.clip(p, 1e-12, 1.0 - 1e-12)
    return (q - y) / (q * (1.0 - q))


def _cce(p: Array, y: Array) -> Array:
    return -(y * _log(p)).sum(axis=1)


def _cce_grad(p: Array, y: Array) -> Array:
    return -y / np.clip(p, 1e-12, None)


LOSSES: Mapping[str, tuple[Callable[[Array, Array], Array], Callable[[Array, Array], Array]]] = {
    "mse": (_mse, _mse_grad),
    "bce": (_bce, _bce_grad),
    "cce": (_cce, _cce_grad),
}

# (output activation, loss) pairs whose output delta is simply p - y.
_FUSED = {("sigmoid", "bce"), ("softmax", "cce"), ("identity", "mse")}


# --------------------------------------------------------------------------------------------
# The "as written" toggles
# --------------------------------------------------------------------------------------------


class Bug(enum.Enum):
    """A learner's mistake, reproduced on purpose. Each names the nncheck code that finds it.

    A toggle in `NetworkSpec.bugs` applies to every layer where it makes sense; one in
    `NetworkSpec.layer_bugs[i]` only to dense layer i (0 = the first). Derivative toggles
    affect elementwise layers only (not softmax), RELU_MASK_ON_UPSTREAM ReLU-family layers only.
    """

    def __init__(self, code: str, summary: str) -> None:
        self.code = code
        self.summary = summary

    # Members are singletons compared by identity; identity hashing keeps the many membership
    # tests of a training loop cheap (Enum's default hashes the name in Python code).
    __hash__ = object.__hash__

    # -- forward pass ---------------------------------------------------------------------
    ARRAY_TRUTH_VALUE = (
        "NN103",
        "the activation uses a Python truth test (`if x > 0`) on the whole array: the first "
        "forward pass raises ValueError, as the script does",
    )
    SOFTMAX_OVER_BATCH = (
        "NN104",
        "softmax normalises over the sample axis (axis 0) instead of each row; the backward "
        "pass still uses the fused p - y, as the learner writes it",
    )
    BIAS_SHAPED_LIKE_WEIGHTS = (
        "NN301",
        "the bias is created with the weights' shape (n_in, n_out) instead of (1, n_out); "
        "added after the product it fails to broadcast unless n_in is 1 or the sample count",
    )
    BIAS_INSIDE_PRODUCT = (
        "NN302",
        "the bias is added to the weights inside the product: z = a @ (W + b)",
    )
    SYMMETRIC_INIT = (
        "NN304",
        "the weights are initialised to one constant (zeros), so hidden units stay identical",
    )
    # -- backward pass and update ---------------------------------------------------------
    UNBOUNDED_OUTPUT_BINARY_LABELS = (
        "NN101",
        "an unbounded output activation trained against 0/1 labels with the error y - out: "
        "the spec must say so itself (unbounded output, loss 'mse'); accuracy thresholds the "
        "raw output at 0.5. validate() checks the spec is consistent with it",
    )
    DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION = (
        "NN201",
        "a derivative in output form (s * (1 - s), 1 - t**2) is evaluated at z instead of f(z)",
    )
    DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION = (
        "NN201",
        "a derivative in input form (f'(z)) is evaluated at f(z), e.g. nonlin(output, deriv=True)",
    )
    DERIVATIVE_MISMATCH = (
        "NN202",
        "the derivative belongs to another activation (NetworkSpec.wrong_derivative: a name in "
        "DERIVATIVES, default sigmoid's s * (1 - s), or 'activation_itself' for the activation "
        "reused as its own derivative), evaluated at its own point unless an NN201 toggle "
        "moves it",
    )
    GRADIENT_SIGN = (
        "NN203",
        "the update climbs the loss: W += lr * grad",
    )
    BIAS_GRADIENT_LIKE_WEIGHTS = (
        "NN204",
        "the bias update uses the weight gradient a.T @ delta instead of the summed deltas",
    )
    MISSING_ACTIVATION_DERIVATIVE = (
        "NN205",
        "the delta has no derivative factor: delta = dL/da is used as dL/dz",
    )
    RELU_MASK_ON_UPSTREAM = (
        "NN208",
        "a ReLU-family backward pass masks on the upstream gradient's sign, not on z",
    )
    BIAS_GRADIENT_SUMMED_OVER_ALL = (
        "NN209",
        "the bias gradient is summed over every axis (one scalar for all units)",
    )
    UNSTABLE_SOFTMAX = (
        "NN105",
        "softmax takes np.exp of the raw logits (no max subtracted): large logits overflow to "
        "inf / inf = NaN",
    )
    DERIVATIVE_OF_ERROR = (
        "NN206",
        "the output layer's derivative is applied to the error y - out instead of the "
        "activation: delta = error * f'(error)",
    )
    DEAD_HIDDEN_DELTA = (
        "NN210",
        "each hidden delta is built from the output error (broadcast over the hidden units) "
        "instead of the back-propagated delta @ W.T, which is computed and never used",
    )
    FUSED_TIMES_DERIVATIVE = (
        "NN212",
        "the fused cross-entropy delta p - y is multiplied by the output's derivative again",
    )
    STALE_WEIGHTS = (
        "NN213",
        "each layer is updated as soon as its gradient is known, so the layer below "
        "back-propagates through weights already updated in this step",
    )
    ACCUMULATED_GRADIENT = (
        "NN214",
        "the gradient is accumulated over the epochs and never reset: each step applies the "
        "sum of all earlier gradients",
    )
    LOG_LOSS_OF_UNBOUNDED = (
        "NN404",
        "the loss the script computes is a log loss of an output that can leave (0, 1): it is "
        "NaN once an output is <= 0 (or >= 1), while the update, which does not use it, goes on",
    )
    UNPAIRED_SHUFFLE = (
        "NN504",
        "inputs and labels are shuffled by two separate draws each epoch: the network trains "
        "on labels paired with the wrong rows",
    )


_DERIVATIVE_BUGS = frozenset({
    Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION,
    Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION,
    Bug.DERIVATIVE_MISMATCH,
    Bug.MISSING_ACTIVATION_DERIVATIVE,
    Bug.RELU_MASK_ON_UPSTREAM,
})
# The mistakes of a layer's derivative, as the demo's effect lines group them.
DERIVATIVE_BUGS = _DERIVATIVE_BUGS


# --------------------------------------------------------------------------------------------
# The spec
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkSpec:
    """What to train. `layers` are the unit counts from inputs to outputs, e.g. (3, 4, 1).

    weight_scale: weights start as weight_scale * standard normal (1.0 is `np.random.randn`,
    what hand-written networks use). bias_init: "zeros" or "randn". task: "binary" (accuracy,
    threshold 0.5 per unit), "multiclass" (accuracy, argmax), "regression" (R²) or "auto"
    (from the labels: all in {0, 1} → binary, or multiclass when rows are one-hot with more
    than one column; anything else → regression).
    """

    layers: tuple[int, ...]
    hidden_activation: str = "relu"
    output_activation: str = "sigmoid"
    loss: str = "bce"
    learning_rate: float = 0.5
    epochs: int = 1000
    seed: int = 0
    alpha: float = 0.01
    reduction: str = "mean"
    weight_scale: float = 1.0
    bias_init: str = "zeros"
    task: str = "auto"
    bugs: frozenset[Bug] = frozenset()
    layer_bugs: tuple[frozenset[Bug], ...] = ()
    wrong_derivative: str = "sigmoid_output_form"
    # False: the layers have no bias (as `l1 = nonlin(l0 @ syn0)` networks with a column of
    # ones in X): b stays zero and is never updated.
    biases: bool = True
    # The script's own starting parameters, (W, b) per layer in the rows layout, either of
    # them None to draw it as above; W of shape (n_in, n_out). Empty: every layer drawn from
    # default_rng(seed). Draws are made either way, so both runs see the same random sequence.
    initial: tuple = field(default=(), compare=False, repr=False)
    # Samples per update (None: the whole data set, one update per epoch), and whether each
    # epoch visits them in a new random order (drawn from a generator of its own, seeded).
    batch_size: int | None = None
    shuffle: bool = False
    # Derived in __post_init__: the toggles in force at each layer.
    _bugs_by_layer: tuple[frozenset[Bug], ...] = field(
        init=False, repr=False, compare=False, default=()
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "layers", tuple(int(n) for n in self.layers))
        object.__setattr__(self, "bugs", frozenset(self.bugs))
        object.__setattr__(self, "layer_bugs", tuple(frozenset(b) for b in self.layer_bugs))
        self.validate()
        per_layer = tuple(
            self.bugs | (self.layer_bugs[i] if i < len(self.layer_bugs) else frozenset())
            for i in range(self.n_layers)
        )
        object.__setattr__(self, "_bugs_by_layer", per_layer)

    @property
    def n_layers(self) -> int:
        """The number of dense layers (weight matrices)."""
        return len(self.layers) - 1

    def activation_at(self, i: int) -> Activation:
        name = self.output_activation if i == self.n_layers - 1 else self.hidden_activation
        return ACTIVATIONS[name]

    def bugs_at(self, i: int) -> frozenset[Bug]:
        """The toggles in force at dense layer i (0 = the first)."""
        return self._bugs_by_layer[i]

    @property
    def all_bugs(self) -> frozenset[Bug]:
        return self.bugs.union(*self.layer_bugs) if self.layer_bugs else self.bugs

    @property
    def codes(self) -> tuple[str, ...]:
        """The finding codes this spec reproduces, sorted."""
        return tuple(sorted({bug.code for bug in self.all_bugs}))

    def corrected(self, **changes) -> "NetworkSpec":
        """A copy without any bug toggles, with `changes` applied."""
        return replace(self, bugs=frozenset(), layer_bugs=(), **changes)

    def drawn_where_constant(self) -> "NetworkSpec":
        """A copy whose constant starting weights (the script's own) are drawn at random
        instead: the fix of a symmetric initialisation."""
        return replace(self, initial=tuple(
            (None if w is not None and np.ptp(w) == 0 else w, b) for w, b in self.initial))

    def validate(self) -> None:
        """Raise ValueError for a spec that cannot mean anything."""
        if len(self.layers) < 2 or any(n < 1 for n in self.layers):
            raise ValueError(f"layers must be two or more positive sizes, got {self.layers}")
        for name in (self.hidden_activation, self.output_activation):
            if name not in ACTIVATIONS:
                raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}")
        if self.loss not in LOSSES:
            raise ValueError(f"unknown loss {self.loss!r}; known: {', '.join(LOSSES)}")
        if self.reduction not in ("mean", "sum"):
            raise ValueError(f"reduction must be 'mean' or 'sum', got {self.reduction!r}")
        if self.bias_init not in ("zeros", "randn"):
            raise ValueError(f"bias_init must be 'zeros' or 'randn', got {self.bias_init!r}")
        if self.task not in ("auto", "binary", "multiclass", "regression"):
            raise ValueError(f"unknown task {self.task!r}")
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError(f"batch_size must be positive, got {self.batch_size}")
        if self.epochs < 0 or not np.isfinite(self.learning_rate):
            raise ValueError("epochs must be >= 0 and the learning rate finite")
        if len(self.layer_bugs) > self.n_layers:
            raise ValueError("layer_bugs has more entries than there are layers")
        if self.wrong_derivative not in DERIVATIVES and self.wrong_derivative != ACTIVATION_ITSELF:
            raise ValueError(
                f"unknown derivative {self.wrong_derivative!r}; known: {', '.join(DERIVATIVES)}"
            )
        if Bug.UNBOUNDED_OUTPUT_BINARY_LABELS in self.all_bugs:
            if ACTIVATIONS[self.output_activation].bounded or self.loss != "mse":
                raise ValueError(
                    "UNBOUNDED_OUTPUT_BINARY_LABELS needs an unbounded output activation and "
                    "the loss 'mse' (the error y - out)"
                )
            if self.task not in ("auto", "binary"):
                raise ValueError("UNBOUNDED_OUTPUT_BINARY_LABELS is about binary labels")


# --------------------------------------------------------------------------------------------
# Parameters, forward, loss, backward
# --------------------------------------------------------------------------------------------


@dataclass(eq=False)
class Layer:
    W: Array
    b: Array


def init_params(spec: NetworkSpec) -> list[Layer]:
    """Weights and biases from `np.random.default_rng(spec.seed)`, drawn W then b per layer
    (a zero bias draws nothing), so the same seed always gives the same network."""
    rng = np.random.default_rng(spec.seed)
    params = []
    for i, (n_in, n_out) in enumerate(zip(spec.layers[:-1], spec.layers[1:])):
        bugs = spec.bugs_at(i)
        if Bug.SYMMETRIC_INIT in bugs:
            W = np.zeros((n_in, n_out))
        else:
            W = spec.weight_scale * rng.standard_normal((n_in, n_out))
        b_shape = (n_in, n_out) if Bug.BIAS_SHAPED_LIKE_WEIGHTS in bugs else (1, n_out)
        random_bias = spec.bias_init == "randn" and spec.biases
        b = rng.standard_normal(b_shape) if random_bias else np.zeros(b_shape)
        given = spec.initial[i] if i < len(spec.initial) else (None, None)
        if given[0] is not None and np.shape(given[0]) == (n_in, n_out):
            W = np.array(given[0], dtype=float)
        if given[1] is not None and spec.biases:
            own = np.array(given[1], dtype=float)
            if own.shape == b_shape:
                b = own
            elif own.size == n_out and b_shape == (1, n_out):
                b = own.reshape(1, n_out)
        params.append(Layer(W, b))
    return params


@dataclass
class Cache:
    """What the forward pass keeps for the backward pass: inputs to each layer (a[0] = X),
    pre-activations z[i] and post-activations a[i + 1]."""

    a: list[Array] = field(default_factory=list)
    z: list[Array] = field(default_factory=list)

    @property
    def output(self) -> Array:
        return self.a[-1]


def _activate(spec: NetworkSpec, i: int, z: Array) -> Array:
    act = spec.activation_at(i)
    bugs = spec.bugs_at(i)
    if Bug.ARRAY_TRUTH_VALUE in bugs and z.size > 1:
        # Exactly what `x if x > 0 else x / 100` does with an array: numpy's own ValueError.
        bool(z > 0)
    if act.name == "softmax":
        axis = 0 if Bug.SOFTMAX_OVER_BATCH in bugs else 1
        if Bug.UNSTABLE_SOFTMAX in bugs:
            e = np.exp(z)
            return e / np.sum(e, axis=axis, keepdims=True)
        return _softmax(z, spec.alpha, axis=axis)
    return act.forward(z, spec.alpha)


def forward(spec: NetworkSpec, params: Sequence[Layer], X: Array) -> Cache:
    cache = Cache(a=[X])
    a = X
    for i, layer in enumerate(params):
        if Bug.BIAS_INSIDE_PRODUCT in spec.bugs_at(i):
            z = a @ (layer.W + layer.b)
        else:
            z = a @ layer.W + layer.b
        a = _activate(spec, i, z)
        cache.z.append(z)
        cache.a.append(a)
    return cache


def _reduce(spec: NetworkSpec, n: int) -> float:
    return 1.0 / n if spec.reduction == "mean" else 1.0


def loss_value(spec: NetworkSpec, output: Array, y: Array) -> float:
    per_sample = LOSSES[spec.loss][0](output, y)
    return float(per_sample.sum() * _reduce(spec, len(y)))


def _unbroadcast(grad: Array, shape: tuple[int, ...]) -> Array:
    """Sum `grad` down to `shape`, undoing numpy broadcasting."""
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def _delta(spec: NetworkSpec, i: int, dA: Array, z: Array, a: Array) -> Array:
    """dL/dz for layer i from dL/da, with the derivative as the learner wrote it."""
    act = spec.activation_at(i)
    bugs = spec.bugs_at(i)
    if not act.elementwise:
        axis = 0 if Bug.SOFTMAX_OVER_BATCH in bugs else 1
        return a * (dA - np.sum(dA * a, axis=axis, keepdims=True))
    if Bug.MISSING_ACTIVATION_DERIVATIVE in bugs:
        return dA
    if Bug.RELU_MASK_ON_UPSTREAM in bugs and act.name in ("relu", "leaky_relu"):
        slope = 0.0 if act.name == "relu" else spec.alpha
        return dA * np.where(dA > 0, 1.0, slope)
    if Bug.DERIVATIVE_MISMATCH in bugs:
        if spec.wrong_derivative == ACTIVATION_ITSELF:
            fn, at = act.forward, z
        else:
            wrong = DERIVATIVES[spec.wrong_derivative]
            fn, at = wrong.fn, (z if wrong.form == "input" else a)
        if Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION in bugs:
            at = z
        elif Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION in bugs:
            at = a
        return dA * fn(at, spec.alpha)
    if Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION in bugs:
        return dA * act.output_form(z, spec.alpha)
    if Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION in bugs:
        return dA * act.derivative(a, spec.alpha)
    return dA * act.derivative(z, spec.alpha)


def backward(
    spec: NetworkSpec, params: Sequence[Layer], cache: Cache, y: Array,
    step: Callable[[int, Array, Array], None] | None = None,
) -> list[tuple[Array, Array]]:
    """(dW, db) per layer: the direction the learner's update follows.

    With no backward-pass toggles (derivative, bias-gradient, sign) this is the exact gradient
    of `loss_value(forward(...))`, including forward toggles such as BIAS_INSIDE_PRODUCT. The
    one exception is SOFTMAX_OVER_BATCH with "cce", which keeps the fused p - y the learner
    writes. GRADIENT_SIGN is applied in the update, not here.
    """
    n = len(y)
    scale = _reduce(spec, n)
    last = spec.n_layers - 1
    out_act = spec.activation_at(last)
    fused = (out_act.name, spec.loss) in _FUSED and not (spec.bugs_at(last) & _DERIVATIVE_BUGS)
    delta: Array | None = None
    dA: Array | None = None
    if fused:
        delta = (cache.output - y) * scale
    else:
        dA = LOSSES[spec.loss][1](cache.output, y) * scale
    out_bugs = spec.bugs_at(last)
    if Bug.DERIVATIVE_OF_ERROR in out_bugs and out_act.elementwise:
        # The learner's `error * f'(error)`: the derivative's factor taken at y - out.
        factor = (out_act.output_form or out_act.derivative)(y - cache.output, spec.alpha)
        delta = (cache.output - y) * scale * factor
    elif fused and Bug.FUSED_TIMES_DERIVATIVE in out_bugs:
        p = cache.output
        delta = delta * (p * (1.0 - p))
    output_error = (cache.output - y) * scale
    grads: list[tuple[Array, Array]] = [None] * len(params)  # type: ignore[list-item]
    for i in range(last, -1, -1):
        layer = params[i]
        bugs = spec.bugs_at(i)
        if delta is None:
            delta = _delta(spec, i, dA, cache.z[i], cache.a[i + 1])
        a_prev = cache.a[i]
        dW = a_prev.T @ delta
        if Bug.BIAS_GRADIENT_LIKE_WEIGHTS in bugs:
            db = dW
        elif Bug.BIAS_GRADIENT_SUMMED_OVER_ALL in bugs:
            db = np.sum(delta)
        elif Bug.BIAS_INSIDE_PRODUCT in bugs:
            db = _unbroadcast(dW, layer.b.shape)
        else:
            db = _unbroadcast(delta, layer.b.shape)
        grads[i] = (dW, db)
        if step is not None:
            step(i, dW, db)  # updated before the layer below reads its weights (NN213)
        if i > 0:
            effective = layer.W + layer.b if Bug.BIAS_INSIDE_PRODUCT in bugs else layer.W
            if Bug.DEAD_HIDDEN_DELTA in spec.bugs_at(i - 1):
                # numpy broadcasts (n, 1) over the hidden units, and raises as the script does
                # when the output has several units.
                dA = output_error
            else:
                dA = delta @ effective.T
            delta = None
    return grads


# --------------------------------------------------------------------------------------------
# Training and metrics
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class History:
    """What one training run did.

    losses[e] and scores[e] (accuracy, or R² for regression) are measured before the update of
    epoch e; final_loss,
    predictions (the raw outputs), accuracy and r2 after the last update. When the loss became
    NaN/inf, training stopped: diverged_at is that epoch and the last entry of losses is the
    non-finite value. When the as-written code raised, error holds "Type: message" and the
    metrics hold whatever was measured before.
    """

    spec: NetworkSpec
    task: str
    losses: tuple[float, ...]
    scores: tuple[float, ...]
    final_loss: float
    predictions: Array | None
    accuracy: float | None
    r2: float | None
    diverged_at: int | None = None
    error: str | None = None
    params: tuple[Layer, ...] = ()
    # With LOG_LOSS_OF_UNBOUNDED: the first epoch whose log loss (as the script computes it)
    # is not finite.
    log_nan_at: int | None = None

    @property
    def epochs_run(self) -> int:
        return len(self.losses)

    @property
    def diverged(self) -> bool:
        return self.diverged_at is not None

    @property
    def crashed(self) -> bool:
        return self.error is not None

    @property
    def labels_predicted(self) -> Array | None:
        """Class predictions: 0/1 per unit (threshold 0.5) or the argmax; None for regression."""
        if self.predictions is None or self.task == "regression":
            return None
        return _classes(self.task, self.predictions)


def detect_task(y: Array) -> str:
    y = np.asarray(y, dtype=float)
    if y.size and np.all(np.isin(y, (0.0, 1.0))):
        if y.ndim == 2 and y.shape[1] > 1 and np.all(y.sum(axis=1) == 1):
            return "multiclass"
        return "binary"
    return "regression"


def _classes(task: str, output: Array) -> Array:
    if task == "multiclass":
        return np.argmax(output, axis=1)
    return (output > 0.5).astype(int)  # NaN compares False, without a warning


def _accuracy(task: str, output: Array, y: Array) -> float:
    if not np.isfinite(output).all():
        return float("nan")
    if task == "multiclass":
        hits = np.argmax(output, axis=1) == np.argmax(y, axis=1)
    else:
        hits = (output > 0.5) == (y > 0.5)
    return np.count_nonzero(hits) / hits.size


def _r2(output: Array, y: Array) -> float:
    ss_res = float(np.sum((y - output) ** 2))
    ss_tot = float(np.sum((y - np.mean(y, axis=0)) ** 2))
    return 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan")


def predict(spec: NetworkSpec, params: Sequence[Layer], X: Array) -> Array:
    with np.errstate(all="ignore"):
        return forward(spec, params, np.asarray(X, dtype=float)).output


def _as_2d(values: Array) -> Array:
    values = np.asarray(values, dtype=float)
    return values.reshape(-1, 1) if values.ndim == 1 else values


def train(spec: NetworkSpec, X: Array, y: Array) -> History:
    """Full-batch gradient descent for spec.epochs epochs; never raises for the network's own
    trouble (see the module docstring). X is (samples, features), y (samples, outputs) or
    (samples,) for one output."""
    X = _as_2d(X)
    y = _as_2d(y)
    if X.shape[1] != spec.layers[0] or y.shape[1] != spec.layers[-1] or len(X) != len(y):
        raise ValueError(
            f"data of shapes X {X.shape}, y {y.shape} does not fit layers {spec.layers}"
        )
    task = detect_task(y) if spec.task == "auto" else spec.task
    params = init_params(spec)
    sign = 1.0 if Bug.GRADIENT_SIGN in spec.all_bugs else -1.0
    all_bugs = spec.all_bugs
    # NN214 as written: every step applies the sum of all gradients so far, never reset.
    accumulated: list[list[Array]] = []

    def summed(grads: list) -> list:
        if not accumulated:
            accumulated.extend([np.zeros_like(dW), np.zeros_like(db)] for dW, db in grads)
        for total, (dW, db) in zip(accumulated, grads):
            total[0] = total[0] + dW
            total[1] = total[1] + db
        return [(dW, db) for dW, db in accumulated]

    def apply(layer: Layer, dW: Array, db: Array) -> None:
        # In place, as the learner writes it: a gradient of the wrong shape raises numpy's
        # own broadcasting error here.
        layer.W += sign * lr * dW
        if spec.biases:
            layer.b += sign * lr * db

    shuffler = np.random.default_rng(spec.seed + 1) if Bug.UNPAIRED_SHUFFLE in all_bugs else None
    batch_rng = np.random.default_rng(spec.seed + 2)
    log_loss = Bug.LOG_LOSS_OF_UNBOUNDED in all_bugs
    log_nan_at = None
    losses: list[float] = []
    scores: list[float] = []
    diverged_at = None
    error = None
    output = None
    with np.errstate(all="ignore"):
        try:
            for epoch in range(spec.epochs):
                cache = forward(spec, params, X)
                output = cache.output
                loss = loss_value(spec, output, y)
                losses.append(loss)
                if log_loss and log_nan_at is None:
                    with np.errstate(all="ignore"):
                        if output.shape[1] == 1:
                            shown = -np.mean(y * np.log(output) + (1 - y) * np.log(1 - output))
                        else:
                            shown = -np.mean(np.sum(y * np.log(output), axis=1))
                    if not np.isfinite(shown):
                        log_nan_at = epoch
                score = _r2(output, y) if task == "regression" else _accuracy(task, output, y)
                scores.append(score)
                if not np.isfinite(loss):
                    diverged_at = epoch
                    break
                lr = spec.learning_rate
                targets = y
                if shuffler is not None:
                    # X keeps its order, y gets its own permutation: the pairs are broken.
                    targets = y[shuffler.permutation(len(y))]
                if spec.batch_size is not None and spec.batch_size < len(X):
                    order = batch_rng.permutation(len(X)) if spec.shuffle else np.arange(len(X))
                    for start in range(0, len(X), spec.batch_size):
                        rows = order[start:start + spec.batch_size]
                        part = forward(spec, params, X[rows])
                        grads = backward(spec, params, part, targets[rows])
                        if Bug.ACCUMULATED_GRADIENT in all_bugs:
                            grads = summed(grads)
                        for layer, (dW, db) in zip(params, grads):
                            apply(layer, dW, db)
                    continue

                if Bug.STALE_WEIGHTS in all_bugs:
                    backward(spec, params, cache, targets,
                             step=lambda i, dW, db: apply(params[i], dW, db))
                    continue
                grads = backward(spec, params, cache, targets)
                if Bug.ACCUMULATED_GRADIENT in all_bugs:
                    grads = summed(grads)
                for layer, (dW, db) in zip(params, grads):
                    apply(layer, dW, db)
            if diverged_at is None:
                output = forward(spec, params, X).output
        except (ValueError, FloatingPointError, TypeError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        final_loss = loss_value(spec, output, y) if output is not None else float("nan")
        if output is not None and not np.isfinite(final_loss) and diverged_at is None and not error:
            diverged_at = len(losses)
        accuracy = r2 = None
        if output is not None:
            if task == "regression":
                r2 = _r2(output, y)
            elif np.all(np.isfinite(output)):
                accuracy = _accuracy(task, output, y)
    return History(
        spec=spec,
        task=task,
        losses=tuple(losses),
        scores=tuple(scores),
        final_loss=final_loss,
        predictions=output,
        accuracy=accuracy,
        r2=r2,
        diverged_at=diverged_at,
        error=error,
        params=tuple(params),
        log_nan_at=log_nan_at,
    )
