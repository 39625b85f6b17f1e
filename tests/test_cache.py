"""The results cache (nncheck.cache): reused only for the same bytes, settings and checker."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nncheck.cache as cache_module
from nncheck.budget import Limits
from nncheck.runner import Options, run

ROOT = Path(__file__).resolve().parent.parent
QUESTION = ROOT / "fixtures" / "question.py"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(cache_module.ENVIRONMENT_SWITCH, raising=False)
    shutil.copy(QUESTION, tmp_path / "net.py")
    return tmp_path


def check(*paths: str, **options):
    report = run(Options(paths=paths or ("net.py",), **options))
    return report, [(f.display, d.code, d.start, d.message) for f, d in report.diagnostics()]


def cached(report) -> list[bool]:
    return [file.cached for file in sorted(report.files, key=lambda file: file.display)]


def test_second_run_reads_the_cache_and_finds_the_same(project: Path) -> None:
    first, found = check()
    assert found and cached(first) == [False]
    assert (project / ".nncheck_cache" / "CACHEDIR.TAG").is_file()
    assert (project / ".nncheck_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    second, again = check()
    assert cached(second) == [True]
    assert again == found
    assert second.files[0].result.source == (project / "net.py").read_text()


def test_a_changed_file_is_checked_again(project: Path) -> None:
    _, found = check()
    text = (project / "net.py").read_text()
    (project / "net.py").write_text(text.replace("def ", "\n\ndef ", 1))
    report, moved = check()
    assert cached(report) == [False]
    assert [code for _, code, _, _ in moved] == [code for _, code, _, _ in found]
    assert [start.line for _, _, start, _ in moved] != [start.line for _, _, start, _ in found]


@pytest.mark.parametrize(
    "changed",
    [
        {"select": ("NN101",)},
        {"ignore": ("NN302",)},
        {"limits": Limits(seconds=7.0)},
    ],
    ids=["select", "ignore", "limits"],
)
def test_other_settings_are_checked_again(project: Path, changed: dict) -> None:
    check()
    report, found = check(**changed)
    assert cached(report) == [False]
    assert cached(check(**changed)[0]) == [True]
    assert check(**changed)[1] == found


def test_per_file_ignores_and_config_are_part_of_the_key(project: Path) -> None:
    check()
    (project / "pyproject.toml").write_text('[tool.nncheck.per-file-ignores]\n"net.py" = ["NN302"]\n')
    report, found = check()
    assert cached(report) == [False]
    assert "NN302" not in {code for _, code, _, _ in found}


def test_another_checker_does_not_read_this_ones_results(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check()
    monkeypatch.setattr(cache_module, "checker_fingerprint", lambda: b"an edited nncheck")
    assert cached(check()[0]) == [False]


def test_the_same_bytes_under_another_name_are_checked_again(project: Path) -> None:
    check()
    shutil.copy(project / "net.py", project / "other.py")
    report, found = check("net.py", "other.py")
    assert cached(report) == [True, False]
    assert {display for display, _, _, _ in found} == {"net.py", "other.py"}


def test_no_cache_flag_environment_and_config_turn_it_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check(cache=False)
    assert not (project / ".nncheck_cache").exists()
    (project / "pyproject.toml").write_text("[tool.nncheck]\ncache = false\n")
    check()
    assert not (project / ".nncheck_cache").exists()
    (project / "pyproject.toml").write_text("[tool.nncheck]\ncache = true\n")
    monkeypatch.setenv(cache_module.ENVIRONMENT_SWITCH, "1")
    check()
    assert not (project / ".nncheck_cache").exists()
    monkeypatch.delenv(cache_module.ENVIRONMENT_SWITCH)
    check()
    assert cached(check()[0]) == [True]


def test_a_result_with_a_budget_note_is_stored_with_its_note(project: Path) -> None:
    # A file over its budget is over it again on the next run: a warm run of a tree must not
    # check its largest files again every time. The note comes back with the result.
    tight = Limits(parse_cost=10)
    report, _ = check(limits=tight)
    assert report.notes
    again, _ = check(limits=tight)
    assert again.notes == report.notes and cached(again) == [True]
    # Another budget is another key: the file is checked again, in full.
    full, _ = check()
    assert not full.notes and cached(full) == [False]


def test_a_result_with_an_internal_error_is_not_stored() -> None:
    from nncheck.cache import cacheable
    from nncheck.diagnostics import FileResult

    result = FileResult(path="x.py")
    result.errors.append("x.py: internal error in rule NN101: boom (please report this)")
    assert not cacheable(result)


def test_a_damaged_entry_is_a_miss(project: Path) -> None:
    _, found = check()
    for entry in (project / ".nncheck_cache").glob("*/*"):
        entry.write_bytes(entry.read_bytes()[:20])
    report, again = check()
    assert cached(report) == [False] and again == found
    assert cached(check()[0]) == [True]


def test_a_read_only_cache_folder_does_not_stop_the_run(project: Path) -> None:
    (project / ".nncheck_cache").write_text("not a folder")
    report, found = check()
    assert found and not report.errors


def test_concurrent_runs_agree(project: Path) -> None:
    # Enough files for the worker processes; both runs write the same entries at once.
    for number in range(10):
        shutil.copy(QUESTION, project / f"net{number}.py")
    (project / "broken.py").write_text("def f(:\n")
    command = [sys.executable, "-m", "nncheck", "--no-respect-gitignore", "."]
    env = {key: value for key, value in os.environ.items() if key != cache_module.ENVIRONMENT_SWITCH}
    runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    outputs = [process.communicate(timeout=300) for process in runs]
    assert [process.returncode for process in runs] == [1, 1]
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == b""
    assert not list((project / ".nncheck_cache").glob("*/.tmp-*"))
    warm = subprocess.run(command, cwd=project, env=env, capture_output=True, timeout=300)
    assert (warm.stdout, warm.stderr, warm.returncode) == (*outputs[0], 1)
    fresh = subprocess.run(command + ["--no-cache"], cwd=project, env=env, capture_output=True, timeout=300)
    assert fresh.stdout == outputs[0][0]


def test_the_checker_is_known_by_its_code_not_by_its_files_times(tmp_path: Path) -> None:
    # A reinstall or a checkout that rewrites nncheck's files unchanged keeps the cache; an edit
    # does not.
    import os

    from nncheck.cache import source_digest

    module = tmp_path / "pkg" / "model.py"
    module.parent.mkdir()
    module.write_text("x = 1\n")
    before = source_digest(tmp_path / "pkg")
    os.utime(module, (1, 1))
    assert source_digest(tmp_path / "pkg") == before
    module.write_text("x = 2\n")
    assert source_digest(tmp_path / "pkg") != before
