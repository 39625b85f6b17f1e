"""What the right derivative looks like for each kind of activation, in the user's names."""
from __future__ import annotations

from nncheck.model.network import Application, DerivativeUse
from nncheck.model.values import code, key_name


def output_name(forward: Application) -> str | None:
    return key_name(forward.target) if forward.target is not None else None


def right_derivative(use: DerivativeUse) -> str:
    """The derivative that matches the forward activation, at the point this use passes."""
    forward = use.forward
    kind = forward.behaviour.kind
    point = code(use.argument)
    z = code(forward.argument)
    a = output_name(forward)
    if kind == "sigmoid":
        return f"`{a} * (1 - {a})` at the output" if a else f"`s * (1 - s)` with s = {forward.name}({z})"
    if kind == "tanh":
        return f"`1 - {a} ** 2` at the output" if a else f"`1 - np.tanh({z}) ** 2`"
    if kind == "relu":
        return f"`({point} > 0)`"
    if kind == "leaky_relu":
        alpha = forward.behaviour.alpha or 0.01
        return f"`np.where({point} > 0, 1, {alpha:g})`"
    if kind == "identity":
        return "1 (no factor)"
    if kind == "elu":
        return f"`np.where({z} > 0, 1, {a} + alpha)`" if a else "`np.where(z > 0, 1, alpha * np.exp(z))`"
    if kind == "softplus":
        return f"the sigmoid of the pre-activation '{z}'"
    return "the derivative of the forward activation"
