"""Discover: which files a run checks, and their text.

Paths given on the command line are expanded here: a file is checked as given, a folder is walked
(skipping the usual tool and environment folders and the config's `exclude` patterns), and every
problem with the input itself (a missing path, a folder with nothing to check, a file that cannot
be read or is not UTF-8) becomes one clear line instead of a traceback. The rest of the run goes on.

Only `.py` files are checked for now. Notebooks (`.ipynb`) will join through `SOURCE_SUFFIXES` and
`read_source`, which is the one place that turns a file into the text the engine checks.
"""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Sequence

# The suffixes found when walking a folder. Notebooks are not supported yet.
SOURCE_SUFFIXES: tuple[str, ...] = (".py",)
NOTEBOOK_SUFFIXES: tuple[str, ...] = (".ipynb",)

# Folders that never hold the user's own code: version control, virtual environments, caches,
# build output. Matched against a folder's name while walking (as Ruff's default `exclude`).
DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
    "*.egg-info",
)

STDIN = "-"


class SourceError(Exception):
    """The input itself is unusable (missing, unreadable, not UTF-8): one line, no traceback."""


@dataclass(frozen=True)
class SourceFile:
    """A file to check: its absolute path and the path to show the user."""

    path: Path
    display: str


@dataclass
class Discovery:
    files: list[SourceFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# Decides whether a path is excluded by the configuration that applies to it. The default
# excludes are applied by `discover` itself.
ExcludeCheck = Callable[[Path], bool]


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Paths under the working folder are shown relative to it (as Ruff and flake8 do)."""
    cwd = cwd or Path.cwd()
    try:
        return path.relative_to(cwd).as_posix() or "."
    except ValueError:
        return str(path)


def absolute(path: str | os.PathLike[str], cwd: Path | None = None) -> Path:
    """An absolute, normalised path, without resolving symlinks (the user's names are kept)."""
    return Path(os.path.normpath(os.path.join(cwd or Path.cwd(), os.fspath(path))))


def is_default_excluded(path: Path) -> bool:
    return any(fnmatch_name(path.name, pattern) for pattern in DEFAULT_EXCLUDES)


def discover(
    paths: Sequence[str],
    *,
    is_excluded: ExcludeCheck = lambda path: False,
    force_exclude: bool = False,
    excluded_root: Callable[[Path], Path] | None = None,
    cwd: Path | None = None,
) -> Discovery:
    """Expand command-line paths into the files to check.

    An explicit file is checked even if an exclude pattern matches it, unless `force_exclude`
    is set (then it and its parent folders, up to `excluded_root(file)`, are tested first), which
    is what pre-commit needs since it passes every staged file by name.
    """
    cwd = cwd or Path.cwd()
    found = Discovery()
    seen: set[Path] = set()

    def add(path: Path) -> None:
        if path not in seen:
            seen.add(path)
            found.files.append(SourceFile(path, display_path(path, cwd)))

    for given in paths:
        path = absolute(given, cwd)
        if not os.path.lexists(path):
            found.errors.append(f"{given}: no such file or directory")
            continue
        if force_exclude and _excluded_with_parents(path, is_excluded, excluded_root, cwd):
            continue
        if path.is_dir():
            files = sorted(_walk(path, is_excluded))
            if not files:
                found.errors.append(f"{given}: no Python files found")
            for file in files:
                add(file)
        elif path.suffix in NOTEBOOK_SUFFIXES:
            found.errors.append(
                f"{given}: Jupyter notebooks are not supported yet; nncheck checks .py files"
            )
        else:
            # A file named explicitly is Python whatever its suffix (scripts without one, as
            # pre-commit's `types: [python]` passes them).
            add(path)
    return found


def _walk(folder: Path, is_excluded: ExcludeCheck) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        base = Path(root)
        # Prune in place so that os.walk never enters an excluded folder; sort for a stable order.
        dirs[:] = sorted(
            name
            for name in dirs
            if not is_default_excluded(base / name) and not is_excluded(base / name)
        )
        for name in sorted(files):
            file = base / name
            if file.suffix in SOURCE_SUFFIXES and not is_excluded(file):
                yield file


def _excluded_with_parents(
    path: Path,
    is_excluded: ExcludeCheck,
    excluded_root: Callable[[Path], Path] | None,
    cwd: Path,
) -> bool:
    root = excluded_root(path) if excluded_root else cwd
    candidate = path
    while True:
        if is_default_excluded(candidate) or is_excluded(candidate):
            return True
        parent = candidate.parent
        # Never test the project folder itself or anything above it: a project may well live
        # in a folder called `build`.
        if parent == candidate or parent == root or not parent.is_relative_to(root):
            return False
        candidate = parent


# -- reading ---------------------------------------------------------------------------------


def read_source(path: Path, display: str | None = None) -> str:
    """The text of one file, as the engine checks it. Raises SourceError with one clear line."""
    display = display or str(path)
    if path.suffix in NOTEBOOK_SUFFIXES:
        raise SourceError(f"{display}: Jupyter notebooks are not supported yet")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(f"{display}: no such file or directory") from None
    except PermissionError:
        raise SourceError(f"{display}: permission denied") from None
    except IsADirectoryError:
        raise SourceError(f"{display}: is a directory") from None
    except OSError as error:
        raise SourceError(f"{display}: cannot read: {error.strerror or error}") from None
    return decode_source(data, display)


def decode_source(data: bytes, display: str = "<stdin>") -> str:
    """UTF-8 text, with a leading byte order mark removed (columns must not count it).

    Like Ruff, nncheck reads UTF-8 only, even if the file declares another coding: a clear error
    is better than a guess.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(
            f"{display}: not valid UTF-8 (byte 0x{data[error.start]:02x} at position "
            f"{error.start}, line {line}); nncheck reads UTF-8 source"
        ) from None
    if data.startswith(codecs.BOM_UTF8):
        text = text[1:]
    return text


# -- glob patterns ---------------------------------------------------------------------------


def fnmatch_name(name: str, pattern: str) -> bool:
    return bool(_compile(pattern).fullmatch(name))


def path_matches(pattern: str, path: Path, root: Path) -> bool:
    """Does a config glob match this path? As Ruff does for `exclude` and `per-file-ignores`:
    the pattern is tried against the file's name, its path relative to the config's folder, and
    its absolute path. `*` stays within one folder, `**` crosses folders, `{a,b}` is either."""
    regex = _compile(pattern.rstrip("/") if pattern not in ("/",) else pattern)
    if regex.fullmatch(path.name):
        return True
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = None
    if relative is not None and regex.fullmatch(relative):
        return True
    return bool(regex.fullmatch(path.as_posix()))


@lru_cache(maxsize=512)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(glob_to_regex(pattern))


def glob_to_regex(pattern: str) -> str:
    """Translate a glob into a regular expression (full match, `/` separated paths)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_brace = 0
    while i < n:
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("/**", i) and i + 3 == n:
            out.append("(?:/.*)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = pattern.find("]", i + 2 if pattern.startswith("[!", i) or pattern.startswith("[]", i) else i + 1)
            if end == -1:
                out.append(re.escape(char))
                i += 1
                continue
            body = pattern[i + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        elif char == "{":
            out.append("(?:")
            in_brace += 1
            i += 1
        elif char == "}" and in_brace:
            out.append(")")
            in_brace -= 1
            i += 1
        elif char == "," and in_brace:
            out.append("|")
            i += 1
        else:
            out.append(re.escape(char))
            i += 1
    out.append(")" * in_brace)
    return "".join(out)
