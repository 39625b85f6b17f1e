"""`--format sarif`: SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDEs).

Regions are positions in the file. In a notebook that file is the JSON text, so the region
points at the character in it, and the location's message says `x.ipynb:cell N:row:col`, the
position in the cell's code; a notebook's fixes are not listed as replacements (they are edits
of its code, not of its JSON text). Each rule's `helpUri` is its page in docs/rules/.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nncheck import __version__
from nncheck.diagnostics import Severity, rule_url

if TYPE_CHECKING:
    from nncheck.results import RunReport

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(filename: str) -> str:
    path = Path(filename)
    return path.as_uri() if path.is_absolute() else filename


def _rules() -> list[dict[str, Any]]:
    from nncheck.rules import ALL_RULES

    return [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.documentation()},
            "help": {"text": rule.documentation(), "markdown": rule.documentation()},
            "helpUri": rule_url(rule.code),
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"default": rule.default, "fix": rule.fix_availability},
        }
        for rule in ALL_RULES
    ]


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False, **_: object) -> str:
    results = []
    for file, d in report.diagnostics():
        start, end = d.start, d.end
        if file.notebook is not None:
            start, end = file.notebook.physical(start), file.notebook.physical(end)
        where: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(file.filename)},
                "region": {
                    "startLine": start.line,
                    "startColumn": start.column,
                    "endLine": end.line,
                    "endColumn": end.column,
                },
            }
        }
        if file.notebook is not None:
            where["message"] = {"text": file.where(d.start)}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [where],
        }
        if d.fix is not None and file.notebook is None:
            result["fixes"] = [
                {
                    "description": {"text": d.fix.title},
                    "artifactChanges": [
                        {
                            "artifactLocation": {"uri": _uri(file.filename)},
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": edit.start.line,
                                        "startColumn": edit.start.column,
                                        "endLine": edit.end.line,
                                        "endColumn": edit.end.column,
                                    },
                                    "insertedContent": {"text": edit.content},
                                }
                                for edit in d.fix.edits
                            ],
                        }
                    ],
                }
            ]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nncheck",
                        "version": __version__,
                        "informationUri": "https://github.com/nncheck/nncheck",
                        "rules": _rules(),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
