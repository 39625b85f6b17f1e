"""Reporters: one module per output format, chosen with `--format`.

A reporter is a function `render(report, *, statistics=False, quiet=False) -> str` that turns a
finished run into the text printed on stdout. It never decides anything (the run and its exit
code are settled before); adding a format is adding one module and one line in FORMATS.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from nncheck.runner import RunReport

# format name → module under nncheck.report that defines `render`.
FORMATS: dict[str, str] = {
    "text": "nncheck.report.text",
    "json": "nncheck.report.json",
    "github": "nncheck.report.github",
    "sarif": "nncheck.report.sarif",
}


class Renderer(Protocol):
    def __call__(self, report: "RunReport", *, statistics: bool = False, quiet: bool = False) -> str:
        ...


def get_renderer(name: str) -> Renderer:
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(FORMATS[name]).render


def render(report: "RunReport", output_format: str = "text", *, statistics: bool = False, quiet: bool = False) -> str:
    return get_renderer(output_format)(report, statistics=statistics, quiet=quiet)


__all__ = ["FORMATS", "Renderer", "get_renderer", "render"]
