"""Checking many files in worker processes gives exactly what checking them one by one gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck import runner
from nncheck.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _json_report(monkeypatch, min_files: int) -> list[dict]:
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", min_files)
    result = CliRunner().invoke(cli, ["--format", "json", "--isolated", str(FIXTURES)])
    assert result.exit_code == 1, result.output
    return json.loads(result.output)


def test_parallel_and_sequential_reports_are_identical(monkeypatch):
    sequential = _json_report(monkeypatch, 10**9)
    parallel = _json_report(monkeypatch, 2)
    assert len(sequential) > 20
    assert parallel == sequential


def test_a_broken_pool_falls_back_to_checking_here(monkeypatch, tmp_path):
    for index in range(10):
        (tmp_path / f"net_{index}.py").write_text("def f(:\n    pass\n", encoding="utf-8")

    class NoProcesses:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes here")

    monkeypatch.setattr(runner.concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    result = CliRunner().invoke(cli, ["--isolated", "--select", "NN900", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("NN900") == 10


@pytest.mark.parametrize("count, parallel", [(3, False), (40, True)])
def test_only_enough_files_are_worth_the_workers(monkeypatch, count, parallel):
    used = []
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 2)

    class Recording:
        def __init__(self, *args, **kwargs):
            used.append(True)
            raise OSError("recorded")

    monkeypatch.setattr(runner.concurrent.futures, "ProcessPoolExecutor", Recording)
    sources = [object()] * count
    monkeypatch.setattr(runner, "_check_file", lambda source, resolver: "checked")
    assert runner._check_files(sources, resolver=None) == ["checked"] * count
    assert bool(used) is parallel
