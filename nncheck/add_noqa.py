"""`--add-noqa`: write a `# noqa: CODE` comment on each line that has a finding, as Ruff does,
so that a project can adopt nncheck (or a new rule) and fix the findings later.

A line that already has `# noqa: CODES` gets the new codes added to its list; a line with a bare
`# noqa` already suppresses everything. A finding on a line where no comment can go (inside a
multi-line string, or a line continued with a backslash) is left as it is. Files are written
as `--fix` writes them (atomically, byte order mark kept; a notebook's other cells and its
outputs untouched); a notebook's masked IPython lines never get a comment.
"""
from __future__ import annotations

import io
import re
import tokenize
from collections import defaultdict
from typing import TYPE_CHECKING

from nncheck.notebook import NotebookError, protected_lines, split_lines
from nncheck.suppress import NOQA

if TYPE_CHECKING:
    from nncheck.results import RunReport


def _scan(source: str) -> tuple[set[int], dict[int, int]]:
    """Lines whose end lies inside a multi-line string (a comment there would be text), and the
    column where each line's comment starts."""
    inside: set[int] = set()
    comments: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0], token.end[0]))
            elif token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return inside, comments


def with_noqa(source: str, codes_by_line: dict[int, set[str]], protected: set[int] = frozenset()) -> tuple[str, int]:
    """The source with the comments added, and how many lines got one."""
    lines = split_lines(source)
    inside, comments = _scan(source)
    skip = inside | set(protected)
    added = 0
    for number in sorted(codes_by_line):
        if number in skip or not 1 <= number <= len(lines):
            continue
        line = lines[number - 1]
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        if body.rstrip().endswith("\\"):
            continue
        codes = codes_by_line[number]
        match = NOQA.search(body, comments[number]) if number in comments else None
        if match is not None:
            present = match.group("codes")
            if not present:
                continue  # a bare `# noqa` covers everything already
            have = [code.upper() for code in re.split(r"[,\s]+", present) if code]
            new = [code for code in sorted(codes) if not any(code.startswith(h) for h in have)]
            if not new:
                continue
            start, end = match.span("codes")
            body = body[:start] + ", ".join(have + new) + body[end:]
        else:
            body = body.rstrip() + "  # noqa: " + ", ".join(sorted(codes))
        lines[number - 1] = body + ending
        added += 1
    return "".join(lines), added


def add_noqa(report: "RunReport") -> int:
    """Add the comments to every checked file with findings; return how many were added.
    Problems (a file that cannot be written) become the report's errors."""
    from nncheck.fix import FixError, write_fixed, parses

    total = 0
    for file in sorted(report.files, key=lambda file: file.display):
        source = file.result.source
        if not file.result.diagnostics or source is None or file.path is None or file.stdin:
            continue
        codes: dict[int, set[str]] = defaultdict(set)
        for diagnostic in file.result.diagnostics:
            if diagnostic.code == "NN900":
                continue  # a file that does not parse cannot take a comment safely
            codes[diagnostic.start.line].add(diagnostic.code)
        protected = protected_lines(source) if file.notebook is not None else set()
        updated, added = with_noqa(source, codes, protected)
        if not added:
            continue
        if not parses(updated):
            report.errors.append(f"{file.display}: adding `# noqa` comments would break the code; not changed")
            continue
        try:
            data = file.notebook.rebuild(updated) if file.notebook is not None else updated
            write_fixed(file, source, data)
        except (NotebookError, FixError) as problem:
            report.errors.append(f"{file.display}: {problem}")
            continue
        total += added
    return total
