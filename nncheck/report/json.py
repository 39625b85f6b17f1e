"""`--format json`: a list of objects with Ruff's keys, so tools that read Ruff's JSON read ours.

Keys: code, message, filename (absolute), location {row, column}, end_location, fix (null or
{applicability, message, edits: [{content, location, end_location}]}), url, noqa_row, cell
(always null until notebooks are supported), plus name and severity. With `--statistics`, a list
of {code, name, count, fixable} instead.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from nncheck.diagnostics import Diagnostic, Fix, Position
from nncheck.report.statistics import statistics as count_statistics

if TYPE_CHECKING:
    from nncheck.runner import RunReport


def location(position: Position) -> dict[str, int]:
    return {"row": position.line, "column": position.column}


def fix_object(fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.title,
        "edits": [
            {"content": edit.content, "location": location(edit.start), "end_location": location(edit.end)}
            for edit in fix.edits
        ],
    }


def diagnostic_object(diagnostic: Diagnostic, filename: str) -> dict[str, Any]:
    return {
        "cell": None,
        "code": diagnostic.code,
        "end_location": location(diagnostic.end),
        "filename": filename,
        "fix": fix_object(diagnostic.fix),
        "location": location(diagnostic.start),
        "message": diagnostic.message,
        "name": diagnostic.name,
        "noqa_row": diagnostic.start.line,
        "severity": diagnostic.severity.value,
        "url": diagnostic.url,
    }


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False) -> str:
    data: list[dict[str, Any]]
    if statistics:
        data = [
            {"code": stat.code, "name": stat.name, "count": stat.count, "fixable": stat.fixable}
            for stat in count_statistics(report)
        ]
    else:
        data = [diagnostic_object(d, file.filename) for file, d in report.diagnostics()]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
