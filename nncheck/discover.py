"""Discover: which files a run checks, and their text.

Paths given on the command line are expanded here: a file is checked as given, a folder is walked
(skipping the usual tool and environment folders, what git ignores, and the config's `exclude`
patterns), and every problem with the input itself (a missing path, a folder with nothing to
check, a file that cannot be read or decoded, or is not a valid notebook) becomes one clear line
instead of a traceback. The rest of the run goes on.

`.py` files and Jupyter notebooks (`.ipynb`, see nncheck/notebook.py) are checked. `load_source`
is the one place that turns a file into the text the engine checks: a notebook's code cells
become one program there, for the checker and the demo alike.
"""
from __future__ import annotations

import codecs
import fnmatch
import io
import os
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from nncheck.notebook import Notebook, NotebookError, read_notebook
from nncheck.patterns import GitIgnore, path_matches  # noqa: F401 - path_matches is re-exported

# The suffixes found when walking a folder.
SOURCE_SUFFIXES: tuple[str, ...] = (".py", ".ipynb")
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
    ".nncheck_cache",
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
    """The input itself is unusable (missing, unreadable, not decodable): one line, no traceback."""


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
    respect_gitignore: bool | Callable[[Path], bool] = True,
) -> Discovery:
    """Expand command-line paths into the files to check.

    An explicit file is checked even if an exclude pattern matches it, unless `force_exclude`
    is set (then it and its parent folders, up to `excluded_root(file)`, are tested first), which
    is what pre-commit needs since it passes every staged file by name. A walk skips what git
    ignores in the working tree it is in (`.gitignore`, `.git/info/exclude`, the global excludes
    file) unless `respect_gitignore` (a flag, or a function of the walked folder) says not to;
    a file named explicitly is checked even if git ignores it, as in Ruff.
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
            respect = respect_gitignore(path) if callable(respect_gitignore) else respect_gitignore
            ignore = GitIgnore.for_path(path) if respect else None
            files = sorted(_walk(path, is_excluded, ignore))
            if not files:
                found.errors.append(f"{given}: no Python files found")
            for file in files:
                add(file)
        else:
            # A file named explicitly is Python whatever its suffix (scripts without one, as
            # pre-commit's `types: [python]` passes them).
            add(path)
    return found


def _walk(folder: Path, is_excluded: ExcludeCheck, ignore: GitIgnore | None = None) -> Iterable[Path]:
    for root, dirs, files in os.walk(folder, onerror=None, followlinks=False):
        base = Path(root)
        # Prune in place so that os.walk never enters an excluded folder; sort for a stable order.
        dirs[:] = sorted(
            name
            for name in dirs
            if not is_default_excluded(base / name)
            and not is_excluded(base / name)
            and not (ignore is not None and ignore.ignored(base / name, is_dir=True))
        )
        for name in sorted(files):
            file = base / name
            if (
                file.suffix in SOURCE_SUFFIXES
                and not is_excluded(file)
                and not (ignore is not None and ignore.ignored(file, is_dir=False))
            ):
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


@dataclass(frozen=True)
class Source:
    """What the engine checks for one input: its text (a notebook's code cells as one program)
    and, for a notebook, the notebook that maps positions and fixes back to its cells."""

    text: str
    notebook: Notebook | None = None


def read_source(path: Path, display: str | None = None) -> str:
    """The text of one file, as the engine checks it (for a notebook: its code cells as one
    program). Raises SourceError with one clear line."""
    return load_source(path, display).text


def load_source(path: Path, display: str | None = None) -> Source:
    """Read one file as the engine checks it. Raises SourceError with one clear line."""
    display = display or str(path)
    return parse_source(_read_bytes(path, display), display, is_notebook=path.suffix in NOTEBOOK_SUFFIXES)


def source_bytes(path: Path, display: str | None = None) -> bytes:
    """A file's bytes, as load_source reads them (SourceError with one clear line)."""
    return _read_bytes(path, display or str(path))


def parse_source(data: bytes, display: str, *, is_notebook: bool) -> Source:
    """The bytes of a file (or of stdin) as a Source: a notebook's JSON becomes its program."""
    text = decode_source(data, display)
    if not is_notebook:
        return Source(text)
    try:
        notebook = read_notebook(text, display)
    except NotebookError as error:
        raise SourceError(str(error)) from None
    return Source(notebook.program, notebook)


def _read_bytes(path: Path, display: str) -> bytes:
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
    return data


def source_encoding(data: bytes, display: str = "<stdin>") -> str:
    """The codec Python reads this source with (PEP 263, as `tokenize.detect_encoding`): a
    coding line in the first two lines, a UTF-8 byte order mark (`utf-8-sig`), else UTF-8.
    Raises SourceError when the declaration itself is unusable."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        reason = str(error)
        if reason.startswith("unknown encoding"):
            declared = reason.rsplit(":", 1)[-1].strip()
            raise SourceError(
                f"{display}: its coding line declares an unknown encoding {declared!r} "
                "(Python cannot read it either)"
            ) from None
        if reason.startswith("encoding problem"):
            raise SourceError(
                f"{display}: it starts with a UTF-8 byte order mark but its coding line "
                "declares another encoding (Python cannot read it either)"
            ) from None
        # No usable declaration and a first line that is not UTF-8: say where, below.
        encoding = "utf-8"
    return encoding


def decode_source(data: bytes, display: str = "<stdin>") -> str:
    """The text of Python source, read as Python reads it (see `source_encoding`). A byte
    order mark is removed (columns must not count it); newlines are kept as they are."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF32_LE):
        raise SourceError(
            f"{display}: it is encoded as UTF-16, which Python does not read as source; "
            "save it as UTF-8"
        )
    encoding = source_encoding(data, display)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = len(re.findall(rb"\r\n|\r|\n", data[: error.start])) + 1
        name = "UTF-8" if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig") else encoding
        advice = (
            "and no coding line declares another encoding"
            if name == "UTF-8"
            else "as its coding line declares"
        )
        raise SourceError(
            f"{display}: not valid {name} (byte 0x{data[error.start]:02x} at position "
            f"{error.start}, line {line}) {advice}"
        ) from None


# -- patterns --------------------------------------------------------------------------------


def fnmatch_name(name: str, pattern: str) -> bool:
    """A folder or file name against one of DEFAULT_EXCLUDES (`*` and `?` only)."""
    return fnmatch.fnmatchcase(name, pattern)
