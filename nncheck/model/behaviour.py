"""Classify what an array function computes, by evaluating it on probe arrays.

Names never count here: `sigmoid`, `nonlin`, `f` and `lambda z: 1/(1+np.exp(-z))` are all
judged by the numbers they return.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from nncheck.model.sandbox import Outcome, call, is_array_truth_error

# Probe points avoid 0 so that kinks (ReLU, leaky ReLU) never sit on a probe.
PROBE = np.array(
    [-50.0, -20.0, -6.0, -3.0, -1.7, -1.0, -0.6, -0.3, -0.05,
     0.05, 0.3, 0.6, 1.0, 1.7, 3.0, 6.0, 20.0, 50.0]
)
DERIVATIVE_POINTS = np.array([-3.7, -2.3, -1.3, -0.7, -0.35, -0.1, 0.1, 0.35, 0.7, 1.3, 2.3, 3.7])
STEP = 1e-5

KIND_NAMES = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "identity": "identity, i.e. no activation",
    "elu": "ELU",
    "softplus": "softplus",
    "softmax": "softmax",
    "unbounded": "unbounded",
    "bounded": "bounded",
    "other": "unknown shape",
}


@dataclass(frozen=True)
class Behaviour:
    kind: str
    elementwise: bool
    # every output lies in [0, 1]: can model 0/1 labels
    in_unit_interval: bool
    # outputs grow without bound in at least one direction
    unbounded: bool
    # for normalising functions (softmax): the axis whose entries sum to 1 (0, 1 or "all")
    normalised_axis: Any = None
    # the function only works on scalars: what it raised on an array, and where
    array_error: Outcome | None = None
    alpha: float | None = None

    @property
    def description(self) -> str:
        name = KIND_NAMES.get(self.kind, self.kind)
        if self.kind == "leaky_relu" and self.alpha is not None:
            return f"leaky ReLU, slope {self.alpha:g} below 0"
        return name

    @property
    def is_activation(self) -> bool:
        """Shaped like a known activation (rather than a derivative, a loss or a helper)."""
        return self.kind in {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "softmax"}


def elementwise_values(function: Callable, points: np.ndarray) -> tuple[np.ndarray | None, Outcome | None]:
    """f applied to each point: on the whole array if it works, else one scalar at a time.

    Returns (values, array_error) where array_error is the outcome of the array call when only
    the scalar route worked.
    """
    outcome = call(function, points.copy())
    if outcome.ok:
        values = _as_float_array(outcome.value)
        if values is not None and values.shape == points.shape:
            return values, None
        if values is not None and values.size == 1:  # a constant: broadcast it
            return np.full(points.shape, float(values.ravel()[0])), None
        return None, None
    if not is_array_truth_error(outcome.error):
        return None, None
    scalars = []
    for point in points.ravel():
        single = call(function, float(point))
        value = _as_float_array(single.value) if single.ok else None
        if value is None or value.size != 1:
            return None, None
        scalars.append(float(value.ravel()[0]))
    return np.array(scalars).reshape(points.shape), outcome


def classify(function: Callable) -> Behaviour | None:
    grid = PROBE.reshape(3, 6)
    values, array_error = elementwise_values(function, grid)
    if values is None:
        outcome = call(function, grid.copy())
        if outcome.ok:
            return _classify_normalising(_as_float_array(outcome.value), grid)
        return None
    if array_error is None and not _is_elementwise(function, grid, values):
        return _classify_normalising(values, grid)
    return _classify_elementwise(values.ravel(), PROBE, array_error)


def _is_elementwise(function: Callable, grid: np.ndarray, values: np.ndarray) -> bool:
    for shape in ((1, grid.size), (grid.size, 1)):
        outcome = call(function, grid.reshape(shape).copy())
        other = _as_float_array(outcome.value) if outcome.ok else None
        if other is None or other.size != values.size:
            return False
        if not np.allclose(other.ravel(), values.ravel(), rtol=1e-9, atol=1e-12, equal_nan=True):
            return False
    # A normalisation over every entry (`e / e.sum()`) survives any reshape, but one row alone
    # gives other values: an elementwise function does not look at the other entries.
    outcome = call(function, grid[:1].copy())
    other = _as_float_array(outcome.value) if outcome.ok else None
    if other is None or other.size != grid[:1].size:
        return False
    return bool(np.allclose(other.ravel(), values[:1].ravel(), rtol=1e-9, atol=1e-12, equal_nan=True))


def _classify_normalising(values: np.ndarray | None, grid: np.ndarray) -> Behaviour | None:
    if values is None or values.shape != grid.shape or not np.all(np.isfinite(values)):
        return None
    if np.any(values < -1e-12) or np.any(values > 1 + 1e-12):
        return None
    for axis in (1, 0):
        if np.allclose(values.sum(axis=axis), 1.0, atol=1e-6):
            return Behaviour("softmax", elementwise=False, in_unit_interval=True, unbounded=False,
                             normalised_axis=axis)
    if np.isclose(values.sum(), 1.0, atol=1e-6):
        return Behaviour("softmax", elementwise=False, in_unit_interval=True, unbounded=False,
                         normalised_axis="all")
    return None


def _classify_elementwise(v: np.ndarray, x: np.ndarray, array_error: Outcome | None) -> Behaviour:
    finite = np.isfinite(v)
    in_unit = bool(np.all(finite) and np.all(v >= -1e-9) and np.all(v <= 1 + 1e-9))
    biggest = np.max(np.abs(v[finite])) if finite.any() else np.inf
    unbounded = bool(not np.all(finite) or biggest > 10)

    def behaviour(kind: str, alpha: float | None = None) -> Behaviour:
        return Behaviour(kind, elementwise=True, in_unit_interval=in_unit, unbounded=unbounded,
                         array_error=array_error, alpha=alpha)

    if not np.all(finite):
        return behaviour("unbounded")
    pos, neg = x > 0, x < 0
    close = lambda a, b: bool(np.allclose(a, b, rtol=1e-6, atol=1e-9))  # noqa: E731
    if close(v[pos], x[pos]):
        if close(v[neg], x[neg]):
            return behaviour("identity")
        if close(v[neg], 0.0):
            return behaviour("relu")
        ratios = v[neg] / x[neg]
        if np.allclose(ratios, ratios[0], rtol=1e-6) and 0 < ratios[0] < 1:
            return behaviour("leaky_relu", alpha=float(ratios[0]))
        scale = v[neg] / np.expm1(x[neg])
        if np.allclose(scale, scale[0], rtol=1e-6) and scale[0] > 0:
            return behaviour("elu", alpha=float(scale[0]))
    increasing = bool(np.all(np.diff(v) >= -1e-12))
    # Smooth squashing functions still move near 0 and in their tails; a clip to [0, 1] or
    # [-1, 1] does not, and is no activation.
    middle = {float(p): float(q) for p, q in zip(x, v)}
    moving = middle[-3.0] < middle[-1.0] < middle[-0.3] < middle[0.3] < middle[1.0] < middle[3.0]
    if increasing and moving and in_unit and v[0] < 0.01 and v[-1] > 0.99:
        return behaviour("sigmoid")
    if increasing and moving and np.all(np.abs(v) <= 1 + 1e-9) and v[0] < -0.99 and v[-1] > 0.99:
        return behaviour("tanh")
    if increasing and np.all(v > 0) and v[0] < 0.01 and abs(v[-1] - x[-1]) < 1.0:
        return behaviour("softplus")
    if unbounded:
        return behaviour("unbounded")
    if in_unit:
        return behaviour("bounded")
    return behaviour("other")


@dataclass(frozen=True)
class DerivativeForms:
    """Whether g is f's derivative written in input form (g(z) = f'(z)) or output form
    (g(f(z)) = f'(z), as `s * (1 - s)`). For ReLU-family activations both hold."""

    input_form: bool
    output_form: bool

    @property
    def matches(self) -> bool:
        return self.input_form or self.output_form


def derivative_forms(forward: Callable, derivative: Callable) -> DerivativeForms | None:
    """None when either function cannot be evaluated elementwise on the points."""
    x = DERIVATIVE_POINTS
    fx, _ = elementwise_values(forward, x)
    above, _ = elementwise_values(forward, x + STEP)
    below, _ = elementwise_values(forward, x - STEP)
    if fx is None or above is None or below is None:
        return None
    slope = (above - below) / (2 * STEP)
    at_input, _ = elementwise_values(derivative, x)
    at_output, _ = elementwise_values(derivative, fx)
    if at_input is None or at_output is None:
        return None
    if not (np.all(np.isfinite(slope)) and np.all(np.isfinite(fx))):
        return None
    return DerivativeForms(
        input_form=_close(at_input, slope),
        output_form=_close(at_output, slope),
    )


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(a)) and np.allclose(a, b, rtol=1e-3, atol=1e-4))


def _as_float_array(value: Any) -> np.ndarray | None:
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array
