"""The backward model (nncheck/model/backward.py): which activation and delta belong to each
layer, the sign an error reaches an update with, and how a delta is built."""
from __future__ import annotations

import textwrap

from nncheck.model import NetworkModel
from nncheck.model.backward import backward_of
from nncheck.model.parse import parse
from nncheck.model.values import code


def model_of(source: str) -> NetworkModel:
    text = textwrap.dedent(source)
    return NetworkModel.build(parse(text), path="net.py", source=text)


TWO_LAYERS = """
    import numpy as np
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))
    X = np.random.rand(16, 2)
    y = np.random.rand(16, 1)
    W1 = np.random.randn(2, 4)
    W2 = np.random.randn(4, 1)
    for epoch in range(10):
        hid = np.tanh(X @ W1)
        out = sigmoid(hid @ W2)
        d_out = out - y
        d_hid = d_out @ W2.T
        W2 -= 0.1 * hid.T @ d_out
        W1 -= 0.1 * X.T @ d_hid
"""


def test_each_layer_is_paired_with_its_activation_and_delta() -> None:
    backward = backward_of(model_of(TWO_LAYERS))
    found = {
        code(pair.layer.weight): (pair.activation.behaviour.kind, [code(g.delta) for g in pair.gradients])
        for pair in backward.pairs
    }
    assert found == {"W1": ("tanh", ["d_hid"]), "W2": ("sigmoid", ["d_out"])}


def test_a_delta_that_is_only_a_propagated_error_is_pure() -> None:
    backward = backward_of(model_of(TWO_LAYERS))
    by_weight = {code(pair.layer.weight): pair for pair in backward.pairs}
    hidden = by_weight["W1"].gradients[0]
    pure = backward.pure(hidden.delta, hidden.scope)
    assert pure is not None and [code(w) for w in pure.weights] == ["W2.T"]
    with_slope = backward_of(model_of(TWO_LAYERS.replace("d_out @ W2.T", "d_out @ W2.T * (1 - hid ** 2)")))
    pair = next(p for p in with_slope.pairs if code(p.layer.weight) == "W1")
    assert with_slope.pure(pair.gradients[0].delta, pair.gradients[0].scope) is None


def test_an_in_place_mask_makes_a_delta_impure() -> None:
    source = TWO_LAYERS.replace("        W2 -= 0.1", "        d_hid[hid < 0] = 0\n        W2 -= 0.1")
    backward = backward_of(model_of(source))
    pair = next(p for p in backward.pairs if code(p.layer.weight) == "W1")
    assert backward.pure(pair.gradients[0].delta, pair.gradients[0].scope) is None


def test_the_sign_follows_the_error_through_helpers_negations_and_momentum() -> None:
    model = model_of("""
        import numpy as np
        X = np.random.rand(16, 2)
        y = np.random.rand(16, 1)
        W = np.random.randn(2, 1)
        V = np.random.randn(2, 1)
        velocity = np.zeros_like(V)
        def grad(inputs, predicted, target):
            return inputs.T @ (predicted - target)
        for epoch in range(10):
            out = np.tanh(X @ W)
            W -= 0.1 * grad(X, out, y)
            other = np.tanh(X @ V)
            velocity = 0.9 * velocity - 0.1 * X.T @ -(y - other)
            V += velocity
    """)
    backward = backward_of(model)
    signs = {code(u.target): backward.polarity(u.rhs, u.scope) for u in model.updates}
    # W: the gradient (prediction - target), subtracted; V: the velocity holds minus the gradient
    assert signs == {"W": frozenset({-1}), "V": frozenset({1})}


def test_a_read_after_an_in_place_call_is_found_in_order() -> None:
    model = model_of("""
        import numpy as np
        def f(a):
            return a
        h = np.ones(3)
        before = h + 1
        f(h)
        after = h * 2
    """)
    backward = backward_of(model)
    call = next(c for c, _ in model.builder.calls if code(c) == "f(h)")
    read = backward.read_after(("global", "h"), call, model.scope_of(call))
    assert read is not None and model.line(read) == 8
