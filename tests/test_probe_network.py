"""The reference network: analytic gradients against centred differences, determinism, learning,
and the as-written toggles doing what they say."""
from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from nncheck.probe.network import (
    ACTIVATION_ITSELF,
    ACTIVATIONS,
    LOSSES,
    Bug,
    NetworkSpec,
    backward,
    forward,
    init_params,
    loss_value,
    train,
)

SMOOTH = {"identity", "tanh", "sigmoid", "softmax"}
KINKED = {"relu", "leaky_relu"}
HIDDEN = ["identity", "relu", "leaky_relu", "tanh", "sigmoid"]
# Output activation and loss pairs that make sense (softmax + mse exercises the Jacobian path).
OUTPUTS = [
    ("identity", "mse"),
    ("relu", "mse"),
    ("leaky_relu", "mse"),
    ("tanh", "mse"),
    ("sigmoid", "mse"),
    ("sigmoid", "bce"),
    ("softmax", "cce"),
    ("softmax", "mse"),
]
H = 1e-6
KINK_MARGIN = 1e-3  # no pre-activation this close to 0, so differences never straddle a kink


def _data(spec: NetworkSpec, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n_in, n_out = spec.layers[0], spec.layers[-1]
    X = rng.standard_normal((6, n_in))
    if spec.loss == "cce" or spec.output_activation == "softmax":
        y = np.eye(n_out)[rng.integers(0, n_out, 6)]
    elif spec.loss == "bce":
        y = rng.integers(0, 2, (6, n_out)).astype(float)
    else:
        y = rng.standard_normal((6, n_out))
    return X, y


def _away_from_kinks(spec: NetworkSpec):
    """The first seed whose data and parameters keep every pre-activation away from 0."""
    for seed in range(200):
        spec_s = replace(spec, seed=seed)
        X, y = _data(spec_s, seed)
        params = init_params(spec_s)
        for layer in params:  # non-zero biases, so the bias gradients are tested too
            layer.b += 0.1 * np.arange(1, layer.b.size + 1).reshape(layer.b.shape)
        cache = forward(spec_s, params, X)
        if all(np.min(np.abs(z)) > KINK_MARGIN for z in cache.z):
            return spec_s, params, X, y
    raise AssertionError("no seed keeps the pre-activations away from the kinks")


def _rel_error(a: np.ndarray, b: np.ndarray) -> float:
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


def _numerical(spec, params, X, y, array: np.ndarray) -> np.ndarray:
    grad = np.zeros_like(array)
    for idx in np.ndindex(array.shape):
        old = array[idx]
        array[idx] = old + H
        up = loss_value(spec, forward(spec, params, X).output, y)
        array[idx] = old - H
        down = loss_value(spec, forward(spec, params, X).output, y)
        array[idx] = old
        grad[idx] = (up - down) / (2 * H)
    return grad


def _check(spec: NetworkSpec) -> float:
    spec, params, X, y = _away_from_kinks(spec)
    analytic = backward(spec, params, forward(spec, params, X), y)
    worst = 0.0
    for layer, (dW, db) in zip(params, analytic):
        assert dW.shape == layer.W.shape and db.shape == layer.b.shape
        worst = max(worst, _rel_error(dW, _numerical(spec, params, X, y, layer.W)))
        worst = max(worst, _rel_error(db, _numerical(spec, params, X, y, layer.b)))
    return worst


def _tolerance(spec: NetworkSpec) -> float:
    used = {spec.hidden_activation, spec.output_activation}
    return 1e-4 if used & KINKED else 1e-7


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("output,loss", OUTPUTS)
def test_gradients_match_centred_differences(hidden, output, loss):
    n_out = 3 if output == "softmax" else 2
    spec = NetworkSpec((4, 5, n_out), hidden_activation=hidden, output_activation=output, loss=loss)
    assert _check(spec) < _tolerance(spec)


@pytest.mark.parametrize("output,loss", OUTPUTS)
def test_gradients_without_hidden_layer_and_sum_reduction(output, loss):
    n_out = 3 if output == "softmax" else 1
    spec = NetworkSpec((3, n_out), output_activation=output, loss=loss, reduction="sum")
    assert _check(spec) < _tolerance(spec)


def test_gradients_of_a_deeper_network():
    spec = NetworkSpec((3, 4, 4, 2), hidden_activation="tanh", output_activation="sigmoid",
                       loss="bce")
    assert _check(spec) < 1e-7


@pytest.mark.parametrize(
    "bugs",
    [
        {Bug.BIAS_INSIDE_PRODUCT},
        {Bug.BIAS_INSIDE_PRODUCT, Bug.BIAS_SHAPED_LIKE_WEIGHTS},
    ],
)
def test_forward_toggles_keep_exact_gradients_of_the_as_written_function(bugs):
    # Forward-pass mistakes change the function, not the calculus: backward stays its gradient.
    spec = NetworkSpec((3, 4, 2), hidden_activation="tanh", output_activation="sigmoid",
                       loss="bce", bugs=frozenset(bugs))
    assert _check(spec) < 1e-7


def test_every_activation_has_a_correct_derivative_in_both_forms():
    z = np.linspace(-3, 3, 13) + 0.05  # avoids 0 exactly
    for act in ACTIVATIONS.values():
        if not act.elementwise:
            continue
        numeric = (act.forward(z + H, 0.01) - act.forward(z - H, 0.01)) / (2 * H)
        np.testing.assert_allclose(act.derivative(z, 0.01), numeric, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(act.output_form(act.forward(z, 0.01), 0.01), numeric,
                                   rtol=1e-6, atol=1e-8)


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "leaky_relu"])
def test_xor_with_a_hidden_layer_reaches_100_percent(hidden):
    # 8 hidden units: with 4, some seeds settle in XOR's well-known local minima.
    spec = NetworkSpec((2, 8, 1), hidden_activation=hidden, output_activation="sigmoid",
                       loss="bce", learning_rate=1.0, epochs=3000, seed=0)
    history = train(spec, XOR_X, XOR_Y)
    assert history.task == "binary"
    assert history.accuracy == 1.0
    assert history.final_loss < history.losses[0]
    assert list(history.labels_predicted.ravel()) == [0, 1, 1, 0]


def test_xor_without_a_hidden_layer_cannot_reach_100_percent():
    spec = NetworkSpec((2, 1), output_activation="sigmoid", loss="bce", epochs=2000)
    assert train(spec, XOR_X, XOR_Y).accuracy < 1.0


def test_multiclass_and_regression_metrics():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((30, 2))
    labels = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0).astype(int)
    Y = np.eye(3)[labels]
    spec = NetworkSpec((2, 8, 3), hidden_activation="tanh", output_activation="softmax",
                       loss="cce", learning_rate=0.5, epochs=1500, seed=0)
    h = train(spec, X, Y)
    assert h.task == "multiclass" and h.accuracy > 0.9 and h.r2 is None
    y = X @ np.array([[1.5], [-2.0]]) + 0.5
    reg = NetworkSpec((2, 1), output_activation="identity", loss="mse", learning_rate=0.1,
                      epochs=500)
    h = train(reg, X, y)
    assert h.task == "regression" and h.accuracy is None and h.r2 > 0.999


def test_same_seed_same_history_other_seed_other_history():
    spec = NetworkSpec((2, 4, 1), hidden_activation="tanh", epochs=200, seed=7)
    a, b = train(spec, XOR_X, XOR_Y), train(spec, XOR_X, XOR_Y)
    assert a.losses == b.losses
    np.testing.assert_array_equal(a.predictions, b.predictions)
    c = train(replace(spec, seed=8), XOR_X, XOR_Y)
    assert c.losses != a.losses


def test_divergence_is_reported_not_raised():
    X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = np.array([[1.0], [2.0], [3.0]])
    spec = NetworkSpec((2, 1), output_activation="identity", loss="mse", learning_rate=10.0,
                       epochs=1000, reduction="sum")
    h = train(spec, X, y)
    assert h.diverged and not h.crashed
    assert not np.isfinite(h.losses[-1]) and h.epochs_run < 1000


def test_log_loss_on_an_unbounded_output_goes_nan_not_clipped():
    spec = NetworkSpec((2, 1), output_activation="identity", loss="bce", epochs=50, seed=0,
                       learning_rate=0.5)
    h = train(spec, XOR_X, XOR_Y)
    assert h.diverged


def test_array_truth_value_raises_as_the_script_does_and_is_recorded():
    spec = NetworkSpec((2, 1), output_activation="leaky_relu", loss="mse",
                       bugs={Bug.ARRAY_TRUTH_VALUE})
    h = train(spec, XOR_X, XOR_Y)
    assert h.crashed and h.error.startswith("ValueError: The truth value of an array")
    assert h.epochs_run == 0


def test_bias_shaped_like_weights_after_the_product_fails_to_broadcast():
    spec = NetworkSpec((2, 3, 1), hidden_activation="tanh", bugs={Bug.BIAS_SHAPED_LIKE_WEIGHTS})
    h = train(spec, XOR_X, XOR_Y)
    assert h.crashed and "broadcast" in h.error


def test_bias_gradient_like_weights_fails_for_a_row_bias():
    spec = NetworkSpec((2, 3, 1), hidden_activation="tanh",
                       bugs={Bug.BIAS_GRADIENT_LIKE_WEIGHTS})
    h = train(spec, XOR_X, XOR_Y)
    assert h.crashed and "broadcast" in h.error


def test_gradient_sign_climbs_the_loss():
    spec = NetworkSpec((2, 4, 1), hidden_activation="tanh", epochs=200, seed=0)
    good = train(spec, XOR_X, XOR_Y)
    bad = train(replace(spec, bugs=frozenset({Bug.GRADIENT_SIGN})),
                XOR_X, XOR_Y)
    assert good.final_loss < good.losses[0]
    assert bad.final_loss > bad.losses[0]


def test_symmetric_init_keeps_hidden_units_identical():
    spec = NetworkSpec((2, 4, 1), hidden_activation="tanh", epochs=300, seed=0,
                       bugs={Bug.SYMMETRIC_INIT})
    h = train(spec, XOR_X, XOR_Y)
    W1 = h.params[0].W
    assert np.allclose(W1, W1[:, :1])
    assert h.accuracy < 1.0


@pytest.mark.parametrize(
    "bug",
    [
        Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION,
        Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION,
        Bug.DERIVATIVE_MISMATCH,
        Bug.MISSING_ACTIVATION_DERIVATIVE,
        Bug.BIAS_GRADIENT_SUMMED_OVER_ALL,
    ],
)
def test_backward_toggles_change_the_update_direction(bug):
    spec = NetworkSpec((2, 3, 1), hidden_activation="tanh", output_activation="sigmoid",
                       loss="mse", seed=1)
    params = init_params(spec)
    for layer in params:
        layer.b += 0.3
    cache = forward(spec, params, XOR_X)
    right = backward(spec, params, cache, XOR_Y)
    buggy_spec = replace(spec, bugs=frozenset({bug}))
    wrong = backward(buggy_spec, params, forward(buggy_spec, params, XOR_X), XOR_Y)
    assert any(not np.allclose(np.broadcast_to(w, r.shape), r)
               for rw, ww in zip(right, wrong) for r, w in zip(rw, ww))


def test_leaky_relu_derivative_point_does_not_matter():
    # For leaky ReLU the input and output forms coincide (NN201 stays silent on them).
    spec = NetworkSpec((3, 1), output_activation="leaky_relu", loss="mse", seed=2)
    params = init_params(spec)
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0, 1, 0, 1]], dtype=float).T
    right = backward(spec, params, forward(spec, params, X), y)
    moved = replace(spec, bugs=frozenset({Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION}))
    wrong = backward(moved, params, forward(moved, params, X), y)
    for (a, b), (c, d) in zip(right, wrong):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


def test_every_toggle_names_a_finding_code():
    for bug in Bug:
        assert bug.code.startswith("NN") and len(bug.code) == 5 and bug.summary


def test_inconsistent_specs_are_refused():
    with pytest.raises(ValueError):
        NetworkSpec((3, 1), output_activation="sigmoid", loss="mse",
                    bugs={Bug.UNBOUNDED_OUTPUT_BINARY_LABELS})
    with pytest.raises(ValueError):
        NetworkSpec((3, 1), output_activation="swish")
    with pytest.raises(ValueError):
        NetworkSpec((3,))


def test_all_pairs_listed_are_known():
    for (output, loss), hidden in itertools.product(OUTPUTS, HIDDEN):
        assert output in ACTIVATIONS and hidden in ACTIVATIONS
        assert loss in {"mse", "bce", "cce"}


@pytest.mark.parametrize("loss", ["mse", "bce", "cce"])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_loss_gradients_match_centred_differences(loss, reduction):
    # The unfused path (used when the output layer carries a derivative toggle) on its own.
    rng = np.random.default_rng(0)
    p = rng.uniform(0.1, 0.9, (5, 3))
    if loss == "cce":
        p /= p.sum(axis=1, keepdims=True)
    y = np.eye(3)[rng.integers(0, 3, 5)] if loss != "mse" else rng.standard_normal((5, 3))
    spec = NetworkSpec((2, 3), output_activation="identity", loss=loss, reduction=reduction)
    scale = 1 / 5 if reduction == "mean" else 1.0
    numeric = np.zeros_like(p)
    for idx in np.ndindex(p.shape):
        up, down = p.copy(), p.copy()
        up[idx] += H
        down[idx] -= H
        numeric[idx] = (loss_value(spec, up, y) - loss_value(spec, down, y)) / (2 * H)
    assert _rel_error(LOSSES[loss][1](p, y) * scale, numeric) < 1e-7


def test_derivative_mismatch_variants():
    # The question's cousin: forward changed to leaky ReLU, derivative still x * (1 - x).
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0, 1, 0, 1]], dtype=float).T
    base = NetworkSpec((3, 4, 1), hidden_activation="leaky_relu", output_activation="sigmoid",
                       loss="bce", epochs=300, seed=1)
    params = init_params(base)
    cache = forward(base, params, X)
    right = backward(base, params, cache, y)
    for wrong_derivative in ("sigmoid_output_form", "tanh", ACTIVATION_ITSELF):
        spec = replace(base, layer_bugs=(frozenset({Bug.DERIVATIVE_MISMATCH}),),
                       wrong_derivative=wrong_derivative)
        wrong = backward(spec, params, forward(spec, params, X), y)
        # Only the hidden layer's toggle is on: the output layer's gradient is unchanged.
        np.testing.assert_array_equal(wrong[1][0], right[1][0])
        assert not np.allclose(wrong[0][0], right[0][0]), wrong_derivative
        assert train(spec, X, y).epochs_run > 0
    with pytest.raises(ValueError):
        replace(base, wrong_derivative="swish_output_form")


def test_layer_bugs_apply_to_their_layer_only():
    spec = NetworkSpec((3, 4, 1), layer_bugs=(frozenset(), frozenset({Bug.BIAS_INSIDE_PRODUCT})))
    assert spec.bugs_at(0) == frozenset() and spec.bugs_at(1) == {Bug.BIAS_INSIDE_PRODUCT}
    assert spec.codes == ("NN302",)
    assert spec.corrected().all_bugs == frozenset()
