"""What each reproduced mistake did: measured on the reference network, never asserted."""
from __future__ import annotations

import numpy as np

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
