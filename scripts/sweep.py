"""Sweep nncheck over a large body of real Python, run by hand (not in CI): CPython's standard
library (test/ included) and the site-packages of this environment's numpy, scipy (if installed)
and scikit-learn. It checks every file as `nncheck` does (the same worker processes, budget and
hard limits) and prints:

- internal errors (must be zero), with the first lines of each;
- files over their budget with the one-line note, by reason, and files over the budget without
  it (CPU time or memory past the limit and no note: must be zero);
- files stopped by the hard backstop (the worker killed);
- the slowest file, the file that took the most memory, and the peak resident memory of a
  worker (a forked worker shares the parent's pages: this is the largest process's RSS).

    python scripts/sweep.py                         # everything (about an hour on 2 cores)
    python scripts/sweep.py --sample 300            # a repeatable sample
    python scripts/sweep.py PATH...                 # other folders or files
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import random
import resource
import sys
import sysconfig
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nncheck import runner, workers  # noqa: E402
from nncheck.budget import DEFAULT_LIMITS, Limits, resident_memory  # noqa: E402
from nncheck.config import Overrides, Resolver  # noqa: E402
from nncheck.discover import discover  # noqa: E402


@dataclass
class Measured:
    display: str
    seconds: float = 0.0
    cpu: float = 0.0
    memory: int = 0  # growth of the worker's resident memory while checking, bytes
    peak: int = 0  # the worker's peak resident memory so far, bytes
    errors: tuple = ()
    notes: tuple = ()
    findings: int = 0
    unreadable: str = ""
    killed: str = ""


def default_paths() -> list[str]:
    paths = [sysconfig.get_paths()["stdlib"]]
    for package in ("numpy", "scipy", "sklearn"):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            paths.extend(spec.submodule_search_locations)
    return paths


def _measure(task: tuple) -> Measured:
    source = task[0]
    before_memory = resident_memory() or 0
    start, cpu = time.monotonic(), time.process_time()
    checked = runner._check_in_worker(task)
    measured = Measured(source.display, time.monotonic() - start, time.process_time() - cpu)
    measured.memory = max((resident_memory() or 0) - before_memory, 0)
    measured.peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if isinstance(checked, str):
        measured.unreadable = checked
    else:
        measured.errors = tuple(checked.result.errors)
        measured.notes = tuple(checked.result.notes)
        measured.findings = len(checked.result.diagnostics)
    return measured


def _killed(task: tuple, failure: workers.Failure) -> Measured:
    return Measured(task[0].display, killed=f"{failure.kind}: {failure.detail}")


def sweep(paths: list[str], limits: Limits, jobs: int, sample: int | None, seed: int) -> list[Measured]:
    # No config excludes and no .gitignore (pyenv ignores its own versions/): all of it.
    files = discover(paths, is_excluded=lambda path: False, respect_gitignore=False).files
    if sample is not None and sample < len(files):
        files = sorted(random.Random(seed).sample(files, sample), key=lambda f: f.display)
    resolver = Resolver(Overrides(select=("ALL",)), isolated=True, cwd=Path.cwd())
    tasks = [(source, runner._rules_for(source, resolver)) for source in files]
    runner._WORKER_LIMITS = limits
    seconds, memory, recycle = runner.hard_limits(limits)
    print(f"{len(tasks)} files, {jobs} workers, budget {limits.seconds:g} s CPU / "
          f"{limits.memory // 2**20} MiB per file, hard limit {seconds:g} s", file=sys.stderr)
    return workers.supervised_map(_measure, tasks, workers=jobs, seconds=seconds, memory=memory,
                                  recycle=recycle, failed=_killed)


def report(results: list[Measured], limits: Limits, seconds: float) -> bool:
    checked = [r for r in results if not r.unreadable and not r.killed]
    errors = [r for r in results if r.errors]
    noted = [r for r in results if r.notes]
    killed = [r for r in results if r.killed]
    slack = 1.5  # parsing before the guard starts, and the time the watchdog takes to land
    silent = [r for r in checked if not r.notes and (
        r.cpu > limits.seconds * slack + 1 or r.memory > limits.memory * slack)]
    reasons = collections.Counter()
    for r in noted:
        note = r.notes[0]
        for key, words in (("time", "s of CPU time"), ("memory", "MiB of memory"),
                           ("size", "over the budget of"), ("depth", "nested too deeply"),
                           ("parser", "libcst"), ("hard limit", "hard limit")):
            if words in note:
                reasons[key] += 1
                break
        else:
            reasons["other"] += 1
    slowest = max(results, key=lambda r: r.seconds)
    biggest = max(results, key=lambda r: r.memory)
    peak = max(r.peak for r in results)
    print(f"files: {len(results)} in {seconds:.0f} s ({len(checked)} checked, "
          f"{sum(1 for r in results if r.unreadable)} unreadable)")
    print(f"internal errors: {len(errors)} files")
    for r in errors[:20]:
        print(f"  {r.errors[0]}")
    print(f"over budget with the note: {len(noted)} "
          f"({', '.join(f'{k} {v}' for k, v in reasons.most_common()) or 'none'})")
    print(f"over budget without the note: {len(silent)}")
    for r in silent[:20]:
        print(f"  {r.display}: {r.cpu:.1f} s CPU, {r.memory / 2**20:.0f} MiB")
    print(f"stopped by the hard backstop (worker killed): {len(killed)}")
    for r in killed[:20]:
        print(f"  {r.display}: {r.killed}")
    print(f"slowest: {slowest.display} ({slowest.seconds:.1f} s wall"
          f"{f', {slowest.cpu:.1f} s CPU' if not slowest.killed else ', killed'})"
          f"{' [note]' if slowest.notes else ''}")
    print(f"most memory: {biggest.display} (+{biggest.memory / 2**20:.0f} MiB)")
    print(f"peak resident memory of a worker: {peak / 2**20:.0f} MiB")
    print(f"findings: {sum(r.findings for r in checked)} in "
          f"{sum(1 for r in checked if r.findings)} files")
    return not errors and not silent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="folders or files (default: stdlib, numpy, scipy, sklearn)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sample", type=int, help="check a random sample of this many files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=DEFAULT_LIMITS.seconds,
                        help="the per-file CPU budget (default: nncheck's own)")
    options = parser.parse_args(argv)
    limits = Limits(seconds=options.seconds) if options.seconds != DEFAULT_LIMITS.seconds else DEFAULT_LIMITS
    paths = options.paths or default_paths()
    print("sweeping: " + ", ".join(paths), file=sys.stderr)
    start = time.monotonic()
    results = sweep(paths, limits, options.jobs, options.sample, options.seed)
    return 0 if report(results, limits, time.monotonic() - start) else 1


if __name__ == "__main__":
    sys.exit(main())
