"""`--format github`: GitHub Actions workflow commands, one annotation per diagnostic.

`::error title=nncheck (NN101),file=/abs/x.py,line=3,col=5,endLine=3,endColumn=9::x.py:3:5: NN101 msg`
(as Ruff writes them). Warnings become `::warning`, info becomes `::notice`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nncheck.diagnostics import Severity
from nncheck.report.text import diagnostic_line

if TYPE_CHECKING:
    from nncheck.runner import RunReport

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False) -> str:
    lines = []
    for file, d in report.diagnostics():
        properties = ",".join(
            [
                f"title={_escape_property(f'nncheck ({d.code})')}",
                f"file={_escape_property(file.filename)}",
                f"line={d.start.line}",
                f"col={d.start.column}",
                f"endLine={d.end.line}",
                f"endColumn={d.end.column}",
            ]
        )
        lines.append(f"::{LEVELS[d.severity]} {properties}::{_escape_data(diagnostic_line(d))}")
    return "".join(line + "\n" for line in lines)
