"""discover.py: which files a run checks, glob patterns, and reading source text."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from nncheck.discover import (
    SourceError,
    decode_source,
    discover,
    path_matches,
    read_source,
)


def write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def shown(found) -> list[str]:
    return [file.display for file in found.files]


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in [
        "train.py",
        "notes.txt",
        "pkg/model.py",
        "pkg/deep/layer.py",
        "pkg/__pycache__/model.cpython-311.py",
        ".git/hooks/pre-commit.py",
        ".venv/lib/site.py",
        "venv/lib/site.py",
        "build/lib/train.py",
        "dist/x.py",
        ".tox/py/x.py",
        "node_modules/x.py",
        "nncheck.egg-info/x.py",
        "notebook.ipynb",
    ]:
        write(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walks_folders_and_skips_the_usual_ones(tree: Path) -> None:
    found = discover(["."], cwd=tree)
    assert shown(found) == ["notebook.ipynb", "pkg/deep/layer.py", "pkg/model.py", "train.py"]
    assert found.errors == []


def test_paths_are_shown_relative_to_the_working_folder(tree: Path) -> None:
    found = discover([str(tree / "pkg")], cwd=tree)
    assert shown(found) == ["pkg/deep/layer.py", "pkg/model.py"]
    assert all(file.path.is_absolute() for file in found.files)
    outside = discover([str(tree / "pkg")], cwd=tree / "pkg" / "deep")
    assert shown(outside) == ["layer.py", str(tree / "pkg" / "model.py")]


def test_explicit_file_is_checked_even_in_an_excluded_folder(tree: Path) -> None:
    found = discover(["build/lib/train.py", "train.py"], cwd=tree)
    assert shown(found) == ["build/lib/train.py", "train.py"]


def test_force_exclude_applies_excludes_to_explicit_files_and_their_folders(tree: Path) -> None:
    is_excluded = lambda path: path.name == "train.py" and path.parent == tree  # noqa: E731
    found = discover(
        ["build/lib/train.py", "train.py", "pkg/model.py"],
        is_excluded=is_excluded,
        force_exclude=True,
        cwd=tree,
    )
    assert shown(found) == ["pkg/model.py"]
    assert found.errors == []


def test_config_exclude_prunes_folders_and_files(tree: Path) -> None:
    found = discover(["."], is_excluded=lambda path: path.name in ("deep", "train.py", "notebook.ipynb"), cwd=tree)
    assert shown(found) == ["pkg/model.py"]


def test_a_file_given_twice_is_checked_once(tree: Path) -> None:
    found = discover(["train.py", "./train.py", str(tree / "train.py"), "."], cwd=tree)
    assert shown(found).count("train.py") == 1


def test_explicit_file_without_py_suffix_is_checked(tree: Path) -> None:
    write(tree / "script")
    assert shown(discover(["script"], cwd=tree)) == ["script"]


def test_missing_path_and_empty_folder_are_errors_and_the_rest_is_found(tree: Path) -> None:
    (tree / "empty").mkdir()
    write(tree / "docs" / "readme.md")
    found = discover(["missing.py", "empty", "docs", "train.py"], cwd=tree)
    assert shown(found) == ["train.py"]
    assert found.errors == [
        "missing.py: no such file or directory",
        "empty: no Python files found",
        "docs: no Python files found",
    ]


def test_notebooks_are_checked_when_named_and_found_in_walks(tree: Path) -> None:
    found = discover(["notebook.ipynb"], cwd=tree)
    assert shown(found) == ["notebook.ipynb"]
    assert found.errors == []
    assert "notebook.ipynb" in shown(discover(["."], cwd=tree))


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinked_folder_loops_do_not_hang(tree: Path) -> None:
    os.symlink(tree / "pkg", tree / "pkg" / "deep" / "loop")
    found = discover(["pkg"], cwd=tree)
    assert shown(found) == ["pkg/deep/layer.py", "pkg/model.py"]


# -- reading ---------------------------------------------------------------------------------


def test_read_source_strips_a_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbfx = 1\n")
    assert read_source(path) == "x = 1\n"


def test_non_utf8_file_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.py"
    path.write_bytes(b"# comment\nname = 'Jos\xe9'\n")
    with pytest.raises(SourceError) as raised:
        read_source(path, "data/latin.py")
    assert str(raised.value) == (
        "data/latin.py: not valid UTF-8 (byte 0xe9 at position 21, line 2) "
        "and no coding line declares another encoding"
    )


def test_decode_source_keeps_crlf_and_reports_stdin(tmp_path: Path) -> None:
    assert decode_source(b"x = 1\r\n") == "x = 1\r\n"
    with pytest.raises(SourceError, match=r"^<stdin>: not valid UTF-8 \(byte 0xff at position 0"):
        decode_source(b"\xff")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="gone.py: no such file or directory"):
        read_source(tmp_path / "gone.py", "gone.py")
    (tmp_path / "dir.py").mkdir()
    with pytest.raises(SourceError, match="dir.py: is a directory"):
        read_source(tmp_path / "dir.py", "dir.py")


def test_permission_denied_without_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can read anything, so simulate the refusal the operating system gives everyone else.
    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SourceError) as raised:
        read_source(tmp_path / "secret.py", "secret.py")
    assert str(raised.value) == "secret.py: permission denied"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read every file")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.py")
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match="secret.py: permission denied"):
            read_source(path, "secret.py")
    finally:
        path.chmod(0o644)


# -- patterns (git's, through pathspec; more in test_patterns.py) ------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.py", "train.py", True),
        ("*.py", "pkg/train.py", True),  # no slash: by name at any depth, as in .gitignore
        ("/*.py", "pkg/train.py", False),  # a leading slash anchors it
        ("**/*.py", "a/b/train.py", True),
        ("tests/**", "tests/a/b.py", True),
        ("tests/*", "tests/a/b.py", True),  # tests/a is matched, so is everything in it
        ("tests/*", "tests/b.py", True),
        ("src/tests/*", "tests/b.py", False),
        ("data_?.py", "data_1.py", True),
        ("data_[!0-9].py", "data_1.py", False),
        ("data_[0-9].py", "data_1.py", True),
        ("a+b.py", "a+b.py", True),
        ("{a,b}.py", "a.py", False),  # git has no braces: a literal name
    ],
)
def test_patterns_behave_as_in_git(tmp_path: Path, pattern: str, path: str, matches: bool) -> None:
    assert path_matches(pattern, tmp_path / path, tmp_path, is_dir=False) is matches


def test_path_matches_name_relative_and_absolute(tmp_path: Path) -> None:
    file = write(tmp_path / "pkg" / "legacy" / "old.py")
    assert path_matches("old.py", file, tmp_path)  # by name, anywhere
    assert path_matches("legacy", file.parent, tmp_path)  # a folder by name
    assert path_matches("pkg/legacy/*.py", file, tmp_path)  # relative to the config's folder
    assert not path_matches("legacy/*.py", file, tmp_path)
    assert path_matches(str(tmp_path / "pkg" / "**"), file, tmp_path)  # absolute
    assert path_matches("pkg/legacy/", file.parent, tmp_path)  # a trailing slash: folders only
    assert not path_matches("old.py/", file, tmp_path)


def test_force_exclude_never_tests_the_project_folder_itself(tmp_path: Path) -> None:
    project = tmp_path / "build"  # a name the default excludes skip when walking
    write(project / "net.py")
    write(project / "dist" / "old.py")
    found = discover(["net.py", "dist/old.py"], force_exclude=True, cwd=project)
    assert shown(found) == ["net.py"]
    assert shown(discover(["."], cwd=project)) == ["net.py"]
