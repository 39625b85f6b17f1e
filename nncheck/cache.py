"""The results cache: a file whose content, settings and checker are unchanged is not checked again.

As Ruff's: `.nncheck_cache/` in the project's root (the folder of the pyproject.toml that
configures nncheck, else the working folder), one entry per file result, keyed by a hash of
everything the result depends on: the file's bytes, the name it is reported under, whether it is
a notebook, the rules it is checked with (per-file-ignores included), the budget, nncheck's
version and its own code (the content of every module, so an edited checker never answers from
an older one's results, and a reinstall or a checkout that only touches the files' times keeps
the cache). Nothing else goes in: the model reads no other file.

A result that holds an internal error is never stored: a fixed bug changes the checker's code and
so the key, but an error may also come from the machine (a file unreadable for a moment). A
result with a budget note is stored, note included: the budget counts CPU time, steps and sizes,
which do not depend on how busy the machine is, so another run would stop at the same place, and
a tree's warm run would otherwise check its largest files again every time (`--no-cache` checks
them again). Entries are written to a temporary file and renamed into
place, so concurrent runs never read half an entry; an entry that cannot be read is a miss.
`--no-cache`, `cache = false` in [tool.nncheck] or NNCHECK_NO_CACHE=1 turns it off.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from nncheck.budget import Limits
    from nncheck.diagnostics import FileResult

CACHE_DIR = ".nncheck_cache"
# Bumped when the entry format changes.
FORMAT = b"nncheck-cache-1"
ENVIRONMENT_SWITCH = "NNCHECK_NO_CACHE"


def disabled_by_environment() -> bool:
    return os.environ.get(ENVIRONMENT_SWITCH, "").strip().lower() not in ("", "0", "false", "no")


@lru_cache(maxsize=1)
def checker_fingerprint() -> bytes:
    """nncheck's version and the content of its own source files (about 1 MiB, hashed in a few
    milliseconds, once per run)."""
    from nncheck import __version__

    digest = hashlib.sha256(FORMAT + b"\0" + __version__.encode())
    digest.update(source_digest(Path(__file__).resolve().parent))
    return digest.digest()


def source_digest(package: Path) -> bytes:
    """A digest of the content of every module under `package` and of where each is."""
    digest = hashlib.sha256()
    entries = []
    for folder, _, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as stream:
                        content = hashlib.sha256(stream.read()).hexdigest()
                except OSError:
                    continue
                entries.append(f"{os.path.relpath(path, package)}:{content}")
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\0")
    return digest.digest()


class ResultCache:
    """One run's view of the cache folder. Every failure to read or write is a miss, never an
    error: the cache only ever saves time."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._ready = False

    def key(self, data: bytes, display: str, *, notebook: bool, rules: Sequence, limits: "Limits") -> str:
        digest = hashlib.sha256(checker_fingerprint())
        codes = ",".join(getattr(rule, "code", repr(rule)) for rule in rules)
        for part in (display, "notebook" if notebook else "python", codes, repr(limits)):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.root / key[:2] / key

    def get(self, key: str) -> "FileResult | None":
        try:
            with open(self._entry(key), "rb") as stream:
                result = pickle.load(stream)
        except Exception:  # noqa: BLE001 - missing, truncated, from another Python: a miss
            return None
        from nncheck.diagnostics import FileResult

        return result if isinstance(result, FileResult) else None

    def put(self, key: str, result: "FileResult") -> None:
        if not cacheable(result):
            return
        stored = _stripped(result)
        entry = self._entry(key)
        try:
            self._prepare()
            entry.parent.mkdir(exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=entry.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    pickle.dump(stored, stream, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, entry)
            except BaseException:
                _remove(temporary)
                raise
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # a read-only tree, a full disk: the run goes on without the cache

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        # As Ruff's cache: invisible to git and to backup tools.
        for name, text in ((".gitignore", "# Created by nncheck automatically.\n*\n"),
                           ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                            "# This file is a cache directory tag created by nncheck.\n")):
            marker = self.root / name
            if not marker.exists():
                try:
                    _write_atomically(marker, text.encode())
                except OSError:
                    pass
        self._ready = True


def cacheable(result: "FileResult") -> bool:
    return not result.errors


def _stripped(result: "FileResult") -> "FileResult":
    from dataclasses import replace

    # The source is read again for every run (it is hashed), and the model stays with its run.
    return replace(result, source=None, model=None)


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
