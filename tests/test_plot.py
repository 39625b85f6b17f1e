"""The demo's picture: two panels, each run labelled with its own architecture and loss, a
title and a sentence that say when the fix changes either, and a file checked before training."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli
from nncheck.probe.plot import PlotRun, caption, cannot_write, differences, save_plot, title

WRITTEN = PlotRun("as written", "3 inputs → 1 leaky ReLU output", "½·Σ(y − out)²", (1.0, 0.7, 0.7), (0.5, 0.5, 0.5),
                  outcome="accuracy 50%")
FIXED = PlotRun("fixed", "3 inputs → 4 leaky ReLU → 1 sigmoid output", "binary cross-entropy", (0.7, 0.2, 0.01),
                (0.5, 1.0, 1.0), outcome="accuracy 100%")


def test_title_and_caption_say_what_the_fix_changes() -> None:
    assert differences([WRITTEN, FIXED]) == ["architecture", "loss"]
    assert title([WRITTEN, FIXED]) == "As written and fixed: the fix gives a different architecture and a different loss"
    text = caption([WRITTEN, FIXED])
    assert "as written: 3 inputs → 1 leaky ReLU output; fixed: 3 inputs → 4 leaky ReLU → 1 sigmoid output" in text
    assert "as written: ½·Σ(y − out)²; fixed: binary cross-entropy" in text
    assert "compare their accuracy" in text
    same = PlotRun("fixed", WRITTEN.architecture, WRITTEN.loss, (1.0, 0.5), (0.5, 0.75))
    assert differences([WRITTEN, same]) == []
    assert title([WRITTEN, same]) == "The same network, as written and fixed"
    assert caption([WRITTEN, same]) == "Both runs train the same network on the same loss (½·Σ(y − out)²)."
    only_loss = PlotRun("fixed", WRITTEN.architecture, "binary cross-entropy", (1.0,), (0.5,))
    assert title([WRITTEN, only_loss]).endswith("the fix gives a different loss")


def test_two_panels_with_each_runs_label(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt

    seen = {}
    close = plt.close

    def keep(figure):
        seen["figure"] = figure
        close(figure)

    monkeypatch.setattr(plt, "close", keep)
    target = tmp_path / "runs.png"
    note = save_plot([WRITTEN, FIXED], target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert note == caption([WRITTEN, FIXED])
    figure = seen["figure"]
    loss, score = figure.axes
    assert (loss.get_title(), score.get_title()) == ("loss per epoch", "accuracy per epoch")
    assert figure._suptitle.get_text() == title([WRITTEN, FIXED])
    labels = [text.get_text() for legend in figure.legends for text in legend.get_texts()]
    assert labels == [
        "as written: 3 inputs → 1 leaky ReLU output; loss ½·Σ(y − out)² (accuracy 50%)",
        "fixed: 3 inputs → 4 leaky ReLU → 1 sigmoid output; loss binary cross-entropy (accuracy 100%)",
    ]
    assert [list(line.get_ydata()) for line in score.get_lines()] == [[0.5, 0.5, 0.5], [0.5, 1.0, 1.0]]


def test_the_file_is_checked_before_training(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    assert cannot_write(tmp_path / "ok.png") is None and not (tmp_path / "ok.png").exists()
    assert cannot_write(tmp_path / "missing" / "x.png") == "No such file or directory"
    assert "cannot write .xyz files" in cannot_write(tmp_path / "x.xyz")
    assert cannot_write(tmp_path) == "it is a folder" or "extension" in cannot_write(tmp_path)
    result = CliRunner().invoke(cli, ["--demo", "--plot", str(tmp_path / "missing" / "x.png")])
    assert result.exit_code == 2
    assert f"cannot write the plot {tmp_path / 'missing' / 'x.png'}: No such file or directory" in result.output
    assert "epochs" not in result.output  # nothing was trained
