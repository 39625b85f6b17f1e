"""`--plot FILE.png`: both runs' loss curves on one chart (matplotlib, the optional extra
`nncheck[plot]`). matplotlib is imported only here, and only when a plot is asked for."""
from __future__ import annotations

import math
import pathlib
from typing import Sequence

from nncheck.probe.network import History
from nncheck.probe.render import percent


def plotting_available() -> str | None:
    """None when matplotlib can be imported, else why not (one line)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as problem:
        return f"{type(problem).__name__}: {problem}"
    return None


def _label(name: str, history: History) -> str:
    if history.crashed:
        return f"{name} (raised {history.error.split(':')[0]})"
    if history.task == "regression":
        return f"{name} (R² {history.r2:.3f})" if history.r2 is not None else name
    if history.diverged:
        return f"{name} (diverged at epoch {history.diverged_at})"
    return f"{name} (accuracy {percent(history.accuracy)})"


def save_plot(runs: Sequence[tuple[str, History]], path: pathlib.Path) -> None:
    """Save the loss per epoch of each run, labelled with its accuracy (or R²), to `path`.
    Raises OSError when the file cannot be written."""
    import matplotlib

    matplotlib.use("Agg", force=True)  # files only: never open a window
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4), dpi=100)
    try:
        positive = True
        for name, history in runs:
            losses = [v for v in history.losses]
            if not history.crashed and not history.diverged:
                losses.append(history.final_loss)
            finite = [v for v in losses if math.isfinite(v)]
            positive = positive and bool(finite) and min(finite) > 0
            axes.plot(range(len(losses)), losses, label=_label(name, history), linewidth=1.5)
        if positive:
            axes.set_yscale("log")
        axes.set_xlabel("epoch")
        axes.set_ylabel("loss")
        axes.set_title("nncheck --demo: the same network as written and fixed")
        axes.legend()
        axes.grid(True, alpha=0.3)
        figure.tight_layout()
        figure.savefig(str(path))
    finally:
        plt.close(figure)
