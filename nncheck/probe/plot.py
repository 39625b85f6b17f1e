"""`--plot FILE.png`: the demo's runs as a picture (matplotlib, the optional extra
`nncheck[plot]`; imported only here, and only when a plot is asked for).

Two panels, the loss per epoch and the accuracy (R² for regression) per epoch, one line per run.
Each run is labelled with its own architecture and loss: the fixed network may have another
output layer or be trained on another loss than the one as written, and then its loss values
are not on the same scale. The title says so when that is the case, and `save_plot` returns the
same sentence for the demo's text, so the picture and the words agree.

The input is a small structure of plain values (`PlotRun`), so the demo (or anything else) can
draw runs without this module knowing how they were trained; `run_from_history` builds one from
the reference network's History.
"""
from __future__ import annotations

import math
import os
import pathlib
from dataclasses import dataclass
from typing import Sequence

from nncheck.probe.render import percent


@dataclass(frozen=True)
class PlotRun:
    """One training run, as the picture shows it."""

    name: str  # "as written", "fixed"
    architecture: str  # "3 inputs → 4 leaky ReLU → 1 sigmoid output"
    loss: str  # "binary cross-entropy"
    losses: tuple[float, ...]  # the loss at each epoch (the last one after the last update)
    scores: tuple[float, ...] = ()  # the accuracy (or R²) at each epoch
    score_name: str = "accuracy"  # or "R²"
    outcome: str = ""  # "accuracy 100%", "diverged at epoch 12", "raised ValueError"


def run_from_history(name: str, history, architecture: str, loss: str) -> PlotRun:
    """A PlotRun from nncheck.probe.network.History (losses and scores are measured before each
    update; the final values come after the last one)."""
    finished = not history.crashed and not history.diverged
    regression = history.task == "regression"
    final_score = history.r2 if regression else history.accuracy
    losses = tuple(float(v) for v in history.losses) + ((float(history.final_loss),) if finished else ())
    scores = tuple(float(v) for v in history.scores)
    if finished and final_score is not None:
        scores += (float(final_score),)
    return PlotRun(
        name=name,
        architecture=architecture,
        loss=loss,
        losses=losses,
        scores=scores,
        score_name="R²" if regression else "accuracy",
        outcome=_outcome(history),
    )


def _outcome(history) -> str:
    if history.crashed:
        return f"raised {history.error.split(':')[0]}"
    if history.diverged:
        return f"diverged at epoch {history.diverged_at}"
    if history.task == "regression":
        return f"R² {history.r2:.3f}" if history.r2 is not None else ""
    return f"accuracy {percent(history.accuracy)}"


def differences(runs: Sequence[PlotRun]) -> list[str]:
    """What differs between the runs besides the fixes' effect: 'architecture', 'loss'."""
    found = []
    if len({run.architecture for run in runs}) > 1:
        found.append("architecture")
    if len({run.loss for run in runs}) > 1:
        found.append("loss")
    return found


def title(runs: Sequence[PlotRun]) -> str:
    differ = differences(runs)
    names = " and ".join(run.name for run in runs)
    if not differ:
        return f"The same network, {names}"
    what = " and ".join(f"a different {item}" for item in differ)
    return f"{names.capitalize()}: the fix gives {what}"


def caption(runs: Sequence[PlotRun]) -> str:
    """The sentence the demo prints with the picture: what the panels compare."""
    differ = differences(runs)
    if not differ:
        return f"Both runs train the same network on the same loss ({runs[0].loss})." if runs else ""
    parts = []
    if "architecture" in differ:
        parts.append("architectures (" + "; ".join(f"{run.name}: {run.architecture}" for run in runs) + ")")
    if "loss" in differ:
        parts.append("losses (" + "; ".join(f"{run.name}: {run.loss}" for run in runs) + ")")
    sentence = "The fix changes the network: the runs have different " + " and ".join(parts) + "."
    if "loss" in differ:
        sentence += " Their loss curves measure different things; compare their accuracy."
    return sentence


def plotting_available() -> str | None:
    """None when matplotlib can be imported, else why not (one line)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as problem:
        return f"{type(problem).__name__}: {problem}"
    return None


def cannot_write(path: pathlib.Path) -> str | None:
    """Why the picture could not be saved at `path` (None when it can): checked before any
    training, so a typo in the name does not cost a whole demo run."""
    suffix = path.suffix.lower().lstrip(".")
    if not suffix:
        return "the file name has no extension (use .png, .svg or .pdf)"
    try:
        from matplotlib.backend_bases import FigureCanvasBase

        formats = FigureCanvasBase.get_supported_filetypes()
    except ImportError:
        formats = {}
    if formats and suffix not in formats:
        return f"matplotlib cannot write .{suffix} files (it writes {', '.join(sorted(formats))})"
    if path.is_dir():
        return "it is a folder"
    existed = os.path.lexists(path)
    try:
        with open(path, "ab"):
            pass
    except OSError as problem:
        return problem.strerror or str(problem)
    if not existed:
        try:
            os.unlink(path)
        except OSError:
            pass
    return None


def save_plot(runs: Sequence[PlotRun], path: pathlib.Path) -> str:
    """Save the two panels to `path`; return the caption (see the module docstring).
    Raises OSError when the file cannot be written."""
    import matplotlib

    matplotlib.use("Agg", force=True)  # files only: never open a window
    from matplotlib import pyplot as plt

    figure, (loss_axes, score_axes) = plt.subplots(1, 2, figsize=(11, 4.5), dpi=100)
    try:
        positive = True
        for run in runs:
            label = f"{run.name}: {run.architecture}; loss {run.loss}"
            if run.outcome:
                label += f" ({run.outcome})"
            finite = [v for v in run.losses if math.isfinite(v)]
            positive = positive and bool(finite) and min(finite) > 0
            loss_axes.plot(range(len(run.losses)), run.losses, label=label, linewidth=1.5)
            score_axes.plot(range(len(run.scores)), run.scores, label=run.name, linewidth=1.5)
        if positive:
            loss_axes.set_yscale("log")
        loss_axes.set_xlabel("epoch")
        loss_axes.set_ylabel("loss (each run's own)" if "loss" in differences(runs) else "loss")
        loss_axes.set_title("loss per epoch")
        score_name = runs[0].score_name if runs else "accuracy"
        score_axes.set_xlabel("epoch")
        score_axes.set_ylabel(score_name)
        score_axes.set_title(f"{score_name} per epoch")
        if score_name == "accuracy":
            score_axes.set_ylim(-0.02, 1.02)
        for axes in (loss_axes, score_axes):
            axes.grid(True, alpha=0.3)
        score_axes.legend(loc="lower right")
        figure.suptitle(title(runs))
        figure.legend(*loss_axes.get_legend_handles_labels(), loc="lower center", ncol=1, fontsize="small",
                      frameon=False)
        figure.tight_layout(rect=(0, 0.06 * max(len(runs), 1) + 0.02, 1, 0.95))
        figure.savefig(str(path))
    finally:
        plt.close(figure)
    return caption(runs)
