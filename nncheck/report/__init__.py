"""Reporters: one module per output format, chosen with `--format`.

A reporter is a function `render(report, *, statistics=False, quiet=False, color=False,
show_fixes=False) -> str` that turns a finished run into the text printed on stdout (only the
text formats use colour and --show-fixes). It never decides anything (the run and its exit
code are settled before); adding a format is adding one module and one line in FORMATS.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from nncheck.results import RunReport

# format name → module under nncheck.report that defines `render`.
FORMATS: dict[str, str] = {
    "text": "nncheck.report.text",  # the same as concise (the default)
    "concise": "nncheck.report.text",
    "full": "nncheck.report.full",
    "json": "nncheck.report.json",
    "github": "nncheck.report.github",
    "sarif": "nncheck.report.sarif",
}


class Renderer(Protocol):
    def __call__(
        self,
        report: "RunReport",
        *,
        statistics: bool = False,
        quiet: bool = False,
        color: bool = False,
        show_fixes: bool = False,
    ) -> str:
        ...


def get_renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(FORMATS[name]).render


def render(
    report: "RunReport",
    output_format: str = "text",
    *,
    statistics: bool = False,
    quiet: bool = False,
    color: bool = False,
    show_fixes: bool = False,
) -> str:
    return get_renderer(output_format)(
        report, statistics=statistics, quiet=quiet, color=color, show_fixes=show_fixes
    )


# The formats whose output is for people (coloured on a terminal).
TEXT_FORMATS = ("text", "concise", "full")


__all__ = ["FORMATS", "TEXT_FORMATS", "Renderer", "get_renderer", "render"]
