"""Path patterns: the config's `exclude` and `per-file-ignores`, and git's ignore files.

Both use git's own pattern language (gitignore's wildmatch), through pathspec's GitIgnoreSpec,
a small, well-kept library that implements it (Black and many other tools rely on it), so a
pattern behaves here as it does in a `.gitignore`:

- a pattern without a slash matches a file or folder by name at any depth (`*.ipynb`,
  `legacy`); one with a slash is relative to the folder of the file that holds it (for the
  config: the folder of its `pyproject.toml`); a leading `/` anchors it there;
- `*` and `?` stay within a folder, `**` crosses folders, `[a-z]` and `[!a-z]` are sets;
- a trailing `/` matches folders only; everything inside a matched folder is matched too;
- in `exclude`, `!pattern` takes back what an earlier pattern excluded; in `per-file-ignores`
  it means "every file that does not match" (as in Ruff).

Where git is more lenient than a regular expression, nncheck follows git: a set with a reversed
range (`[z-a]`) is accepted and the range matches its first character only (git compares it on
its own before reading the range). A pattern git rejects (`foo\\`, ending in a lone backslash)
is a configuration error that names it.
"""
from __future__ import annotations

import os
import re
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    import pathspec


class PatternError(ValueError):
    """A pattern git would not accept."""

    def __init__(self, pattern: str, reason: str) -> None:
        super().__init__(f"invalid pattern {pattern!r}: {reason}")
        self.pattern = pattern
        self.reason = reason


def _git_spec(lines: list[str]) -> "pathspec.GitIgnoreSpec":
    # pathspec is loaded only by a run that matches paths against patterns: a check of named
    # files with no patterns, and the demo, never need it.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _drop_reversed_ranges(pattern: str) -> str | None:
    """The pattern with every reversed range (`z-a`) in its sets replaced by its first character,
    which is all git's wildmatch matches of it."""
    out: list[str] = []
    k, n = 0, len(pattern)
    while k < n:
        char = pattern[k]
        if char == "\\" and k + 1 < n:
            out.append(pattern[k : k + 2])
            k += 2
            continue
        if char != "[":
            out.append(char)
            k += 1
            continue
        # A set: `[`, an optional `!` or `^`, a `]` taken literally when first, up to `]`.
        j = k + 1
        negated = j < n and pattern[j] in "!^"
        if negated:
            j += 1
        body_start = j
        if j < n and pattern[j] == "]":
            j += 1
        while j < n and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        if j >= n:  # no closing bracket: git matches nothing with it, nor does pathspec
            out.append(pattern[k:])
            break
        body = pattern[body_start:j]
        kept: list[str] = []
        i = 0
        while i < len(body):
            if i + 2 < len(body) and body[i + 1] == "-":
                low, high = body[i], body[i + 2]
                # git's wildmatch compares the range's first character on its own before it
                # reads the range, so a reversed range matches that character only.
                kept.append(body[i : i + 3] if low <= high else low)
                i += 3
            else:
                kept.append(body[i])
                i += 1
        out.append("[" + ("!" if negated else "") + "".join(kept) + "]")
        k = j + 1
    return "".join(out)


@lru_cache(maxsize=1024)
def compile_patterns(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """One spec for an ordered list of patterns (later ones win, `!` re-includes).
    Raises PatternError naming the first pattern git would not accept."""
    lines = []
    for pattern in patterns:
        lines.append(check_pattern(pattern))
    try:
        return _git_spec([line for line in lines if line is not None])
    except Exception as error:  # noqa: BLE001 - check_pattern accepted each one alone
        raise PatternError(patterns[0] if len(patterns) == 1 else ", ".join(patterns), str(error)) from None


@lru_cache(maxsize=1024)
def check_pattern(pattern: str) -> str | None:
    """The pattern as handed to pathspec (None: it can match nothing). Raises PatternError."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise PatternError(str(pattern), "the pattern is empty")
    line = pattern
    if "[" in line:
        line = _drop_reversed_ranges(line)
        if line is None:
            return None
    try:
        _git_spec([line])
    except (ValueError, re.error, TypeError) as error:
        reason = str(error).strip() or type(error).__name__
        if line.rstrip().endswith("\\") and not line.rstrip().endswith("\\\\"):
            reason = "it ends with a lone backslash"
        raise PatternError(pattern, reason) from None
    return line


def _anchored(pattern: str, root: Path) -> str:
    """An absolute path under the root is written relative to it (anchored with `/`)."""
    negated = pattern.startswith("!")
    body = pattern[1:] if negated else pattern
    prefix = root.as_posix().rstrip("/") + "/"
    if body.startswith(prefix):
        body = "/" + body[len(prefix):]
    return ("!" if negated else "") + body


def _candidate(path: Path, root: Path, is_dir: bool | None) -> str:
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name  # outside the config's folder: only name patterns can match
    if relative in ("", "."):
        relative = path.name
    if is_dir is None:
        is_dir = path.is_dir()
    return relative + "/" if is_dir else relative


def matches_any(patterns: Sequence[str], path: Path, root: Path, *, is_dir: bool | None = None) -> bool:
    """Does the ordered pattern list (with `!` re-including) match this path, as a .gitignore
    holding those lines in `root` would?"""
    if not patterns:
        return False
    spec = compile_patterns(tuple(_anchored(pattern, root) for pattern in patterns))
    return spec.match_file(_candidate(path, root, is_dir))


def path_matches(pattern: str, path: Path, root: Path, *, is_dir: bool | None = None) -> bool:
    """Does one pattern match? A leading `!` means "does not match" (per-file-ignores)."""
    if pattern.startswith("!"):
        return not path_matches(pattern[1:], path, root, is_dir=is_dir)
    return matches_any((pattern,), path, root, is_dir=is_dir)


def validate(patterns: Iterable[str]) -> None:
    """Raise PatternError for the first pattern git would not accept."""
    for pattern in patterns:
        check_pattern(pattern[1:] if pattern.startswith("!") and len(pattern) > 1 else pattern)


# -- git's ignore files ----------------------------------------------------------------------


def _read_ignore_file(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        try:
            checked = check_pattern(line)
        except PatternError:
            continue  # git skips a pattern it cannot use, and so does the walk
        if checked is not None:
            lines.append(checked)
    try:
        return _git_spec(lines) if lines else None
    except Exception:  # noqa: BLE001 - an ignore file must never stop a run
        return None


def find_repository(start: Path) -> Path | None:
    """The working tree root (the nearest folder at or above `start` holding `.git`)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


@lru_cache(maxsize=64)
def global_excludes_file(repository: Path) -> Path | None:
    """git's core.excludesFile, or its default `$XDG_CONFIG_HOME/git/ignore`."""
    try:
        completed = subprocess.run(
            ["git", "config", "--path", "--get", "core.excludesFile"],
            cwd=repository,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        configured = completed.stdout.strip() if completed.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        configured = ""
    if configured:
        path = Path(os.path.expanduser(configured))
        return path if path.is_absolute() else repository / path
    config_home = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(config_home) / "git" / "ignore"


class GitIgnore:
    """What git ignores in one working tree: the `.gitignore` files (a deeper one wins), then
    `.git/info/exclude`, then the global excludes file. Outside a git working tree nothing is
    ignored (as Ruff and ripgrep do)."""

    def __init__(self, repository: Path) -> None:
        self.repository = repository
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        base: list[pathspec.GitIgnoreSpec] = []
        info = _read_ignore_file(repository / ".git" / "info" / "exclude") if (repository / ".git").is_dir() else None
        if info is not None:
            base.append(info)
        excludes = global_excludes_file(repository)
        global_spec = _read_ignore_file(excludes) if excludes is not None and excludes.is_file() else None
        if global_spec is not None:
            base.append(global_spec)
        self._base = base

    @classmethod
    def for_path(cls, path: Path) -> "GitIgnore | None":
        repository = find_repository(path)
        return cls(repository) if repository is not None else None

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            self._specs[folder] = _read_ignore_file(folder / ".gitignore")
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool) -> bool:
        try:
            path.relative_to(self.repository)
        except ValueError:
            return False
        folder = path.parent
        while True:
            spec = self._spec(folder)
            if spec is not None:
                decided = self._decide(spec, path, folder, is_dir)
                if decided is not None:
                    return decided
            if folder == self.repository or folder.parent == folder:
                break
            folder = folder.parent
        for spec in self._base:
            decided = self._decide(spec, path, self.repository, is_dir)
            if decided is not None:
                return decided
        return False

    @staticmethod
    def _decide(spec: pathspec.GitIgnoreSpec, path: Path, folder: Path, is_dir: bool) -> bool | None:
        relative = path.relative_to(folder).as_posix()
        result = spec.check_file(relative + "/" if is_dir else relative)
        return result.include
