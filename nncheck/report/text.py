"""The default output, Ruff's concise style: `path:line:col: CODE [*] message`, then a summary
(`--output-format concise`, also called `text`). In a notebook the position reads
`path:cell N:row:col`.

`[*]` marks a diagnostic that `--fix` can fix: its safe fix, or, with `--unsafe-fixes`, an unsafe
one too (as Ruff shows them). After `--fix` the summary says how many were fixed and how many
remain; unsafe fixes that only `--unsafe-fixes` enables are counted as hidden. `--statistics` prints one tab-separated
`count<TAB>CODE<TAB>[*] name` line per code instead of the diagnostics; `--quiet` drops the
summary. With `--show-fixes`, after `--fix`, the fixes applied are listed per file as Ruff lists
them (`- path:` then `    2 × NN302 (bias-inside-product)`).
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from nncheck.diagnostics import Diagnostic
from nncheck.report.statistics import statistics as count_statistics
from nncheck.report.style import PLAIN, Style

if TYPE_CHECKING:
    from nncheck.results import RunReport


def diagnostic_line(
    diagnostic: Diagnostic,
    fixable: bool | None = None,
    location: str | None = None,
    style: Style = PLAIN,
) -> str:
    """One concise line. `location` is `path:line:col` (or `path:cell N:row:col`); by default
    the diagnostic's own path and start."""
    if fixable is None:
        fixable = diagnostic.fixable
    if location is None:
        location = f"{diagnostic.path}:{diagnostic.start.line}:{diagnostic.start.column}"
    path, _, place = _split_location(location)
    marker = style.fixable("[*]") + " " if fixable else ""
    colon = style.separator(":")
    shown = style.path(path) + colon + colon.join(place.split(":")) if style.enabled else location
    return f"{shown}{colon} {style.code(diagnostic.code)} {marker}{diagnostic.message}"


def _split_location(location: str) -> tuple[str, str, str]:
    """`path`, `:`, `line:col` (or `cell N:row:col`), for colouring the parts apart."""
    head, sep, tail = location.rpartition(":cell ")
    if sep:
        return head, ":", "cell " + tail
    parts = location.rsplit(":", 2)
    if len(parts) == 3:
        return parts[0], ":", parts[1] + ":" + parts[2]
    return location, "", ""


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
    if count == 1:
        return f"{count} {word}"
    return f"{count} {word + 'es' if word.endswith(('x', 's')) else word + 's'}"


def _hidden(count: int) -> str:
    return f"{_plural(count, 'hidden fix')} can be enabled with the --unsafe-fixes option"


def fixed_lines(report: "RunReport") -> list[str]:
    """`--show-fixes` after `--fix`: what was fixed, per file (Ruff's enumeration)."""
    by_file: dict[str, Counter] = getattr(report.fix, "by_file", None) or {}
    if not any(by_file.values()):
        return []
    names = _names()
    total = sum(sum(counts.values()) for counts in by_file.values())
    lines = ["", f"Fixed {_plural(total, 'problem')}:"]
    for path in sorted(by_file):
        counts = by_file[path]
        if not counts:
            continue
        lines.append(f"- {path}:")
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            name = names.get(code)
            lines.append(f"    {count} × {code}" + (f" ({name})" if name else ""))
    lines.append("")
    return lines


def _names() -> dict[str, str]:
    from nncheck.rules import ALL_RULES

    return {rule.code: rule.name for rule in ALL_RULES}


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
        partly = sum(1 for file in report.files if file.result.notes)
        # Never "all checks passed" when some were skipped (the warnings above say which).
        lines.append("All checks passed!" if not partly else
                     f"No problems found, but {_plural(partly, 'file')} could not be fully checked "
                     "(see the warnings above).")
    if unreadable:
        # Never say "all checks passed" when something was not checked.
        lines.append(
            f"{unreadable} {'error' if unreadable == 1 else 'errors'} kept nncheck from checking "
            "everything (see above)."
        )
    return lines


def render(
    report: "RunReport",
    *,
    statistics: bool = False,
    quiet: bool = False,
    color: bool = False,
    show_fixes: bool = False,
) -> str:
    style = Style(color)
    if statistics:
        lines = statistics_lines(report)
    else:
        lines = [
            diagnostic_line(diagnostic, report.is_fixable(diagnostic), file.where(diagnostic.start), style)
            for file, diagnostic in report.diagnostics()
        ]
    if show_fixes and not quiet:
        lines.extend(fixed_lines(report))
    if not quiet:
        lines.extend(summary_lines(report))
    return "".join(line + "\n" for line in lines)


def _any_unsafe(report: "RunReport") -> bool:
    return any(
        report.is_fixable(d) and not d.fixable for _, d in report.diagnostics()
    )
