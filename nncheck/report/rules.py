"""What nncheck says about its rules: `nncheck rule CODE` (`--explain`), `nncheck rules`
(`--list-rules`), their JSON forms, and the README's markdown table."""
from __future__ import annotations

import json
from typing import Any, Sequence

from nncheck.rules import ALL_RULES, Rule

FIX_TEXT = {
    "always": "Fix is always available.",
    "sometimes": "Fix is sometimes available.",
    "none": "Fix is not available.",
}


def default_text(rule: type[Rule]) -> str:
    return "on" if rule.default else "off"


def explain(rule: type[Rule]) -> str:
    """Markdown, as `ruff rule` prints it: title, facts, the documentation, then the examples
    that the test suite runs (so they are known to be right)."""
    on = "yes" if rule.default else f"no (enable it with --extend-select {rule.code})"
    sections = [
        f"# {rule.name} ({rule.code})",
        "\n".join(
            [
                f"Severity: {rule.severity.value}.",
                f"On by default: {on}.",
                FIX_TEXT.get(rule.fix_availability, f"Fix: {rule.fix_availability}."),
            ]
        ),
        rule.documentation().strip(),
    ]
    for title, examples in (
        ("## Examples nncheck flags", rule.INVALID),
        ("## Examples nncheck accepts", rule.VALID),
    ):
        if examples:
            sections.append(title)
            sections += [f"```python\n{example.source.rstrip()}\n```" for example in examples]
    return "\n\n".join(section for section in sections if section) + "\n"


def rule_object(rule: type[Rule]) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary,
        "severity": rule.severity.value,
        "default": rule.default,
        "fix_availability": rule.fix_availability,
        "explanation": rule.documentation(),
    }


def explain_json(rule: type[Rule]) -> str:
    return json.dumps(rule_object(rule), indent=2, ensure_ascii=False) + "\n"


def list_rules(rules: Sequence[type[Rule]] = ALL_RULES) -> str:
    """A plain table: code, name, severity, default, fix."""
    rows = [("code", "name", "severity", "default", "fix")]
    rows += [(r.code, r.name, r.severity.value, default_text(r), r.fix_availability) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def list_rules_json(rules: Sequence[type[Rule]] = ALL_RULES) -> str:
    return json.dumps([rule_object(rule) for rule in rules], indent=2, ensure_ascii=False) + "\n"


def markdown_table(rules: Sequence[type[Rule]] = ALL_RULES) -> str:
    """The README's rule table (regenerate with `python scripts/rule_table.py --write`)."""

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = [
        "| code | name | severity | default | fix | summary |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules:
        lines.append(
            f"| {rule.code} | {rule.name} | {rule.severity.value} | {default_text(rule)} | "
            f"{rule.fix_availability} | {cell(rule.summary)} |"
        )
    return "\n".join(lines) + "\n"
