"""Suppression: `# noqa` comments, as flake8 and Ruff read them.

- On the line a diagnostic starts on: `# noqa` (everything), `# noqa: NN101`,
  `# noqa:NN101,NN302`, `# NOQA: NN1` (case-insensitive; a code matches by prefix, so `NN1`
  covers NN101..NN199). As in flake8, `# noqa` followed by something that is not a code list
  (`# noqa because ...`) suppresses everything on that line.
- Anywhere in the file, on a line of its own: `# nncheck: noqa` (the whole file) or
  `# nncheck: noqa: NN101, NN2` (those codes in the whole file), as Ruff's `# ruff: noqa`.
"""
from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from nncheck.diagnostics import Diagnostic

_CODE = r"[A-Z]+[0-9]+"
_CODES = rf"(?P<codes>{_CODE}(?:\s*,\s*{_CODE}|\s+{_CODE}(?![\w-]))*)"
NOQA = re.compile(rf"#\s*noqa(?::\s*{_CODES})?", re.IGNORECASE)
_FILE_NOQA = re.compile(rf"#\s*nncheck\s*:\s*noqa(?:\s*:\s*{_CODES})?", re.IGNORECASE)

ALL = frozenset({"*"})


@dataclass
class Suppressions:
    """The `# noqa` comments of one file."""

    lines: dict[int, frozenset[str]] = field(default_factory=dict)
    file: frozenset[str] = frozenset()

    def covers(self, diagnostic: Diagnostic) -> bool:
        for codes in (self.file, self.lines.get(diagnostic.start.line, frozenset())):
            if codes is ALL or any(diagnostic.code.startswith(code) for code in codes):
                return True
        return False


def _codes(match: re.Match[str]) -> frozenset[str]:
    codes = match.group("codes")
    if not codes:
        return ALL
    return frozenset(code.upper() for code in re.split(r"[,\s]+", codes) if code)


def suppressions(source: str) -> Suppressions:
    found = Suppressions()
    file_codes: set[str] = set()
    for line_number, comment in _comments(source):
        file_match = _FILE_NOQA.search(comment)
        if file_match:
            codes = _codes(file_match)
            if codes is ALL:
                found.file = ALL
            else:
                file_codes |= codes
            continue
        match = NOQA.search(comment)
        if match:
            found.lines[line_number] = _codes(match)
    if found.file is not ALL:
        found.file = frozenset(file_codes)
    return found


def noqa_lines(source: str) -> dict[int, frozenset[str]]:
    """Line number → codes suppressed there (ALL for a blanket `# noqa`)."""
    return suppressions(source).lines


def is_suppressed(diagnostic: Diagnostic, suppressed: dict[int, frozenset[str]]) -> bool:
    return Suppressions(lines=suppressed).covers(diagnostic)


def remove_suppressed(diagnostics: list[Diagnostic], source: str) -> list[Diagnostic]:
    if not diagnostics or "noqa" not in source.lower():
        return diagnostics
    found = suppressions(source)
    return [d for d in diagnostics if not found.covers(d)]


def _comments(source: str):
    # Tokenize rather than regex the raw text, so a "# noqa" inside a string does not count.
    # A file that does not tokenize to the end (a syntax error) keeps the comments before it.
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return
