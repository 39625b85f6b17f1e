"""`--format github`: GitHub Actions workflow commands, one annotation per diagnostic.

`::error title=nncheck (NN101),file=/abs/x.py,line=3,col=5,endLine=3,endColumn=9::x.py:3:5: NN101 msg`
(as Ruff writes them). Warnings become `::warning`, info becomes `::notice`. In a notebook the
message reads `x.ipynb:cell N:row:col: ...` and line/col point at that character in the
notebook's JSON text, which is the file GitHub annotates.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nncheck.diagnostics import Severity
from nncheck.report.text import diagnostic_line

if TYPE_CHECKING:
    from nncheck.results import RunReport

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False, **_: object) -> str:
    lines = []
    for file, d in report.diagnostics():
        start, end = d.start, d.end
        if file.notebook is not None:
            start, end = file.notebook.physical(start), file.notebook.physical(end)
        properties = ",".join(
            [
                f"title={_escape_property(f'nncheck ({d.code})')}",
                f"file={_escape_property(file.filename)}",
                f"line={start.line}",
                f"col={start.column}",
                f"endLine={end.line}",
                f"endColumn={end.column}",
            ]
        )
        message = diagnostic_line(d, location=file.where(d.start))
        lines.append(f"::{LEVELS[d.severity]} {properties}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)
