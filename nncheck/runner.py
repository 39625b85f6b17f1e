"""A whole run: options → discovered files → engine → suppressions → a report and an exit code.

The command line (cli.py) only turns flags into `Options` and hands them here; everything that
decides anything lives in this module and the ones it calls, so it can be used and tested without
click. `--fix`, `--diff` and `--unsafe-fixes` add their fields to `Options` and one step after
checking (nncheck/fix.py), which re-checks each file with the rules it was checked with.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

from nncheck.budget import DEFAULT_LIMITS, Limits
from nncheck.config import ConfigError, Resolver
from nncheck.diagnostics import FileResult
from nncheck.discover import (
    NOTEBOOK_SUFFIXES,
    STDIN,
    SourceError,
    SourceFile,
    absolute,
    discover,
    display_path,
    parse_source,
    source_bytes,
)
from nncheck.engine import check_text
from nncheck.notebook import Notebook, protect
from nncheck.results import CheckedFile, Options, RunReport
from nncheck import workers as worker_pool

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


def run(options: Options, *, read_stdin: Callable[[], bytes] | None = None) -> RunReport:
    """Check what the options name. Raises ConfigError / UnknownRuleError for a bad
    configuration or selector (the run cannot start); everything else is in the report."""
    if options.config is not None and options.isolated:
        raise ConfigError("--config and --isolated cannot be used together")
    cwd = Path.cwd()
    resolver = Resolver(
        options.overrides, config_file=options.config, isolated=options.isolated, cwd=cwd
    )
    report = RunReport(unsafe_fixes=options.unsafe_fixes)
    paths = options.paths
    if not paths:
        # `--stdin-filename` alone means stdin, as in Ruff; otherwise the current folder.
        paths = (STDIN,) if options.stdin_filename else (".",)

    files = [path for path in paths if path != STDIN]
    def respect_gitignore(folder: Path) -> bool:
        if options.respect_gitignore is not None:
            return options.respect_gitignore
        configured = resolver.settings_for(folder).config.respect_gitignore
        return True if configured is None else configured

    found = discover(
        files,
        is_excluded=resolver.is_excluded,
        force_exclude=options.force_exclude,
        excluded_root=resolver.project_root,
        cwd=cwd,
        respect_gitignore=respect_gitignore,
    )
    report.errors.extend(found.errors)
    cache = _results_cache(options, resolver, cwd)
    progress = None
    if options.progress:
        from nncheck.progress import Progress

        progress = Progress.on_terminal(len(found.files))
    for checked in _check_files(found.files, resolver, options.limits, cache, progress):
        if isinstance(checked, str):
            report.errors.append(checked)
        else:
            report.files.append(checked)
            report.errors.extend(checked.result.errors)
            report.notes.extend(checked.result.notes)

    if STDIN in paths:
        checked = _check_stdin(options, resolver, read_stdin, cwd)
        if isinstance(checked, str):
            report.errors.append(checked)
        elif checked is not None:
            report.files.append(checked)
            report.errors.extend(checked.result.errors)
            report.notes.extend(checked.result.notes)
    if options.fix or options.diff:
        from nncheck.fix import fix_files

        report.fix = fix_files(report, options, check_program)
    if options.add_noqa:
        from nncheck.add_noqa import add_noqa

        report.noqa_added = add_noqa(report)
    return report


# Files are checked in forked worker processes, supervised (nncheck.workers): a file that takes
# its worker past the hard limits is stopped there, whatever the model does, and a worker that
# crashes costs only its file. Several workers when there are enough files to repay starting
# them, as flake8 and Ruff do; where fork is not available, the files are checked here, one after
# the other, with only the budget's in-process guard.
PARALLEL_MIN_FILES = 8
_WORKER_LIMITS: Limits = DEFAULT_LIMITS
_WORKER_CACHE = None


RECYCLE_GROWTH = 128 * 2**20


def hard_limits(limits: Limits) -> tuple[float, int | None, int | None]:
    """The wall time and resident memory past which a worker is killed: well past the budget
    (which the engine enforces itself), for what the engine cannot stop; and the memory past
    which an idle worker is replaced."""
    from nncheck.budget import resident_memory

    seconds = limits.hard_seconds if limits.hard_seconds is not None else 4 * limits.seconds + 20
    base = resident_memory()
    if base is None or not limits.memory:
        return seconds, None, None
    # An idle worker that has grown by more than RECYCLE_GROWTH is replaced: what one large file
    # made it take is rarely given back, and a long run should not keep every worker at the
    # size of the largest file it has seen.
    return seconds, base + 2 * limits.memory, base + min(limits.memory, RECYCLE_GROWTH)


def _results_cache(options: Options, resolver: Resolver, cwd: Path):
    """The run's results cache (nncheck.cache), or None when it is turned off: by --no-cache,
    by NNCHECK_NO_CACHE, or by `cache = false` in the configuration of the working folder."""
    from nncheck import cache as results_cache

    if options.cache is False or (options.cache is None and results_cache.disabled_by_environment()):
        return None
    settings = resolver.settings_for(cwd)
    if options.cache is None and settings.config.cache is False:
        return None
    root = settings.config.root if settings.config.source is not None else cwd
    return results_cache.ResultCache(root / results_cache.CACHE_DIR)


def _check_files(sources: list[SourceFile], resolver: Resolver, limits: Limits = DEFAULT_LIMITS,
                 cache=None, progress=None) -> list[CheckedFile | str]:
    if not sources:
        return []
    if progress is None:
        from nncheck.progress import Progress

        progress = Progress(len(sources))  # prints nothing
    try:
        return _check_each(sources, resolver, limits, cache, progress)
    finally:
        progress.close()


def _check_in_process(tasks: list[tuple], limits: Limits, cache, progress) -> list[CheckedFile | str]:
    results = []
    for task in tasks:
        results.append(_check_file(*task, limits, cache))
        progress.advance()
    return results


def _check_each(sources: list[SourceFile], resolver: Resolver, limits: Limits, cache,
                progress) -> list[CheckedFile | str]:
    workers = min(os.cpu_count() or 1, len(sources) // (PARALLEL_MIN_FILES // 2) or 1)
    if len(sources) < PARALLEL_MIN_FILES:
        workers = 1
    # The configuration is read here, so that a broken one stops the run (ConfigError) before
    # any worker starts.
    tasks = [(source, _rules_for(source, resolver)) for source in sources]
    if not worker_pool.fork_available():
        return _check_in_process(tasks, limits, cache, progress)
    global _WORKER_LIMITS, _WORKER_CACHE
    _WORKER_LIMITS, _WORKER_CACHE = limits, cache
    seconds, memory, recycle = hard_limits(limits)
    # The largest files first, so that no worker is left with a long file at the end while the
    # others wait (files are handed out one at a time, as each worker becomes free).
    order = sorted(range(len(tasks)), key=lambda index: -_size(tasks[index][0]))
    try:
        results = worker_pool.supervised_map(
            _check_in_worker, [tasks[index] for index in order], workers=workers, seconds=seconds,
            memory=memory, recycle=recycle, failed=_stopped_file, progress=progress.advance,
        )
    except OSError:
        # No processes to be had (a sandbox, a resource limit): do the work here instead.
        return _check_in_process(tasks, limits, cache, progress)
    finally:
        _WORKER_LIMITS, _WORKER_CACHE = DEFAULT_LIMITS, None
    in_order: list[CheckedFile | str] = [""] * len(tasks)
    for index, result in zip(order, results):
        in_order[index] = result
    return in_order


def _size(source: SourceFile) -> int:
    try:
        return source.path.stat().st_size
    except (OSError, AttributeError):
        return 0


def _rules_for(source: SourceFile, resolver: Resolver) -> tuple:
    return tuple(resolver.settings_for(source.path.parent).rules_for(source.path))


def _check_in_worker(task: tuple) -> CheckedFile | str:
    checked = _check_file(*task, _WORKER_LIMITS, _WORKER_CACHE)
    if not isinstance(checked, str):
        checked.result.model = None  # the parse tree stays in the worker; findings travel back
    return checked


def _stopped_file(task: tuple, failure: "worker_pool.Failure") -> CheckedFile | str:
    source = task[0]
    if failure.kind == "died":
        return f"{source.display}: internal error: {failure.detail} (please report this)"
    limit = f"{failure.amount:g} s" if failure.kind == "time" else f"{failure.amount / 2**20:.0f} MiB of memory"
    result = FileResult(path=source.display)
    result.notes.append(
        f"{source.display}: skipped every check: checking it went past the hard limit of {limit}, "
        "so it was stopped (please report this file)"
    )
    return CheckedFile(source.display, source.path, result)


def check_program(text: str, display: str, rules: Sequence, notebook: Notebook | None,
                  limits: Limits = DEFAULT_LIMITS) -> FileResult:
    """The engine on one input's text; for a notebook, without the fixes that could not be
    written back into its cells (nncheck.notebook.protect)."""
    result = check_text(text, display, list(rules), limits=limits)
    return protect(result, notebook) if notebook is not None else result


def _check_file(source: SourceFile, rules: tuple, limits: Limits = DEFAULT_LIMITS,
                cache=None) -> CheckedFile | str:
    is_notebook = source.path.suffix in NOTEBOOK_SUFFIXES
    try:
        data = source_bytes(source.path, source.display)
        loaded = parse_source(data, source.display, is_notebook=is_notebook)
    except SourceError as error:
        return str(error)
    key = None
    if cache is not None:
        # Keyed by the bytes just read: the result stored is the result of exactly these bytes,
        # even when the file changes while it is being checked.
        key = cache.key(data, source.display, notebook=is_notebook, rules=rules, limits=limits)
        result = cache.get(key)
        if result is not None:
            result.source = loaded.text
            return CheckedFile(source.display, source.path, result, rules, notebook=loaded.notebook,
                               cached=True)
    result = check_program(loaded.text, source.display, rules, loaded.notebook, limits)
    if key is not None:
        cache.put(key, result)
    return CheckedFile(source.display, source.path, result, rules, notebook=loaded.notebook)


def _check_stdin(
    options: Options,
    resolver: Resolver,
    read_stdin: Callable[[], bytes] | None,
    cwd: Path,
) -> CheckedFile | str | None:
    if options.stdin_filename:
        path: Path | None = absolute(options.stdin_filename, cwd)
        display = display_path(path, cwd)
        if options.force_exclude and (resolver.is_excluded(path) or _parent_excluded(path, resolver)):
            return None  # as Ruff: an excluded stdin file is not checked
        rules = resolver.settings_for(path.parent).rules_for(path)
    else:
        path, display = None, "-"
        rules = resolver.settings_for(cwd).rules
    # As Ruff: the name given with --stdin-filename says whether stdin holds a notebook.
    is_notebook = path is not None and path.suffix in NOTEBOOK_SUFFIXES
    try:
        data = read_stdin() if read_stdin is not None else _read_stdin()
        loaded = parse_source(data, display, is_notebook=is_notebook)
    except SourceError as error:
        return str(error)
    except OSError as error:
        return f"{display}: cannot read standard input: {error}"
    rules = tuple(rules)
    result = check_program(loaded.text, display, rules, loaded.notebook, options.limits)
    return CheckedFile(display, path, result, rules, stdin=True, notebook=loaded.notebook)


def _read_stdin() -> bytes:
    import sys

    if sys.stdin is None:
        raise OSError("there is no standard input")
    return sys.stdin.buffer.read()


def _parent_excluded(path: Path, resolver: Resolver) -> bool:
    root = resolver.project_root(path)
    folder = path.parent
    while folder != root and folder.parent != folder:
        try:
            folder.relative_to(root)
        except ValueError:
            return False
        if resolver.is_excluded(folder):
            return True
        folder = folder.parent
    return False


def exit_code(report: RunReport, *, exit_zero: bool = False) -> int:
    """0 clean, 1 problems found, 2 when anything could not be checked (which wins, as in
    Ruff). `--exit-zero` turns 1 into 0 but never hides a 2."""
    if report.errors:
        return EXIT_ERROR
    if getattr(report.fix, "diff", False):
        # --diff, as Ruff: 1 when there is something to change, 0 when not.
        return EXIT_PROBLEMS if report.fix.diffs and not exit_zero else EXIT_CLEAN
    if report.count and not exit_zero:
        return EXIT_PROBLEMS
    return EXIT_CLEAN


class DemoError(Exception):
    """The demo cannot start (not installed, or no such script): one line, exit 2."""


def run_demo(script: str | None, echo: Callable[[str], None], **extras) -> int:
    """`nncheck --demo [SCRIPT]`: the runtime probe, imported only when asked for. `extras`:
    plot (a path), run, gradcheck, timeout (see nncheck.probe.demo.Options)."""
    try:
        from nncheck.probe.demo import run_demo as probe_demo
    except ImportError as error:
        raise DemoError(
            f"the demo is not available in this installation ({error})"
        ) from None
    target = Path(script) if script is not None else None
    if target is not None and not target.is_file():
        reason = "not a file" if os.path.lexists(target) else "no such file or directory"
        raise DemoError(f"{script}: {reason}")
    plot = extras.get("plot")
    if plot is not None:
        # Before any training: a picture that cannot be saved should not cost a whole run.
        from nncheck.probe.plot import cannot_write, plotting_available

        if plotting_available() is None:
            problem = cannot_write(Path(plot))
            if problem is not None:
                raise DemoError(f"cannot write the plot {plot}: {problem}")
    active = {key: value for key, value in extras.items() if value not in (None, False)}
    if not active.keys() - {"timeout"}:
        return int(probe_demo(target, echo) or 0)
    from nncheck.probe.demo import Options as DemoOptions

    return int(probe_demo(target, echo, DemoOptions(**active)) or 0)
