"""`--output-format full`: each finding with its source line and a caret under the span, as
Ruff's default output shows it:

    NN302 [*] bias 'b' is added to the weights inside the product ...
     --> net.py:12:15
       |
    11 |     def forward(self, X):
    12 |         return X @ (self.W + self.b)
       |                     ^^^^^^^^^^^^^^^
    13 |
       |
    help: Add the bias after the product

Two lines of context on each side; in a notebook the lines, their numbers and the context are
the cell's (`--> net.ipynb:cell 3:2:15`). With `--show-fixes` the change a fix makes follows
its help line as `-`/`+` lines. The summary is the concise format's.
"""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from nncheck.diagnostics import Diagnostic
from nncheck.report.style import Style
from nncheck.report.text import fixed_lines, statistics_lines, summary_lines

if TYPE_CHECKING:
    from nncheck.results import CheckedFile, RunReport

CONTEXT = 2
TAB = 4


def _source_lines(file: "CheckedFile", diagnostic: Diagnostic) -> tuple[int, int, list[str]]:
    """The line number to show, the column, and the lines the finding is in (the file's, or in
    a notebook its cell's as written)."""
    if file.notebook is not None and file.notebook.cells:
        _, row, lines = file.notebook.cell_lines(diagnostic.start)
        return row, diagnostic.start.column, lines
    source = file.result.source or ""
    from nncheck.notebook import split_lines

    return diagnostic.start.line, diagnostic.start.column, [line.rstrip("\r\n") for line in split_lines(source)]


def _span_end(diagnostic: Diagnostic, line_text: str) -> int:
    """The last column (exclusive) the caret covers: the span's end on its first line."""
    if diagnostic.end.line == diagnostic.start.line:
        return max(diagnostic.end.column, diagnostic.start.column + 1)
    return max(len(line_text) + 1, diagnostic.start.column + 1)


def frame(file: "CheckedFile", diagnostic: Diagnostic, style: Style) -> list[str]:
    row, column, lines = _source_lines(file, diagnostic)
    if not lines:
        lines = [""]
    row = min(max(row, 1), len(lines))
    first, last = max(1, row - CONTEXT), min(len(lines), row + CONTEXT)
    while last > row and not lines[last - 1].strip():
        last -= 1  # trailing blank lines add nothing
    width = len(str(last))
    bar = style.gutter(" " * width + " |")
    out = [bar]
    for number in range(first, last + 1):
        text = lines[number - 1]
        shown = text.expandtabs(TAB)
        out.append(f"{style.gutter(str(number).rjust(width) + ' |')} {shown}".rstrip())
        if number == row:
            end = _span_end(diagnostic, text)
            # Columns count characters; a tab before the span takes the room it is shown with.
            before = len(text[: column - 1].expandtabs(TAB))
            under = len(text[: end - 1].expandtabs(TAB)) - before if end - 1 <= len(text) else end - column
            out.append(f"{bar} {' ' * before}{style.caret('^' * max(under, 1))}")
    out.append(bar)
    return out


def fix_preview(file: "CheckedFile", diagnostic: Diagnostic, style: Style) -> list[str]:
    """The lines a fix changes, as `-`/`+` lines."""
    from nncheck.fix import FixError, apply_edits

    source = file.result.source
    if diagnostic.fix is None or source is None:
        return []
    try:
        after = apply_edits(source, diagnostic.fix.edits)
    except FixError:
        return []
    out = []
    for line in difflib.unified_diff(source.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append(style.removed(line) if line.startswith("-") else style.added(line))
    return out


def render(
    report: "RunReport",
    *,
    statistics: bool = False,
    quiet: bool = False,
    color: bool = False,
    show_fixes: bool = False,
) -> str:
    style = Style(color)
    lines: list[str] = []
    if statistics:
        lines = statistics_lines(report)
    else:
        for file, diagnostic in report.diagnostics():
            marker = " " + style.fixable("[*]") if report.is_fixable(diagnostic) else ""
            lines.append(f"{style.code(diagnostic.code)}{marker} {style.message(diagnostic.message)}")
            lines.append(f" {style.gutter('-->')} {file.where(diagnostic.start)}")
            lines.extend(frame(file, diagnostic, style))
            if diagnostic.fix is not None:
                lines.append(f"{style.help('help')}: {diagnostic.fix.title}")
                if show_fixes:
                    lines.extend(fix_preview(file, diagnostic, style))
            lines.append("")
    if show_fixes and not quiet:
        lines.extend(fixed_lines(report))
    if not quiet:
        lines.extend(summary_lines(report))
    return "".join(line + "\n" for line in lines)
