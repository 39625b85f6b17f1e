"""The progress line: on a terminal only, only after two seconds, erased before the report."""
from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from nncheck.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_on_a_stream_that_is_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress.on_terminal(3, stream)
    progress.start -= 60  # a long run
    for _ in range(3):
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_nothing_during_the_first_two_seconds() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(10, stream, clock=clock)
    clock.now += 1.9
    progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_a_long_run_shows_one_line_and_erases_it() -> None:
    stream, clock = Terminal(), Clock()
    progress = Progress(10, stream, clock=clock)
    clock.now += 2.5
    progress.advance(4)
    clock.now += 0.05
    progress.advance(5)  # too soon to redraw
    clock.now += 0.5
    progress.advance(6)
    written = stream.getvalue()
    assert written.count("\r") == 2 and "\n" not in written
    assert "checked 4/10 files" in written and "checked 6/10 files" in written
    assert "5/10" not in written
    progress.close()
    erased = stream.getvalue()[len(written):]
    assert erased.strip() == "" and erased.startswith("\r") and erased.endswith("\r")


def test_a_run_in_a_pipe_prints_no_progress(tmp_path: Path) -> None:
    for number in range(3):
        (tmp_path / f"f{number}.py").write_text("x = 1\n")
    completed = subprocess.run([sys.executable, "-m", "nncheck", "."], cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and completed.stderr == ""


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs a pseudo-terminal")
def test_a_real_terminal_is_recognised() -> None:
    main, other = pty.openpty()
    with os.fdopen(other, "w") as terminal:
        assert Progress.on_terminal(1, terminal).stream is terminal
    os.close(main)


def test_the_run_reports_each_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import nncheck.progress
    import nncheck.runner as runner

    for number in range(10):  # enough for the worker processes
        (tmp_path / f"f{number}.py").write_text("x = 1\n")
    monkeypatch.chdir(tmp_path)
    stream = Terminal()
    monkeypatch.setattr(nncheck.progress.Progress, "on_terminal",
                        classmethod(lambda cls, total: cls(total, stream, delay=0.0)))
    monkeypatch.setattr(nncheck.progress, "INTERVAL", 0.0)
    report = runner.run(runner.Options(paths=(".",), progress=True))
    assert not report.errors and len(report.files) == 10
    shown = stream.getvalue()
    assert shown.startswith("\rnncheck: checked 0/10 files")
    counts = [int(part.split("/")[0]) for part in shown.split("checked ")[1:]]
    assert counts == sorted(counts) and counts[-1] >= 5
    assert shown.endswith("\r")
