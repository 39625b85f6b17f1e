"""Counts per rule, shared by the text and JSON forms of `--statistics`."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nncheck.results import RunReport


@dataclass(frozen=True)
class Statistic:
    code: str
    name: str
    count: int
    fixable: bool


def statistics(report: "RunReport") -> list[Statistic]:
    """One line per code, the most frequent first (then by code), as Ruff orders them."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    fixable: dict[str, bool] = {}
    for _, diagnostic in report.diagnostics():
        counts[diagnostic.code] += 1
        names[diagnostic.code] = diagnostic.name
        fixable[diagnostic.code] = fixable.get(diagnostic.code, False) or report.is_fixable(diagnostic)
    return [
        Statistic(code, names[code], count, fixable[code])
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
