"""The data every stage passes on: diagnostics, their fixes and their positions.

Diagnostics are immutable values. Rules create them; nothing downstream changes them (suppression
filters, reporters format, the fixer reads their edits).
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import Any

_NEWLINE = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of `text` starts (any of Python's three line endings), so
    that a Position becomes an offset in one step."""
    starts = [0]
    starts.extend(match.end() for match in _NEWLINE.finditer(text))
    return starts


# Each rule has its own page, generated from the rule (scripts/rule_table.py --write).
DOCS_URL = "https://github.com/nncheck/nncheck/blob/main/docs/rules"


def rule_url(code: str) -> str:
    """The page of a rule's documentation: JSON's `url`, SARIF's `helpUri`."""
    return f"{DOCS_URL}/{code}.md"


class Severity(str, enum.Enum):
    """How bad a finding is: error (crashes, or cannot learn), warning (learns the wrong thing or
    badly), info (fragile, or slow)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(str, enum.Enum):
    """Ruff's fix safety levels: a safe fix keeps behaviour that the rule did not prove wrong; an
    unsafe one changes the model (and is applied only with --unsafe-fixes)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Position:
    """A place in the source: 1-based line, 1-based column (as Ruff and flake8 print them)."""

    line: int
    column: int


@dataclass(frozen=True)
class Edit:
    """Replace the text from `start` up to (not including) `end` with `content`."""

    start: Position
    end: Position
    content: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True)
class Diagnostic:
    code: str
    name: str
    message: str
    severity: Severity
    path: str
    start: Position
    end: Position
    fix: Fix | None = None

    @property
    def url(self) -> str:
        return rule_url(self.code)

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is Applicability.SAFE

    def fix_applies(self, unsafe: bool) -> bool:
        """Would --fix (with --unsafe-fixes when `unsafe`) apply this diagnostic's fix?"""
        fix = self.fix
        if fix is None or not fix.edits:
            return False
        return fix.applicability is Applicability.SAFE or (unsafe and fix.applicability is Applicability.UNSAFE)


@dataclass
class FileResult:
    """What checking one file produced: its diagnostics, or the reasons it could not be checked.

    `errors` are problems of the checker or of the input (unreadable file, a rule that crashed),
    not of the user's network; they make the run exit 2 without stopping the other files.
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # What was not checked and why (the file's budget ran out), one line each: not findings,
    # not errors; shown as warnings, and the exit code stays that of the findings.
    notes: list[str] = field(default_factory=list)
    source: str | None = None
    # The network model the rules read (None when the file did not parse): the demo reuses it
    # instead of building it a second time.
    model: Any = field(default=None, repr=False, compare=False)
