"""What a run is asked to do and what it found: the options, each checked file, the report.

These are the nouns that the runner fills in and that the fixer, `--add-noqa` and the reporters
read; they live below all of them so that none of those needs to import the runner."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from nncheck.budget import DEFAULT_LIMITS, Limits
from nncheck.config import Overrides, split_selectors
from nncheck.diagnostics import Diagnostic, FileResult
from nncheck.notebook import Notebook


@dataclass(frozen=True)
class Options:
    """Everything a check run needs, as parsed from the command line."""

    paths: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    isolated: bool = False
    force_exclude: bool = False
    stdin_filename: str | None = None
    output_format: str = "text"
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    # Fix mode (nncheck/fix.py): apply the safe fixes, only show them as a diff, add unsafe ones.
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    # --add-noqa: write a `# noqa: CODE` comment on every line that has a finding.
    add_noqa: bool = False
    # --[no-]respect-gitignore; None: as the config says (respected by default).
    respect_gitignore: bool | None = None
    # Each file's budget (time, memory, model size); see nncheck.budget.
    limits: Limits = DEFAULT_LIMITS
    # --no-cache is False; None: as the config says (on by default; see nncheck.cache).
    cache: bool | None = None
    # A progress line on stderr when it is a terminal and the run takes long (nncheck.progress).
    progress: bool = False

    @classmethod
    def from_flags(
        cls,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        extend_ignore: Sequence[str] = (),
        **rest,
    ) -> "Options":
        """Build from raw flag values: repeated and comma-separated selectors are flattened;
        --extend-ignore is --ignore (as in Ruff, where it is kept for old configurations)."""
        return cls(
            select=split_selectors(select) if select else None,
            extend_select=split_selectors(extend_select) or (),
            ignore=split_selectors(tuple(ignore) + tuple(extend_ignore)) or (),
            **rest,
        )

    @property
    def overrides(self) -> Overrides:
        return Overrides(select=self.select, extend_select=self.extend_select, ignore=self.ignore)


@dataclass
class CheckedFile:
    """One checked input: the path to show, the absolute path (None for anonymous stdin) and
    what the engine found."""

    display: str
    path: Path | None
    result: FileResult
    rules: tuple | None = None  # the rules it was checked with (the fixer checks again with them)
    stdin: bool = False  # read from stdin (even with --stdin-filename): never written back
    cached: bool = False  # the result came from the results cache (nncheck.cache)
    # A notebook: result positions are in its program; this maps them back to cells.
    notebook: Notebook | None = None

    @property
    def filename(self) -> str:
        """The absolute file name, as JSON/SARIF/GitHub reports give it."""
        return str(self.path) if self.path is not None else self.display

    def where(self, position) -> str:
        """`path:line:col`, or `path:cell N:row:col` in a notebook."""
        if self.notebook is not None:
            return f"{self.display}:{self.notebook.where(position)}"
        return f"{self.display}:{position.line}:{position.column}"


@dataclass
class RunReport:
    files: list[CheckedFile] = field(default_factory=list)
    # Problems with the input or the checker, one line each (they make the run exit 2).
    errors: list[str] = field(default_factory=list)
    # What was not checked or not done as usual, and why (a file over its budget, a hard-linked
    # file fixed in place), one line each: warnings, which leave the exit code alone.
    notes: list[str] = field(default_factory=list)
    # --unsafe-fixes: unsafe fixes count as fixable (and are applied with --fix).
    unsafe_fixes: bool = False
    # What --fix / --diff did (a nncheck.fix.FixSummary), None when not fixing.
    fix: object | None = None
    # --add-noqa: how many `# noqa` comments were written (None when not asked).
    noqa_added: int | None = None

    def diagnostics(self) -> Iterator[tuple[CheckedFile, Diagnostic]]:
        for file in sorted(self.files, key=lambda file: file.display):
            for diagnostic in file.result.diagnostics:
                yield file, diagnostic

    @property
    def count(self) -> int:
        return sum(len(file.result.diagnostics) for file in self.files)

    @property
    def fixable_count(self) -> int:
        return sum(1 for _, diagnostic in self.diagnostics() if self.is_fixable(diagnostic))

    def is_fixable(self, diagnostic: Diagnostic) -> bool:
        """Would `--fix` (with this run's --unsafe-fixes setting) fix it?"""
        return diagnostic.fix_applies(self.unsafe_fixes)

    @property
    def hidden_fix_count(self) -> int:
        """Unsafe fixes that only --unsafe-fixes enables."""
        if self.unsafe_fixes:
            return 0
        return sum(1 for _, d in self.diagnostics() if d.fix_applies(True) and not d.fix_applies(False))
