"""`--format json`: a list of objects with Ruff's keys, so tools that read Ruff's JSON read ours.

Keys: code, message, filename (absolute), location {row, column}, end_location, fix (null or
{applicability, message, edits: [{content, location, end_location}]}), url, noqa_row, cell, plus
name and severity. In a notebook, as in Ruff, `cell` is the cell's number (counting every cell
from 1) and every row (locations, edits, noqa_row) counts within that cell; elsewhere `cell` is
null. With `--statistics`, a list
of {code, name, count, fixable} instead.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nncheck.diagnostics import Diagnostic, Fix, Position
from nncheck.report.statistics import statistics as count_statistics

if TYPE_CHECKING:
    from nncheck.notebook import Notebook
    from nncheck.results import RunReport


def location(position: Position, notebook: "Notebook | None" = None) -> dict[str, int]:
    if notebook is not None:
        position = notebook.locate(position)[1]
    return {"row": position.line, "column": position.column}


def fix_object(fix: Fix | None, notebook: "Notebook | None" = None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.title,
        "edits": [
            {
                "content": edit.content,
                "location": location(edit.start, notebook),
                "end_location": location(edit.end, notebook),
            }
            for edit in fix.edits
        ],
    }


def diagnostic_object(diagnostic: Diagnostic, filename: str, notebook: "Notebook | None" = None) -> dict[str, Any]:
    start = location(diagnostic.start, notebook)
    return {
        "cell": notebook.locate(diagnostic.start)[0] if notebook is not None else None,
        "code": diagnostic.code,
        "end_location": location(diagnostic.end, notebook),
        "filename": filename,
        "fix": fix_object(diagnostic.fix, notebook),
        "location": start,
        "message": diagnostic.message,
        "name": diagnostic.name,
        "noqa_row": start["row"],
        "severity": diagnostic.severity.value,
        "url": diagnostic.url,
    }


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False, **_: object) -> str:
    data: list[dict[str, Any]]
    if statistics:
        data = [
            {"code": stat.code, "name": stat.name, "count": stat.count, "fixable": stat.fixable}
            for stat in count_statistics(report)
        ]
    else:
        data = [diagnostic_object(d, file.filename, file.notebook) for file, d in report.diagnostics()]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
