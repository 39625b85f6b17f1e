"""The command line: parses flags into `Options` and calls the run, the reporters, the rule docs
or the demo. No analysis happens here.

    nncheck [check] [OPTIONS] [PATHS]...     check files, notebooks and folders (`-` reads stdin)
    nncheck rule CODE                a rule's documentation (same as --explain CODE)
    nncheck rules                    the list of rules (same as --list-rules)
    nncheck --demo [SCRIPT]          train the network as written and as fixed
            [--plot FILE.png] [--run] [--gradcheck] [--timeout SECONDS] [--data FILE]

Exit codes, as Ruff's: 0 no problems, 1 problems found, 2 usage error, unreadable input or
internal error (2 wins over 1; --exit-zero turns 1 into 0 but keeps 2).
"""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import NoReturn, Sequence

import click

from nncheck import __version__
from nncheck.report import FORMATS, TEXT_FORMATS
from nncheck.report.style import CHOICES as COLOR_CHOICES

# Only what the flags' definitions need is imported here: `nncheck --version` and `--help` must
# answer before the rules, the model, NumPy and the fixer are loaded (a pre-commit hook pays
# for every import on every commit). The run imports them when it needs them.

PROG = "nncheck"
EXIT_ERROR = 2  # nncheck.runner.EXIT_ERROR, without importing the runner
EXIT_INTERRUPTED = 130  # as shells report a process ended by Ctrl-C

# Ruff-style subcommands, recognised only as the first argument (`./rule` is still a path).
# `check` is Ruff's name for checking; `nncheck PATHS` (without it) works the same.
SUBCOMMANDS = {"rule": "--explain", "rules": "--list-rules", "check": None}


def error(message: str) -> None:
    click.echo(f"{PROG}: error: {message}", err=True)


def warning(message: str) -> None:
    # As Ruff's `warning: ...` lines: on stderr, not a finding, no change to the exit code.
    click.echo(f"{PROG}: warning: {message}", err=True)


class NncheckCommand(click.Command):
    """One command whose first argument may be `check`, `rule` or `rules`, as in
    `ruff check x.py` and `ruff rule F401`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] == "check":
            args = args[1:]
        elif args and args[0] in SUBCOMMANDS:
            if any(arg in ("-h", "--help") for arg in args[1:]):
                args = ["--help"]
            elif args[0] == "rule" and (len(args) < 2 or args[1].startswith("-")):
                raise click.UsageError("`nncheck rule` needs a rule code, e.g. `nncheck rule NN900`", ctx)
            else:
                args = [SUBCOMMANDS[args[0]], *args[1:]]
        return super().parse_args(ctx, args)


@click.command(
    PROG,
    cls=NncheckCommand,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    options_metavar="[check] [OPTIONS]",
    epilog="Also: `nncheck rule CODE` explains a rule, `nncheck rules` lists them. PATHS are files, "
    "notebooks (.ipynb) and folders; `-` reads stdin. `nncheck check ...` is the same as `nncheck ...` "
    "(Ruff's spelling).",
)
@click.argument("paths", nargs=-1, type=str, metavar="[PATHS]...")
@click.option("--select", multiple=True, metavar="CODES",
              help="Rules to run: codes, prefixes (NN1), names or ALL, comma-separated. Replaces the config's selection.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Rules to run in addition to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Rules not to run (added to the config's ignore).")
@click.option("--extend-ignore", multiple=True, metavar="CODES", hidden=True,
              help="The same as --ignore (kept for Ruff's and flake8's users).")
@click.option("--output-format", "--format", "output_format", type=click.Choice(list(FORMATS)),
              default="concise", show_default=True,
              help="Output format: concise (text), full (with the source line and a caret), json, github, sarif.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Write the report to this file instead of the standard output.")
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Colour the text output: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always, never.")
@click.option("--show-fixes", is_flag=True,
              help="List the fixes --fix applied, per file (with --output-format full: each fix's change under its finding).")
@click.option("--add-noqa", is_flag=True, help="Add a `# noqa: CODE` comment to each line with a finding, then exit.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what git ignores (.gitignore, .git/info/exclude, global excludes) when walking folders [default: respect].")
@click.option("--no-cache", is_flag=True,
              help="Check every file again instead of reusing the results of unchanged ones (.nncheck_cache/).")
@click.option("--statistics", is_flag=True, help="Print how often each rule fired instead of the diagnostics.")
@click.option("-q", "--quiet", is_flag=True, help="Print the diagnostics only, without the summary.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes (and the unsafe ones with --unsafe-fixes); report what remains.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and write nothing (exit 1 when there is a diff).")
@click.option("--unsafe-fixes", is_flag=True, help="Include the fixes that change the model (applied with --fix, shown with --diff).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found (2 still means a failure).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Use this config file (a pyproject.toml with [tool.nncheck], or a TOML file of the same keys).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to the paths given explicitly too (for pre-commit).")
@click.option("--stdin-filename", metavar="PATH", help="The name of the file read from stdin (`-`), for config and output.")
@click.option("--explain", metavar="CODE", help="Show a rule's documentation and examples, then exit.")
@click.option("--list-rules", is_flag=True, help="List all rules, then exit.")
@click.option("--demo", is_flag=True,
              help="Train the network as written and as fixed, side by side (on SCRIPT, a .py file or a notebook, "
                   "or on the built-in example).")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.png",
              help="With --demo: save both runs' loss and accuracy per epoch to FILE.png, checked before training "
                   "(needs matplotlib: nncheck[plot]).")
@click.option("--run", "run_script", is_flag=True,
              help="With --demo: also run the script itself, in a sandbox (see the README for what it guarantees).")
@click.option("--gradcheck", is_flag=True,
              help="With --demo: check the script's first update against numerical gradients, in the --run sandbox.")
@click.option("--data", "data_file", type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="FILE",
              help="With --demo: the data file (CSV, .npy, .npz) read where the script loads a file of that name.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, metavar="SECONDS",
              help="Time limit of --run and --gradcheck.")
@click.version_option(__version__, "--version", prog_name=PROG)
@click.pass_context
def cli(ctx: click.Context, **flags) -> None:
    """Check neural networks written by hand in NumPy."""
    try:
        with warnings.catch_warnings():
            # No warning about the user's code or numbers (NumPy's "Mean of empty slice", an
            # overflow while the demo trains) reaches the terminal: what matters is a finding.
            warnings.simplefilter("ignore")
            code = dispatch(flags)
    except KeyboardInterrupt:
        # Not "Aborted!" with exit 1 (click's default): 1 would read as "problems found".
        click.echo(f"{PROG}: interrupted", err=True)
        code = EXIT_INTERRUPTED
    except OutputError as problem:
        error(str(problem))
        code = EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`nncheck | head`): stop quietly, as other command-line tools do.
        _silence_stdout()
        code = EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - no traceback ever reaches the user
        code = internal_error(exc)
    ctx.exit(code)


def dispatch(flags: dict) -> int:
    if flags["list_rules"]:
        return list_rules(flags["output_format"])
    if flags["explain"] is not None:
        return explain(flags["explain"], flags["output_format"])
    extras = [name for name, flag in (("--run", "run_script"), ("--gradcheck", "gradcheck"),
                                      ("--plot", "plot_file"), ("--data", "data_file")) if flags[flag]]
    if extras and not flags["demo"]:
        # Never a silent switch into the demo, let alone into running the user's code.
        error(f"{' and '.join(extras)} {'needs' if len(extras) == 1 else 'need'} --demo: "
              f"nncheck --demo SCRIPT {' '.join(extras)}")
        return EXIT_ERROR
    if flags["demo"]:
        return demo(flags["paths"], plot=flags["plot_file"], run=flags["run_script"],
                    gradcheck=flags["gradcheck"], timeout=flags["timeout"], data=flags["data_file"])
    if flags["add_noqa"] and (flags["fix"] or flags["diff"]):
        error("--add-noqa cannot be used with --fix or --diff")
        return EXIT_ERROR
    from nncheck.runner import Options

    options = Options.from_flags(
        paths=tuple(flags["paths"]),
        select=flags["select"] or None,
        extend_select=flags["extend_select"],
        ignore=flags["ignore"],
        extend_ignore=flags["extend_ignore"],
        add_noqa=flags["add_noqa"],
        respect_gitignore=flags["respect_gitignore"],
        cache=False if flags["no_cache"] else None,
        # Never with --quiet: the diagnostics only. Shown only on a terminal (nncheck.progress).
        progress=not flags["quiet"],
        config=flags["config_file"],
        isolated=flags["isolated"],
        force_exclude=flags["force_exclude"],
        stdin_filename=flags["stdin_filename"],
        output_format=flags["output_format"],
        quiet=flags["quiet"],
        statistics=flags["statistics"],
        exit_zero=flags["exit_zero"],
        fix=flags["fix"],
        diff=flags["diff"],
        unsafe_fixes=flags["unsafe_fixes"],
    )
    return check(options, output_file=flags["output_file"], color=flags["color"],
                 show_fixes=flags["show_fixes"])


def run(options):
    """The run (nncheck.runner.run), imported when a check is asked for."""
    from nncheck.runner import run as run_check

    return run_check(options)


def check(options, *, output_file: Path | None = None, color: str = "auto",
          show_fixes: bool = False) -> int:
    from nncheck.config import ConfigError
    from nncheck.report import render
    from nncheck.report.style import use_color
    from nncheck.rules import UnknownRuleError
    from nncheck.runner import exit_code

    try:
        report = run(options)
    except (ConfigError, UnknownRuleError) as problem:
        error(str(problem))
        return EXIT_ERROR
    for line in report.errors:
        error(line)
    for line in report.notes:
        warning(line)
    if report.noqa_added is not None:
        # As Ruff: --add-noqa says how many comments it wrote, and nothing else.
        count = report.noqa_added
        click.echo(f"Added {count} noqa {'directive' if count == 1 else 'directives'}.", err=True)
        return EXIT_ERROR if report.errors else 0
    if options.diff:
        # As Ruff: the diff on stdout, a count on stderr, nothing written.
        emit("".join(report.fix.diffs), output_file)
        if not options.quiet:
            from nncheck.fix import fix_summary

            click.echo(fix_summary(report.fix), err=True)
        return exit_code(report, exit_zero=options.exit_zero)
    fixed_stdout = report.fix is not None and report.fix.stdout is not None
    # Stdin with --fix: the fixed code is the output; the report goes to stderr.
    stream = sys.stderr if fixed_stdout else sys.stdout
    colored = options.output_format in TEXT_FORMATS and (
        use_color(color, None if output_file is not None else stream)
        if color == "auto" else color == "always"
    )
    output = render(report, options.output_format, statistics=options.statistics, quiet=options.quiet,
                    color=colored, show_fixes=show_fixes)
    if fixed_stdout:
        click.echo(report.fix.stdout, nl=False)
        if output_file is None:
            click.echo(output, nl=False, err=True, color=colored)
    if output_file is not None:
        emit(output, output_file)
    elif not fixed_stdout:
        click.echo(output, nl=False, color=colored)
    return exit_code(report, exit_zero=options.exit_zero)


def emit(text: str, output_file: Path | None) -> None:
    """The report on stdout, or in --output-file (a write error is one line, exit 2)."""
    if output_file is None:
        click.echo(text, nl=False)
        return
    try:
        output_file.write_text(text, encoding="utf-8")
    except OSError as problem:
        raise OutputError(f"cannot write the report to {output_file}: {problem.strerror or problem}") from None


class OutputError(Exception):
    """The report could not be written where asked."""


def explain(code: str, output_format: str) -> int:
    from nncheck.report.rules import explain as explain_text, explain_json
    from nncheck.rules import UnknownRuleError, find_rule

    try:
        rule = find_rule(code)
    except UnknownRuleError as problem:
        error(str(problem))
        return EXIT_ERROR
    click.echo(explain_json(rule) if output_format == "json" else explain_text(rule), nl=False)
    return 0


def list_rules(output_format: str) -> int:
    from nncheck.report.rules import list_rules as table, list_rules_json

    click.echo(list_rules_json() if output_format == "json" else table(), nl=False)
    return 0


def demo(paths: Sequence[str], **extras) -> int:
    if len(paths) > 1:
        error("--demo takes at most one script")
        return EXIT_ERROR
    from nncheck.runner import DemoError, run_demo

    try:
        return run_demo(paths[0] if paths else None, click.echo, **extras)
    except DemoError as problem:
        error(str(problem))
        return EXIT_ERROR


def internal_error(exc: BaseException) -> int:
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    click.echo(f"{PROG}: internal error: {detail} (please report this)", err=True)
    if os.environ.get("NNCHECK_DEBUG"):
        import traceback

        traceback.print_exception(exc)
    return EXIT_ERROR


def _silence_stdout() -> None:
    # Point stdout at devnull so that the interpreter's final flush does not fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The `nncheck` console script and `python -m nncheck`."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=PROG)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - e.g. an error inside click itself
        sys.exit(internal_error(exc))
    sys.exit(0)  # pragma: no cover - click always exits in standalone mode
