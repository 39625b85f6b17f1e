"""What each reproduced mistake did to a run, measured rather than asserted.

Two kinds of evidence, both computed from trained networks:

* symptoms of the run itself: the epoch the loss stopped being finite, hidden units that stayed
  identical, ReLU units that never fire, an output that is the same for every sample, outputs
  that are not probabilities, softmax rows that do not sum to one;
* for each toggle, the same run with only that toggle switched off (everything else still as
  written, same seed, data and epochs): the difference is what that one mistake did. When the
  two runs end the same, the line says so; it never claims an effect it did not measure.
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from nncheck.probe.network import Bug, History, NetworkSpec, train
from nncheck.probe.render import number, percent

# Ablation retrains once per toggle; beyond this many seconds for the as-written run it is
# skipped (and said), so the demo stays quick on big scripts.
ABLATION_BUDGET = 0.6
MAX_ABLATIONS = 4


def symptoms(history: History, divergence: bool = True) -> list[str]:
    """Observations about one run, each a short clause (divergence and crashes only when
    asked: the demo's results already say those)."""
    found: list[str] = []
    if history.crashed and not divergence:
        return found
    if history.crashed:
        found.append(f"training stopped after {history.epochs_run} epochs: {history.error}")
        return found
    if history.diverged and divergence:
        value = history.losses[-1] if history.losses else float("nan")
        word = "NaN" if np.isnan(value) else "infinite"
        found.append(f"the loss became {word} at epoch {history.diverged_at}")
    if history.log_nan_at is not None:
        found.append(f"the log loss the script computes is NaN from epoch {history.log_nan_at} "
                     "(the log of an output outside (0, 1)), while training goes on")
    spec = history.spec
    params = history.params
    for i, layer in enumerate(params[:-1]):
        W = layer.W
        if W.ndim == 2 and W.shape[1] > 1 and np.isfinite(W).all():
            if np.allclose(W, W[:, :1], rtol=1e-9, atol=1e-12):
                found.append(f"the {W.shape[1]} units of hidden layer {i + 1} stayed identical "
                             "(equal weights after training)")
    outputs = history.predictions
    if outputs is not None and np.isfinite(outputs).all() and len(outputs) > 1:
        if np.ptp(outputs, axis=0).max() < 1e-9:
            found.append("the output is the same for every sample")
        if spec.output_activation == "softmax" and outputs.shape[1] > 1:
            sums = outputs.sum(axis=1)
            if not np.allclose(sums, 1.0, atol=1e-6):
                found.append(f"its softmax rows sum to {sums.min():.3g}..{sums.max():.3g}, "
                             "not 1")
    return found


def dead_units(history: History, X: np.ndarray) -> list[str]:
    """ReLU hidden units that output 0 for every sample at the end of training."""
    spec = history.spec
    if spec.hidden_activation != "relu" or not history.params or history.crashed:
        return []
    from nncheck.probe.network import forward

    with np.errstate(all="ignore"):
        cache = forward(spec, history.params, X)
    found = []
    for i, a in enumerate(cache.a[1:-1]):
        dead = int(np.count_nonzero(np.all(a <= 0, axis=0)))
        if dead:
            found.append(f"{dead} of the {a.shape[1]} ReLU units of hidden layer {i + 1} output "
                         "0 for every sample")
    return found


def short(history: History) -> str:
    if history.crashed:
        return "crashes"
    if history.diverged:
        return f"the loss becomes non-finite at epoch {history.diverged_at}"
    if history.task == "regression":
        return f"R² {number(history.r2)}, final loss {number(history.final_loss)}"
    return f"{percent(history.accuracy)} accuracy, final loss {number(history.final_loss)}"


def _same(a: History, b: History) -> bool:
    if a.crashed != b.crashed or a.diverged_at != b.diverged_at:
        return False
    if a.crashed or a.diverged:
        return True
    if not (np.isfinite(a.final_loss) and np.isfinite(b.final_loss)):
        return a.final_loss == b.final_loss or (np.isnan(a.final_loss) and np.isnan(b.final_loss))
    close = abs(a.final_loss - b.final_loss) <= 0.02 * max(abs(a.final_loss), abs(b.final_loss),
                                                          1e-12)
    if a.task == "regression":
        return close and abs((a.r2 or 0) - (b.r2 or 0)) < 0.01
    return close and a.accuracy == b.accuracy


def mistake_lines(written: History, X: np.ndarray, y: np.ndarray, describe, seconds: float
                  ) -> list[str]:
    """One line per toggle of the as-written run: what switching it off changes.

    describe(bug) gives the mistake's words (with its finding code)."""
    spec = written.spec
    bugs = sorted(spec.all_bugs, key=lambda b: (b.code, b.name))
    lines: list[str] = []
    if not bugs:
        return lines
    if seconds > ABLATION_BUDGET or len(bugs) > MAX_ABLATIONS:
        for bug in bugs:
            lines.append(f"{describe(bug)}: in this run; its effect alone was not measured "
                         f"(the demo retrains without one mistake only when a run takes under "
                         f"{ABLATION_BUDGET:g} s and there are at most {MAX_ABLATIONS})")
        return lines
    for bug in bugs:
        if bug is Bug.LOG_LOSS_OF_UNBOUNDED:
            # It changes what the script prints, not how it trains.
            lines.append(f"{describe(bug)}: " + (
                f"the loss it prints is NaN from epoch {written.log_nan_at}; the training "
                "itself does not use it" if written.log_nan_at is not None else
                "its log loss stayed finite in this run"))
            continue
        without = _without(spec, bug)
        if without is None:
            continue
        try:
            other = train(without, X, y)
        except ValueError:
            continue
        if other.crashed and not written.crashed:
            lines.append(f"{describe(bug)}: its effect alone cannot be measured: the other "
                         f"mistakes need it (without it the run raises {other.error})")
        elif _same(written, other):
            lines.append(f"{describe(bug)}: no visible effect on this data and run (without it "
                         f"too: {short(other)})")
        else:
            lines.append(f"{describe(bug)}: with it {short(written)}; without it (all else as "
                         f"written) {short(other)}")
    return lines


def _without(spec: NetworkSpec, bug: Bug) -> NetworkSpec | None:
    # Toggles that only make sense together (the wrong derivative and where it is evaluated)
    # are switched off together.
    from nncheck.probe.network import DERIVATIVE_BUGS

    group = {bug}
    if bug in DERIVATIVE_BUGS and bug is not Bug.MISSING_ACTIVATION_DERIVATIVE:
        group = set(DERIVATIVE_BUGS) - {Bug.MISSING_ACTIVATION_DERIVATIVE}
    if bug is Bug.UNBOUNDED_OUTPUT_BINARY_LABELS:
        return None  # the toggle only labels the spec; the output activation is the mistake
    try:
        without = replace(spec, bugs=spec.bugs - group,
                          layer_bugs=tuple(b - group for b in spec.layer_bugs))
        return without.drawn_where_constant() if bug is Bug.SYMMETRIC_INIT else without
    except ValueError:
        return None


def timed_train(spec: NetworkSpec, X: np.ndarray, y: np.ndarray) -> tuple[History, float]:
    start = time.perf_counter()
    history = train(spec, X, y)
    return history, time.perf_counter() - start


__all__ = ["dead_units", "mistake_lines", "short", "symptoms", "timed_train"]
