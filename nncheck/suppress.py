"""Suppression: `# noqa` and `# noqa: NN101,NN302` comments on the line a diagnostic starts on.

As in flake8 and Ruff: case-insensitive, codes match by prefix, and `# noqa` without a colon (or
with codes that do not parse) suppresses everything on that line.
"""
from __future__ import annotations

import io
import re
import tokenize

from nncheck.diagnostics import Diagnostic

_NOQA = re.compile(
    r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]*(?:[,\s]+[A-Z]+[0-9]*)*))?",
    re.IGNORECASE,
)

ALL = frozenset({"*"})


def noqa_lines(source: str) -> dict[int, frozenset[str]]:
    """Line number → codes suppressed there (ALL for a blanket `# noqa`)."""
    lines: dict[int, frozenset[str]] = {}
    for line_number, comment in _comments(source):
        match = _NOQA.search(comment)
        if not match:
            continue
        codes = match.group("codes")
        if codes:
            lines[line_number] = frozenset(c.upper() for c in re.split(r"[,\s]+", codes) if c)
        else:
            lines[line_number] = ALL
    return lines


def is_suppressed(diagnostic: Diagnostic, suppressed: dict[int, frozenset[str]]) -> bool:
    codes = suppressed.get(diagnostic.start.line)
    if codes is None:
        return False
    return codes is ALL or any(diagnostic.code.startswith(code) for code in codes)


def remove_suppressed(diagnostics: list[Diagnostic], source: str) -> list[Diagnostic]:
    if "noqa" not in source.lower():
        return diagnostics
    suppressed = noqa_lines(source)
    return [d for d in diagnostics if not is_suppressed(d, suppressed)]


def _comments(source: str):
    # Tokenize rather than regex the raw text, so a "# noqa" inside a string does not count.
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return
