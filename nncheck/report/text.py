"""The default output, Ruff's concise style: `path:line:col: CODE [*] message`, then a summary.

`[*]` marks a diagnostic that `--fix` can fix: its safe fix, or, with `--unsafe-fixes`, an unsafe
one too (as Ruff shows them). After `--fix` the summary says how many were fixed and how many
remain; unsafe fixes that only `--unsafe-fixes` enables are counted as hidden. `--statistics` prints one tab-separated
`count<TAB>CODE<TAB>[*] name` line per code instead of the diagnostics; `--quiet` drops the
summary.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from nncheck.diagnostics import Diagnostic
from nncheck.report.statistics import statistics as count_statistics

if TYPE_CHECKING:
    from nncheck.runner import RunReport


def diagnostic_line(diagnostic: Diagnostic, fixable: bool | None = None) -> str:
    if fixable is None:
        fixable = diagnostic.fixable
    marker = "[*] " if fixable else ""
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


def _plural(count: int, word: str) -> str:
    return f"{count} {word if count == 1 else word + 's'}"


def _hidden(count: int) -> str:
    return f"{_plural(count, 'hidden fix')} can be enabled with the --unsafe-fixes option"


def summary_lines(report: "RunReport") -> list[str]:
    count, fixable, unreadable = report.count, report.fixable_count, len(report.errors)
    hidden = report.hidden_fix_count
    fixed = report.fix.fixed_count if report.fix is not None else 0
    lines = []
    if fixed:
        # Ruff's wording after --fix: the diagnostics left are those of the fixed files.
        lines.append(f"Found {_plural(count + fixed, 'problem')} ({fixed} fixed, {count} remaining).")
    elif count:
        lines.append(f"Found {_plural(count, 'problem')}.")
    if count:
        if fixable:
            options = "--fix --unsafe-fixes options" if report.unsafe_fixes and _any_unsafe(report) else "--fix option"
            more = f" ({_hidden(hidden)})" if hidden else ""
            lines.append(f"[*] {fixable} fixable with the {options}{more}.")
        elif hidden:
            lines.append(f"No fixes available ({_hidden(hidden)}).")
    elif not unreadable and not fixed:
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
        lines = [diagnostic_line(diagnostic, report.is_fixable(diagnostic)) for _, diagnostic in report.diagnostics()]
    if not quiet:
        lines.extend(summary_lines(report))
    return "".join(line + "\n" for line in lines)


def _any_unsafe(report: "RunReport") -> bool:
    return any(
        report.is_fixable(d) and not d.fixable for _, d in report.diagnostics()
    )
