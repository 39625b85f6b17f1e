"""Patterns as git reads them (exclude, per-file-ignores) and walks that skip what git ignores."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli
from nncheck.discover import discover
from nncheck.patterns import PatternError, check_pattern, matches_any, path_matches

GIT = shutil.which("git")


def write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def shown(found) -> list[str]:
    return [file.display for file in found.files]


@pytest.mark.parametrize(
    ("pattern", "name", "matches"),
    [
        # The two valid patterns the hand-written matcher crashed on.
        ("[!]a].py", "b.py", True),
        ("[!]a].py", "a.py", False),
        ("[!]a].py", "].py", False),
        ("[z-a].py", "z.py", True),  # a reversed range matches its first character, as in git
        ("[z-a].py", "b.py", False),
        ("[z-ab].py", "b.py", True),
        ("[!z-a].py", "q.py", True),
        ("[!z-a].py", "z.py", False),
        ("[]]x", "]x", True),
        ("foo[", "foo[", False),  # an unclosed set matches nothing in git
        ("\\#notes.py", "#notes.py", True),
    ],
)
def test_git_patterns(tmp_path: Path, pattern: str, name: str, matches: bool) -> None:
    assert path_matches(pattern, tmp_path / name, tmp_path, is_dir=False) is matches


@pytest.mark.skipif(GIT is None, reason="git is not installed")
@pytest.mark.parametrize("pattern", ["[!]a].py", "[z-a].py", "[z-ab].py", "*.py", "a/**/b.py", "x?.py", "[]]x"])
def test_patterns_match_what_git_itself_ignores(tmp_path: Path, pattern: str) -> None:
    names = ["a.py", "b.py", "].py", "z.py", "xy.py", "]x", "a/c/b.py", "a/b.py"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name in names:
        write(tmp_path / name)
    (tmp_path / ".gitignore").write_text(pattern + "\n", encoding="utf-8")
    done = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=tmp_path, capture_output=True, text=True
    )
    ignored_by_git = set(done.stdout.split())
    ours = {name for name in names if matches_any((pattern,), tmp_path / name, tmp_path, is_dir=False)}
    assert ours == ignored_by_git


@pytest.mark.parametrize("pattern", ["foo\\", "", "   "])
def test_patterns_git_rejects_are_errors(pattern: str) -> None:
    with pytest.raises(PatternError):
        check_pattern(pattern)


def test_a_malformed_pattern_in_the_config_is_a_config_error_naming_it(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "net.py")
    (tmp_path / "pyproject.toml").write_text('[tool.nncheck]\nexclude = ["ok/", "bad\\\\"]\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["net.py"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"nncheck: error: {tmp_path / 'pyproject.toml'}: exclude in [tool.nncheck]: invalid pattern 'bad\\\\'")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nncheck.per-file-ignores]\n"[z-a].py" = ["NN1"]\n"x\\\\" = ["NN1"]\n', encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["net.py"])
    assert result.exit_code == 2 and "invalid pattern 'x\\\\'" in result.stderr


def test_exclude_negation_and_per_file_negation(tmp_path: Path) -> None:
    assert matches_any(("legacy/", "!legacy/keep.py"), write(tmp_path / "legacy" / "old.py"), tmp_path)
    assert not matches_any(("legacy/*.py", "!legacy/keep.py"), write(tmp_path / "legacy" / "keep.py"), tmp_path)
    # In per-file-ignores, `!pattern` means every file that does not match (as in Ruff).
    assert path_matches("!tests/**", write(tmp_path / "src" / "a.py"), tmp_path)
    assert not path_matches("!tests/**", write(tmp_path / "tests" / "a.py"), tmp_path)


# -- .gitignore ------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    # A global excludes file at git's default place, under a home of our own.
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    from nncheck.patterns import global_excludes_file

    global_excludes_file.cache_clear()
    root = tmp_path / "repo"
    (root / ".git" / "info").mkdir(parents=True)
    for name in ["net.py", "build_out/gen.py", "scratch/a.py", "scratch/keep.py", "pkg/local.py",
                 "pkg/deep/x.py", "private.py", "cache.py"]:
        write(root / name)
    write(root / "notes.ipynb", '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    (root / ".gitignore").write_text("build_out/\nscratch/*\n!scratch/keep.py\n", encoding="utf-8")
    (root / "pkg" / ".gitignore").write_text("local.py\ndeep/\n", encoding="utf-8")
    (root / ".git" / "info" / "exclude").write_text("private.py\n", encoding="utf-8")
    write(home / ".config" / "git" / "ignore", "cache.py\n")
    monkeypatch.chdir(root)
    yield root
    global_excludes_file.cache_clear()


def test_walks_skip_what_git_ignores(repo: Path) -> None:
    assert shown(discover(["."], cwd=repo)) == ["net.py", "notes.ipynb", "scratch/keep.py"]


def test_no_respect_gitignore(repo: Path) -> None:
    found = shown(discover(["."], cwd=repo, respect_gitignore=False))
    assert "private.py" in found and "pkg/deep/x.py" in found and "cache.py" in found


def test_a_file_named_explicitly_is_checked_even_if_ignored(repo: Path) -> None:
    assert shown(discover(["private.py", "build_out/gen.py"], cwd=repo)) == ["private.py", "build_out/gen.py"]


def test_outside_a_git_working_tree_gitignore_files_do_not_apply(tmp_path: Path) -> None:
    write(tmp_path / "a.py")
    write(tmp_path / "b.py")
    (tmp_path / ".gitignore").write_text("b.py\n", encoding="utf-8")
    assert shown(discover(["."], cwd=tmp_path)) == ["a.py", "b.py"]


def test_respect_gitignore_flag_and_config(repo: Path) -> None:
    runner = CliRunner()
    listed = lambda *args: runner.invoke(cli, ["--select", "NN900", "--statistics", "-q", *args])  # noqa: E731
    write(repo / "private.py", "def broken(:\n")
    assert listed(".").exit_code == 0
    assert listed("--no-respect-gitignore", ".").exit_code == 1
    (repo / "pyproject.toml").write_text("[tool.nncheck]\nrespect-gitignore = false\n", encoding="utf-8")
    assert listed(".").exit_code == 1
    assert listed("--respect-gitignore", ".").exit_code == 0
    (repo / "pyproject.toml").write_text('[tool.nncheck]\nrespect-gitignore = "no"\n', encoding="utf-8")
    bad = listed(".")
    assert bad.exit_code == 2 and "respect-gitignore in [tool.nncheck] must be true or false" in bad.stderr
