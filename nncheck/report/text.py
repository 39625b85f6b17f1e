"""The default output, Ruff's concise style: `path:line:col: CODE [*] message`, then a summary.

`[*]` marks a diagnostic that `--fix` can fix safely. `--statistics` prints one tab-separated
`count<TAB>CODE<TAB>[*] name` line per code instead of the diagnostics; `--quiet` drops the
summary.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nncheck.diagnostics import Diagnostic
from nncheck.report.statistics import statistics as count_statistics

if TYPE_CHECKING:
    from nncheck.runner import RunReport


def diagnostic_line(diagnostic: Diagnostic) -> str:
    marker = "[*] " if diagnostic.fixable else ""
    return (
        f"{diagnostic.path}:{diagnostic.start.line}:{diagnostic.start.column}: "
        f"{diagnostic.code} {marker}{diagnostic.message}"
    )


def statistics_lines(report: "RunReport") -> list[str]:
    stats = count_statistics(report)
    if not stats:
        return []
    count_width = max(len(str(stat.count)) for stat in stats)
    code_width = max(len(stat.code) for stat in stats)
    any_fixable = any(stat.fixable for stat in stats)
    lines = []
    for stat in stats:
        marker = ("[*] " if stat.fixable else "[ ] ") if any_fixable else ""
        lines.append(f"{stat.count:>{count_width}}\t{stat.code:<{code_width}}\t{marker}{stat.name}")
    return lines


def summary_lines(report: "RunReport") -> list[str]:
    count, fixable, unreadable = report.count, report.fixable_count, len(report.errors)
    lines = []
    if count:
        lines.append(f"Found {count} {'problem' if count == 1 else 'problems'}.")
        if fixable:
            lines.append(f"[*] {fixable} fixable with the --fix option.")
    elif not unreadable:
        lines.append("All checks passed!")
    if unreadable:
        # Never say "all checks passed" when something was not checked.
        lines.append(
            f"{unreadable} {'error' if unreadable == 1 else 'errors'} kept nncheck from checking "
            "everything (see above)."
        )
    return lines


def render(report: "RunReport", *, statistics: bool = False, quiet: bool = False) -> str:
    if statistics:
        lines = statistics_lines(report)
    else:
        lines = [diagnostic_line(diagnostic) for _, diagnostic in report.diagnostics()]
    if not quiet:
        lines.extend(summary_lines(report))
    return "".join(line + "\n" for line in lines)
