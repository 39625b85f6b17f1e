"""The rule base class: a rule is a small class that holds its identity, its documentation and its
own VALID/INVALID examples (as Fixit does), and reads the network model to yield diagnostics."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Iterator

import libcst as cst

from nncheck.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:
    from nncheck.model import NetworkModel


@dataclass(frozen=True)
class Valid:
    """A snippet the rule must stay silent on."""

    source: str


@dataclass(frozen=True)
class Invalid:
    """A snippet the rule must flag: once, on the line that contains `at`, with a message that
    contains every string in `says`. `fixed`, when given, is the whole source after --fix."""

    source: str
    at: str
    says: tuple[str, ...] = ()
    fixed: str | None = None


class Rule:
    """Base class. Subclasses set the class attributes and implement `check`.

    The class docstring is the rule's documentation, in four parts (What it does / Why is this
    bad? / Example / Use instead), shown by `nncheck --explain CODE`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    default: ClassVar[bool] = True
    # "none", "sometimes" or "always", as Ruff's FIX_AVAILABILITY.
    fix_availability: ClassVar[str] = "none"
    VALID: ClassVar[list[Valid]] = []
    INVALID: ClassVar[list[Invalid]] = []

    def __init__(self, model: "NetworkModel") -> None:
        self.model = model

    def check(self) -> Iterator[Diagnostic]:
        raise NotImplementedError

    # -- helpers for subclasses -------------------------------------------------------------
    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        severity: Severity | None = None,
        fix: Fix | None = None,
    ) -> Diagnostic:
        start, end = self.model.span(node)
        if fix is not None and _touches(fix, getattr(self.model, "shared_spans", ())):
            fix = None
        return Diagnostic(
            code=self.code,
            name=self.name,
            message=message,
            severity=severity or self.severity,
            path=self.model.path,
            start=start,
            end=end,
            fix=fix,
        )

    def replace(
        self,
        node: cst.CSTNode,
        content: str,
        title: str,
        applicability: Applicability = Applicability.SAFE,
    ) -> Fix:
        """A fix that replaces exactly the text of `node` with `content`."""
        start, end = self.model.span(node)
        return Fix(title=title, edits=(Edit(start, end, content),), applicability=applicability)

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")


def _touches(fix: Fix, spans) -> bool:
    """Whether an edit of the fix falls in one of these (start, end) spans."""
    for edit in fix.edits:
        for start, end in spans:
            if (edit.start.line, edit.start.column) < (end.line, end.column) and \
                    (start.line, start.column) < (edit.end.line, edit.end.column):
                return True
    return False
