"""What each reproduced mistake did: measured on the reference network, never asserted."""
from __future__ import annotations

import numpy as np
import pytest
from dataclasses import replace

from nncheck.probe.effects import dead_units, mistake_lines, symptoms
from nncheck.probe.network import Bug, NetworkSpec, train

XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)


def _spec(**changes) -> NetworkSpec:
    base = dict(layers=(2, 6, 1), hidden_activation="tanh", output_activation="sigmoid",
                loss="bce", learning_rate=1.0, epochs=800, seed=0)
    base.update(changes)
    return NetworkSpec(**base)


def test_zero_init_shows_identical_hidden_units_and_its_cost():
    written = train(_spec(bugs=frozenset({Bug.SYMMETRIC_INIT})), XOR_X, XOR_Y)
    assert any("stayed identical" in s for s in symptoms(written))
    (line,) = mistake_lines(written, XOR_X, XOR_Y, lambda bug: bug.code, seconds=0.0)
    assert line.startswith("NN304: with it 50% accuracy")
    assert "without it (all else as written) 100% accuracy" in line


def test_a_correct_run_has_no_symptoms():
    history = train(_spec(), XOR_X, XOR_Y)
    assert symptoms(history) == [] and dead_units(history, XOR_X) == []
    assert mistake_lines(history, XOR_X, XOR_Y, str, seconds=0.0) == []


def test_divergence_is_dated():
    history = train(_spec(loss="mse", output_activation="identity", learning_rate=50.0),
                    XOR_X * 100, XOR_Y)
    assert history.diverged
    assert f"at epoch {history.diverged_at}" in symptoms(history)[0]
    assert not any("epoch" in s for s in symptoms(history, divergence=False))


def test_slow_runs_are_not_retrained_and_say_so():
    written = train(_spec(bugs=frozenset({Bug.SYMMETRIC_INIT})), XOR_X, XOR_Y)
    (line,) = mistake_lines(written, XOR_X, XOR_Y, lambda bug: bug.code, seconds=99.0)
    assert "not measured" in line


def test_the_scripts_own_constant_init_is_trained_as_written():
    # fixtures/xor_constant_init.py, run for real, prints predictions [0, 0.67, 0.67, 0.67].
    import pathlib

    from nncheck.probe.demo import run_demo

    lines: list[str] = []
    run_demo(pathlib.Path(__file__).parent.parent / "fixtures" / "xor_constant_init.py",
             lines.append)
    text = "\n".join(lines)
    assert "weights start at the script's own values" in text
    written = text.split("3. As written")[1].split("4. Fixed")[0]
    outputs = [float(v) for v in written.split("raw outputs [")[1].split("]")[0].split()]
    assert np.allclose(outputs, [0.0, 0.67, 0.67, 0.67], atol=0.02)
    assert "stayed identical" in written


BLOBS_X = np.random.default_rng(3).normal(size=(40, 2))
BLOBS_Y = (BLOBS_X[:, :1] + BLOBS_X[:, 1:] > 0).astype(float)


@pytest.mark.parametrize("bug", [Bug.DEAD_HIDDEN_DELTA, Bug.STALE_WEIGHTS,
                                 Bug.ACCUMULATED_GRADIENT, Bug.UNPAIRED_SHUFFLE,
                                 Bug.FUSED_TIMES_DERIVATIVE])
def test_each_new_toggle_changes_training(bug):
    spec = _spec(layers=(2, 4, 1), epochs=200, learning_rate=0.5)
    layer_bugs = (frozenset(), frozenset({bug})) if bug is Bug.FUSED_TIMES_DERIVATIVE else ()
    bugs = frozenset() if layer_bugs else frozenset({bug})
    clean = train(spec, BLOBS_X, BLOBS_Y)
    buggy = train(replace(spec, bugs=bugs, layer_bugs=layer_bugs), BLOBS_X, BLOBS_Y)
    assert not buggy.crashed
    assert buggy.final_loss != pytest.approx(clean.final_loss, rel=1e-6)


def test_unstable_softmax_overflows_where_the_shifted_one_does_not():
    X = np.array([[900.0, 0.0], [0.0, 900.0]])
    y = np.eye(2)
    spec = NetworkSpec(layers=(2, 2), output_activation="softmax", loss="cce", epochs=3)
    assert not train(spec, X, y).diverged
    assert train(replace(spec, layer_bugs=(frozenset({Bug.UNSTABLE_SOFTMAX}),)), X, y).diverged


def test_a_log_loss_of_a_tanh_output_is_nan_while_training_goes_on():
    spec = _spec(output_activation="tanh", loss="mse", epochs=300,
                 layer_bugs=(frozenset(), frozenset({Bug.LOG_LOSS_OF_UNBOUNDED})))
    history = train(spec, XOR_X, XOR_Y)
    clean = train(replace(spec, layer_bugs=()), XOR_X, XOR_Y)
    assert history.log_nan_at is not None and not history.diverged
    assert history.final_loss == clean.final_loss  # the training is the same
    assert any("NaN from epoch" in s for s in symptoms(history))
    (line,) = mistake_lines(history, XOR_X, XOR_Y, lambda bug: bug.code, seconds=0.0)
    assert line.startswith("NN404: the loss it prints is NaN from epoch")
