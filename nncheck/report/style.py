"""Colour for the text formats, as Ruff colours them, and when to use it.

Colour is on when `--color always`, off when `--color never`; with `auto` (the default) it
follows the conventions terminals share: `NO_COLOR` (any non-empty value) turns it off,
`FORCE_COLOR` (any non-empty value) turns it on, and otherwise it is on only when the output is
a terminal. Only the text formats are coloured; JSON, SARIF and GitHub annotations never are.
"""
from __future__ import annotations

import os
from typing import IO, Mapping

import click

CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: IO | None, environ: Mapping[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):
        return False


class Style:
    """The few styles the reports use; each is the identity when colour is off."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def _style(self, text: str, **how) -> str:
        return click.style(text, **how) if self.enabled and text else text

    def path(self, text: str) -> str:
        return self._style(text, bold=True)

    def separator(self, text: str) -> str:
        return self._style(text, fg="cyan")

    def code(self, text: str) -> str:
        return self._style(text, fg="bright_red", bold=True)

    def fixable(self, text: str) -> str:
        return self._style(text, fg="bright_cyan", bold=True)

    def message(self, text: str) -> str:
        return self._style(text, bold=True)

    def gutter(self, text: str) -> str:
        return self._style(text, fg="bright_blue", bold=True)

    def caret(self, text: str) -> str:
        return self._style(text, fg="bright_red", bold=True)

    def help(self, text: str) -> str:
        return self._style(text, fg="bright_cyan", bold=True)

    def removed(self, text: str) -> str:
        return self._style(text, fg="red")

    def added(self, text: str) -> str:
        return self._style(text, fg="green")

    def summary(self, text: str) -> str:
        return self._style(text, bold=True)


PLAIN = Style(False)
