"""Benchmark `nncheck --demo`, on the built-in example and on fixtures: not a test, a script.

    python benchmarks/bench_demo.py [--runs 5] [--fixtures question.py question_leaky.py ...]

Times `python -m nncheck --demo` and `python -m nncheck --demo fixtures/NAME` as subprocesses
(wall time, after one warm-up run each) and `run_demo(None, ...)` in-process, and prints the
medians. The target is under 1 s wall for each. If a subprocess fails (for instance before the
CLI exists), it says so and reports the in-process timing only.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


DEMO_COMMAND = [sys.executable, "-m", "nncheck", "--demo"]


def _subprocess_times(
    runs: int, command: list[str] = DEMO_COMMAND
) -> tuple[list[float], list[float]] | str:
    """(wall times, CPU times) of the runs after the warm-up, or why the command failed."""
    walls, cpus = [], []
    for i in range(runs + 1):  # the first run warms the file cache and the .pyc files
        cpu = _children_cpu()
        start = time.perf_counter()
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                  timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{type(exc).__name__}: {exc}"
        elapsed = time.perf_counter() - start
        # Exit 1 means "findings"; a traceback (an ImportError also exits 1) is a failure.
        if done.returncode not in (0, 1) or "Traceback (most recent call last)" in done.stderr:
            last = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()[-1]
            return f"exit {done.returncode}: {last}"
        if i:
            walls.append(elapsed)
            cpus.append(_children_cpu() - cpu)
    return walls, cpus


def _in_process_times(runs: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from nncheck.probe.demo import run_demo

    sink: list[str] = []
    run_demo(None, sink.append)  # warm-up: imports, rules, first allocation
    times = []
    for _ in range(runs):
        sink.clear()
        start = time.perf_counter()
        run_demo(None, sink.append)
        times.append(time.perf_counter() - start)
    return times


DEFAULT_FIXTURES = ("question.py", "question_leaky.py", "question_fixed.py",
                    "leaky_forward_sigmoid_derivative.py", "correct_syn0_xor.py",
                    "pass_exam_linear_output.py")


def _fixture_times(runs: int, names: list[str]) -> bool:
    """One line per fixture; True when every median is under the target."""
    ok = True
    for name in names:
        command = [*DEMO_COMMAND, str(pathlib.Path("fixtures") / name)]
        result = _subprocess_times(runs, command)
        label = f"--demo fixtures/{name}"
        if isinstance(result, str):
            print(f"{label:<46} failed ({result})")
            ok = False
            continue
        walls, cpus = result
        wall = statistics.median(walls)
        verdict = "ok" if wall < TARGET_SECONDS else "OVER TARGET"
        ok = ok and wall < TARGET_SECONDS
        print(f"{label:<46} median {wall:.3f} s wall, {statistics.median(cpus):.3f} s CPU "
              f"over {runs} runs: {verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fixtures", nargs="*", default=list(DEFAULT_FIXTURES),
                        help="fixture file names to time (default: %(default)s)")
    arguments = parser.parse_args()
    runs = arguments.runs

    result = _subprocess_times(runs)
    if isinstance(result, str):
        print(f"python -m nncheck --demo failed ({result});")
        print("reporting the in-process timing only.")
        wall = None
    else:
        walls, cpus = result
        wall = statistics.median(walls)
        spread = ", ".join(f"{t:.3f}" for t in walls)
        verdict = "ok" if wall < TARGET_SECONDS else "OVER TARGET"
        print(f"python -m nncheck --demo   median {wall:.3f} s wall over {runs} runs "
              f"({spread})  target < {TARGET_SECONDS:g} s: {verdict}")
        # CPU time shows what the demo costs when other work shares the machine's cores.
        print(f"                           median {statistics.median(cpus):.3f} s CPU "
              f"(user + system); load average {os.getloadavg()[0]:.2f} on "
              f"{os.cpu_count()} cores")

    fixtures_ok = _fixture_times(runs, arguments.fixtures)

    inner = _in_process_times(runs)
    spread = ", ".join(f"{t:.3f}" for t in inner)
    print(f"run_demo(None, ...)        median {statistics.median(inner):.3f} s in-process "
          f"over {runs} runs ({spread})")
    return 0 if (wall is None or wall < TARGET_SECONDS) and fixtures_ok else 1


if __name__ == "__main__":
    sys.exit(main())
