"""`--format sarif`: SARIF 2.1.0, for code-scanning tools (GitHub code scanning, IDEs)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nncheck import __version__
from nncheck.diagnostics import DOCS_URL, Severity

if TYPE_CHECKING:
    from nncheck.runner import RunReport

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
            "helpUri": f"{DOCS_URL}#{rule.code.lower()}-{rule.name}",
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"default": rule.default, "fix": rule.fix_availability},
        }
        for rule in ALL_RULES
    ]


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False) -> str:
    results = []
    for file, d in report.diagnostics():
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(file.filename)},
                        "region": {
                            "startLine": d.start.line,
                            "startColumn": d.start.column,
                            "endLine": d.end.line,
                            "endColumn": d.end.column,
                        },
                    }
                }
            ],
        }
        if d.fix is not None:
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
