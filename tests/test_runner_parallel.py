"""Checking files in supervised worker processes gives exactly what checking them one by one
gives; and a file that takes its worker past the hard limits, or crashes it, costs only itself."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck import runner, workers
from nncheck.budget import Limits
from nncheck.cli import cli
from nncheck.runner import Options, exit_code, run

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

needs_fork = pytest.mark.skipif(not workers.fork_available(), reason="worker processes need fork")


def _json_report(monkeypatch, folder: Path, min_files: int) -> list[dict]:
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", min_files)
    result = CliRunner().invoke(cli, ["--format", "json", "--isolated", str(folder)])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def test_parallel_sequential_and_in_process_reports_are_identical(monkeypatch, tmp_path):
    for path in sorted(FIXTURES.glob("*.py"))[::4]:  # a quarter of them, to keep this quick
        (tmp_path / path.name).write_bytes(path.read_bytes())
    sequential = _json_report(monkeypatch, tmp_path, 10**9)
    parallel = _json_report(monkeypatch, tmp_path, 2)
    monkeypatch.setattr(workers, "fork_available", lambda: False)
    in_process = _json_report(monkeypatch, tmp_path, 2)
    assert len(sequential) > 10
    assert parallel == sequential == in_process


def test_no_processes_falls_back_to_checking_here(monkeypatch, tmp_path):
    for index in range(10):
        (tmp_path / f"net_{index}.py").write_text("def f(:\n    pass\n", encoding="utf-8")

    def no_processes(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(workers, "supervised_map", no_processes)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    result = CliRunner().invoke(cli, ["--isolated", "--select", "NN900", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("NN900") == 10


@pytest.mark.parametrize("count, expected", [(3, 1), (40, 2)])
def test_only_enough_files_are_worth_several_workers(monkeypatch, count, expected):
    used = []
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(workers, "fork_available", lambda: True)

    def recording(function, items, *, workers, **limits):
        used.append(workers)
        return ["checked"] * len(items)

    monkeypatch.setattr(workers, "supervised_map", recording)
    monkeypatch.setattr(runner, "_rules_for", lambda source, resolver: ())
    assert runner._check_files([object()] * count, resolver=None) == ["checked"] * count
    assert used == [expected]


# -- the hard backstop -------------------------------------------------------------------------


def _project(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).write_text("import numpy as np\nx = np.zeros(3)\n", encoding="utf-8")


def _run(tmp_path: Path, monkeypatch, limits: Limits):
    monkeypatch.chdir(tmp_path)
    start = time.monotonic()
    report = run(Options(paths=(".",), isolated=True, limits=limits))
    return report, time.monotonic() - start


@needs_fork
def test_a_check_that_ignores_its_budget_is_stopped_by_the_hard_limit(tmp_path, monkeypatch):
    _project(tmp_path, ["a.py", "hang.py", "z.py"])
    real = runner.check_text

    def check_text(text, path, rules, **kwargs):
        if path == "hang.py":
            time.sleep(120)  # native code: the budget's in-process guard cannot interrupt it
        return real(text, path, rules, **kwargs)

    monkeypatch.setattr(runner, "check_text", check_text)
    report, seconds = _run(tmp_path, monkeypatch, Limits(seconds=0.5, hard_seconds=2.0))
    assert seconds < 20
    assert report.notes == [
        "hang.py: skipped every check: checking it went past the hard limit of 2 s, so it was "
        "stopped (please report this file)"
    ]
    assert sorted(file.display for file in report.files) == ["a.py", "hang.py", "z.py"]
    assert not report.errors and exit_code(report) == 0


@needs_fork
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads workers' memory in /proc")
def test_a_check_that_holds_too_much_memory_is_stopped(tmp_path, monkeypatch):
    _project(tmp_path, ["big.py", "ok.py"])
    real = runner.check_text

    def check_text(text, path, rules, **kwargs):
        if path == "big.py":
            held = b"x" * (600 * 2**20)  # touched, so resident
            time.sleep(120)
            del held
        return real(text, path, rules, **kwargs)

    monkeypatch.setattr(runner, "check_text", check_text)
    report, seconds = _run(tmp_path, monkeypatch, Limits(memory=100 * 2**20, hard_seconds=60))
    assert seconds < 30
    assert len(report.notes) == 1 and report.notes[0].startswith(
        "big.py: skipped every check: checking it went past the hard limit of "
    ) and "MiB of memory" in report.notes[0]


@needs_fork
def test_a_worker_that_crashes_costs_only_its_file(tmp_path, monkeypatch):
    _project(tmp_path, ["a.py", "crash.py", "z.py"])
    real = runner.check_text

    def check_text(text, path, rules, **kwargs):
        if path == "crash.py":
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(text, path, rules, **kwargs)

    monkeypatch.setattr(runner, "check_text", check_text)
    report, _ = _run(tmp_path, monkeypatch, Limits())
    assert report.errors == [
        "crash.py: internal error: the process checking it was ended by SIGSEGV (please report this)"
    ]
    assert sorted(file.display for file in report.files) == ["a.py", "z.py"]
    assert exit_code(report) == 2
