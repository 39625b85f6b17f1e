"""Fix mode: apply the rules' fixes to a file's text, to a fixed point, and write it back safely.

The pieces, from the inside out:

- `apply_edits(text, edits)`: text edits given by 1-based line and column (as the rules report
  them) applied to the text. Edits in one call never overlap; an inserted newline takes the
  file's own newline style.
- `fix_text(text, check, unsafe=...)`: Ruff's loop. Check, apply every applicable fix that does
  not overlap one already chosen, check again, ... until no fix applies or nothing changes, at
  most `MAX_PASSES` times. A pass that breaks the syntax, or a loop that does not converge,
  gives back the original text with the reason: a fix never leaves a file half-done.
- `write_atomic(path, data)`: a temporary file in the same folder, fsync, `os.replace`: a reader
  (or a crash) sees the old file or the new one, never a mix. The file keeps its mode. Through
  a symlink the target is written; a hard-linked file is rewritten in place (a rename would
  split it from its other names), which is not atomic and is said so.
- `fix_files(report, options)`: the step a run takes after checking when --fix or --diff is on.
  A file is written only when it was read, parsed and did not change meanwhile; its byte order
  mark, encoding (its coding line), newline style, trailing newline and coding line are kept (edits only touch the code the
  rules name).
"""
from __future__ import annotations

import ast
import difflib
import os
import re
import stat
import tempfile
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import libcst as cst

from nncheck.diagnostics import Diagnostic, Edit, FileResult, Fix, line_starts
from nncheck.notebook import NotebookError

if TYPE_CHECKING:
    from nncheck.results import CheckedFile, Options, RunReport

# As Ruff's linter.rs: a fix loop that has not settled after this many passes is a bug.
MAX_PASSES = 100

_NEWLINE = re.compile(r"\r\n|\r|\n")


class FixError(Exception):
    """Fixing one file failed; the file is left exactly as it was."""


# -- edits on text ---------------------------------------------------------------------------


def newline_of(text: str) -> str:
    """The file's newline style: the first line ending it uses (\\n when it has none)."""
    match = _NEWLINE.search(text)
    return match.group() if match else "\n"


def _offset(starts: list[int], text: str, line: int, column: int) -> int:
    if not 1 <= line <= len(starts) or column < 1:
        raise FixError(f"an edit points outside the file (line {line}, column {column})")
    offset = starts[line - 1] + column - 1
    end = starts[line] if line < len(starts) else len(text)
    if offset > end:
        raise FixError(f"an edit points past the end of line {line} (column {column})")
    return offset


def _spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    starts = line_starts(text)
    spans = []
    for edit in edits:
        start = _offset(starts, text, edit.start.line, edit.start.column)
        end = _offset(starts, text, edit.end.line, edit.end.column)
        if end < start:
            raise FixError(f"an edit ends before it starts (line {edit.start.line})")
        spans.append((start, end, edit.content))
    return spans


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    # Edits that only touch (one ends where the next starts) are fine; two insertions at the
    # same place are not (their order would be a guess). The very same edit proposed twice (two
    # rules making one change, e.g. NN301 and NN204 on one bias update) is one edit.
    if a == b:
        return False
    if a[0] == a[1] == b[0] == b[1]:
        return True
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits. Newlines in an edit's content follow the file's style."""
    spans = sorted(set(_spans(text, edits)), key=lambda span: (span[0], span[1]))
    for before, after in zip(spans, spans[1:]):
        if _overlap(before, after):
            raise FixError("two edits overlap")
    newline = newline_of(text)
    out, position = [], 0
    for start, end, content in spans:
        out.append(text[position:start])
        out.append(content.replace("\n", newline) if newline != "\n" else content)
        position = end
    out.append(text[position:])
    return "".join(out)


# -- the fix loop ----------------------------------------------------------------------------


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    """Would --fix (with --unsafe-fixes when `unsafe`) apply this diagnostic's fix?"""
    return diagnostic.fix_applies(unsafe)


def choose_fixes(text: str, diagnostics: Sequence[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """The diagnostics whose fixes one pass applies: in source order, each fix whole, and none
    overlapping an edit already chosen (the rest wait for the next pass, as in Ruff)."""
    chosen: list[Diagnostic] = []
    taken: list[tuple[int, int, str]] = []
    seen_fixes: set[Fix] = set()
    candidates = [d for d in diagnostics if applicable(d, unsafe)]
    for diagnostic in sorted(candidates, key=lambda d: (min(e.start for e in d.fix.edits), d.code)):
        if diagnostic.fix in seen_fixes:
            continue  # two diagnostics offering the very same fix: apply it once
        try:
            spans = _spans(text, diagnostic.fix.edits)
        except FixError:
            continue
        ordered = sorted(spans, key=lambda span: (span[0], span[1]))
        if any(_overlap(a, b) for a, b in zip(ordered, ordered[1:])):
            continue
        if any(_overlap(span, other) for span in spans for other in taken):
            continue
        if all(text[start:end] == content for start, end, content in spans):
            continue  # a fix that changes nothing
        chosen.append(diagnostic)
        taken.extend(spans)
        seen_fixes.add(diagnostic.fix)
    return chosen


def parses(text: str) -> bool:
    """Does the text parse, both for Python and for libcst (which nncheck reads it with)?"""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
        cst.parse_module(text)
    except (SyntaxError, ValueError, OverflowError, cst.ParserSyntaxError, RecursionError):
        return False
    return True


@dataclass
class FixOutcome:
    """What fixing one text did: the fixed text (the original one on failure), how many fixes
    each rule applied, the check of the final text, and why it failed, if it did."""

    text: str
    fixed: Counter = field(default_factory=Counter)
    result: FileResult | None = None
    error: str | None = None
    passes: int = 0

    @property
    def fixed_count(self) -> int:
        return sum(self.fixed.values())


def fix_text(
    text: str,
    check: Callable[[str], FileResult],
    *,
    unsafe: bool = False,
    first: FileResult | None = None,
    max_passes: int = MAX_PASSES,
) -> FixOutcome:
    """Apply fixes until none applies. `check` lints a text; `first` is the check of `text`
    when it has already been made. A text that does not parse is returned untouched."""
    result = first if first is not None else check(text)
    if not parses(text):
        return FixOutcome(text, result=result)
    if result.errors:
        return FixOutcome(text, result=result)  # the checker failed on it: nothing to go on
    current, fixed = text, Counter()
    for passes in range(1, max_passes + 1):
        if result.errors:
            # A rule crashed on a fixed text: no change is better than a change half checked.
            return FixOutcome(
                text, Counter(), first,
                error="checking the fixed code failed (see the error above); no changes made (please report this)",
            )
        if result.notes:
            return FixOutcome(
                text, Counter(), first,
                error="checking the fixed code went over the file's budget; no changes made",
            )
        chosen = choose_fixes(current, result.diagnostics, unsafe)
        if not chosen:
            return FixOutcome(current, fixed, result, passes=passes - 1)
        try:
            updated = apply_edits(current, [edit for d in chosen for edit in d.fix.edits])
        except FixError as problem:
            return FixOutcome(text, Counter(), first, error=f"a fix could not be applied ({problem}); no changes made")
        if updated == current:
            return FixOutcome(current, fixed, result, passes=passes - 1)
        if not parses(updated):
            codes = ", ".join(sorted({d.code for d in chosen}))
            return FixOutcome(
                text,
                Counter(),
                first,
                error=f"a fix ({codes}) introduced a syntax error; reverting all changes to this file "
                "(please report this)",
            )
        fixed.update(d.code for d in chosen)
        current = updated
        result = check(current)
    else:
        return FixOutcome(
            text,
            Counter(),
            first,
            error=f"the fixes did not converge after {max_passes} passes; no changes made (please report this)",
        )
    return FixOutcome(current, fixed, result, passes=passes)


# -- diffs -----------------------------------------------------------------------------------


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff as `diff -u` and Ruff print it ('\\ No newline at end of file' included)."""
    if before == after:
        return ""
    lines = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=name, tofile=name
    ):
        if line.endswith(("\n", "\r")):
            lines.append(line)
        else:
            lines.append(line + "\n\\ No newline at end of file\n")
    return "".join(lines)


# -- writing ---------------------------------------------------------------------------------


def _writable(path: Path) -> bool:
    # os.access alone says yes to root for a file without any write bit; the mode decides too.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return os.access(path, os.W_OK) and bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> str | None:
    """Replace the file's content with `data`, through symlinks (the link's target is fixed, the
    link stays) and hard links (every name keeps seeing one file, so it is fixed in place).

    A file with one name is replaced in one step: a temporary file in the same folder, flushed
    to disk, given the file's mode and owner, then renamed over it, so a reader (or a crash)
    sees the old file or the new one. Renaming would split a hard-linked file in two (the other
    names keeping the old text), so such a file is rewritten in place instead: no file system
    can do that in one step, so a copy of the old content is kept beside it until the new one
    is on disk, and the returned note says so. With `expected`, the file must still hold exactly
    those bytes when it is written. Raises FixError (the file unchanged) when it cannot be
    written."""
    target = Path(os.path.realpath(path))  # write through a symlink, never over it
    folder = target.parent
    if not _writable(target):
        raise FixError("the file is read-only; not fixed")
    info = target.stat()
    if info.st_nlink > 1:
        return _write_in_place(target, data, expected, info.st_nlink)
    if not _writable(folder):
        raise FixError(f"the folder {folder} is read-only (nncheck writes a temporary file next to the file); not fixed")
    if expected is not None and _read(target) != expected:
        raise FixError("the file changed while it was being checked; not fixed")
    temporary = _temporary_copy(folder, target.name, data, info, ".nncheck")
    try:
        os.replace(temporary, target)
    except BaseException as error:
        _unlink(temporary)
        if isinstance(error, OSError):
            raise FixError(f"cannot write the fixes: {error.strerror or error}; not fixed") from None
        raise
    _sync_folder(folder)
    return None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise FixError(f"cannot read it again before writing ({error.strerror or error}); not fixed") from None


def _temporary_copy(folder: Path, name: str, data: bytes, info: os.stat_result, suffix: str) -> str:
    """A hidden file in `folder` holding `data`, flushed to disk, with the mode and owner of
    the file `info` describes."""
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=suffix)
    except OSError as error:
        raise FixError(f"cannot write in {folder}: {error.strerror or error}; not fixed") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
            try:  # root fixing someone else's file: it stays theirs
                os.chown(temporary, info.st_uid, info.st_gid)
            except OSError:
                pass
    except BaseException as error:
        _unlink(temporary)
        if isinstance(error, OSError):
            raise FixError(f"cannot write the fixes: {error.strerror or error}; not fixed") from None
        raise
    return temporary


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_in_place(target: Path, data: bytes, expected: bytes | None, links: int) -> str:
    try:
        descriptor = os.open(target, os.O_RDWR)
    except OSError as error:
        raise FixError(f"cannot open it for writing ({error.strerror or error}); not fixed") from None
    backup = None
    try:
        _lock(descriptor)  # two nncheck runs never interleave their writes to one file
        with os.fdopen(os.dup(descriptor), "rb") as stream:
            current = stream.read()
        if expected is not None and current != expected:
            raise FixError("the file changed while it was being checked; not fixed")
        if _writable(target.parent):
            backup = _temporary_copy(target.parent, target.name, current, os.fstat(descriptor), ".nncheck-backup")
        try:
            written = 0
            while written < len(data):
                written += os.pwrite(descriptor, data[written:], written)
            os.ftruncate(descriptor, len(data))
            os.fsync(descriptor)
        except OSError as error:
            # The old content is still whole in the backup; put it back.
            os.pwrite(descriptor, current, 0)
            os.ftruncate(descriptor, len(current))
            raise FixError(f"cannot write the fixes: {error.strerror or error}; not fixed") from None
    finally:
        os.close(descriptor)
    if backup is not None:
        _unlink(backup)
        _sync_folder(target.parent)
        kept = "a copy of the old content was kept beside it until the new one was on disk"
    else:
        kept = "its folder is read-only, so no copy of the old content could be kept meanwhile"
    return (f"it has {links} hard links, so it was fixed in place for all of them to see the fix; "
            f"that is not one atomic step ({kept})")


def _lock(descriptor: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets a folder be opened for this.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# -- a run's fix step ------------------------------------------------------------------------


@dataclass
class FixSummary:
    """What the fix step of a run did, for the reporters and the command line."""

    fixed: Counter = field(default_factory=Counter)  # applied fixes, by code
    by_file: dict = field(default_factory=dict)  # shown path -> Counter of applied fixes (--show-fixes)
    diffs: list[str] = field(default_factory=list)  # --diff: one unified diff per changed file
    stdout: str | None = None  # stdin with --fix: the fixed code
    changed_files: int = 0
    diff: bool = False  # only shown, nothing written

    @property
    def fixed_count(self) -> int:
        return sum(self.fixed.values())


def fix_files(report: "RunReport", options: "Options",
              check_program: Callable[..., FileResult]) -> FixSummary:
    """Fix (or, with --diff, only show) every checked file of the report. Each file's
    diagnostics become those that remain; problems become the report's errors (exit 2).
    `check_program(text, display, rules, notebook)` checks a fixed text again; the runner passes
    its own, so that the fixer stays below it."""
    from nncheck.rules import select_rules

    summary = FixSummary(diff=options.diff)
    unsafe = options.unsafe_fixes
    for file in sorted(report.files, key=lambda file: file.display):
        original = file.result.source
        if original is None or file.result.errors or file.result.notes:
            # Not read, not parsed, or not fully checked (over its budget): never touched.
            if file.stdin and not options.diff:
                summary.stdout = file.notebook.raw if file.notebook is not None else (original or "")
            if file.result.notes and original is not None:
                report.notes.append(f"{file.display}: not fixed, since it was not fully checked")
            continue
        rules = list(file.rules) if file.rules is not None else None
        display = file.display

        def relint(text: str, rules=rules, display=display, notebook=file.notebook) -> FileResult:
            return check_program(text, display, select_rules() if rules is None else rules, notebook)

        outcome = fix_text(original, relint, unsafe=unsafe, first=file.result)
        if outcome.error is not None:
            report.errors.append(f"{display}: {outcome.error}")
            if file.stdin and not options.diff:
                summary.stdout = file.notebook.raw if file.notebook is not None else original
            continue
        try:
            # A notebook is its JSON with the fixed cells put back (nncheck/notebook.py).
            fixed_text = file.notebook.rebuild(outcome.text) if file.notebook is not None else outcome.text
            diff = (file.notebook.diff(outcome.text, display) if file.notebook is not None
                    else unified_diff(original, outcome.text, display))
        except NotebookError as problem:
            report.errors.append(f"{display}: {problem}")
            if file.stdin and not options.diff:
                summary.stdout = file.notebook.raw
            continue
        if options.diff:
            if diff:
                summary.diffs.append(diff)
                summary.changed_files += 1
                summary.fixed.update(outcome.fixed)
            continue
        if file.stdin or file.path is None:
            summary.stdout = fixed_text
        elif outcome.text != original:
            try:
                note = write_fixed(file, original, fixed_text)
            except FixError as problem:
                report.errors.append(f"{display}: {problem}")
                continue
            if note is not None:
                report.notes.append(f"{display}: {note}")
            summary.changed_files += 1
        summary.fixed.update(outcome.fixed)
        if outcome.fixed:
            summary.by_file[display] = Counter(outcome.fixed)
        if outcome.result is not None:
            file.result = outcome.result
    return summary


def write_fixed(file: "CheckedFile", original: str, fixed: str) -> str | None:
    """Write the fixed text in the file's own encoding (its coding line, or its UTF-8 byte order
    mark, as Python reads it). The file must still hold what was checked (no edit made meanwhile
    is lost). For a notebook, `original` is its program and `fixed` its new JSON text. Returns
    write_atomic's note, if any."""
    from nncheck.discover import SourceError, decode_source, source_encoding

    path = file.path
    try:
        data = path.read_bytes()
        current = decode_source(data, file.display)
        encoding = source_encoding(data, file.display)
    except (OSError, SourceError) as error:
        raise FixError(f"cannot read it again before writing ({error}); not fixed") from None
    expected = file.notebook.raw if file.notebook is not None else original
    if current != expected:
        raise FixError("the file changed while it was being checked; not fixed")
    try:
        encoded = fixed.encode(encoding)
    except UnicodeEncodeError as error:
        raise FixError(
            f"the fixed code has {error.object[error.start:error.end]!r}, which its encoding "
            f"({encoding}) cannot hold; not fixed"
        ) from None
    return write_atomic(path, encoded, expected=data)


def fix_summary(summary: FixSummary) -> str:
    """The one line --diff prints on stderr, as Ruff's `Would fix N errors.`"""
    count = summary.fixed_count
    if not count:
        return "No problems would be fixed."
    return f"Would fix {count} {'problem' if count == 1 else 'problems'} in {summary.changed_files} {'file' if summary.changed_files == 1 else 'files'}."
