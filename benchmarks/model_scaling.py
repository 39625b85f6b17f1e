"""How the check's cost grows with the size of a file: seconds per 1,000 lines for files of about
500, 5,000 and 50,000 lines, made by joining the style corpus's training scripts (real training
code, one network after another, as a long notebook export or a course's collected exercises).

A benchmark script, not a test. Each file is checked in this process with every default rule and
an unlimited budget (the per-file budget would cut the large ones short, which is what it is for,
but here we want the cost itself); the median of --runs runs is reported.

    python benchmarks/model_scaling.py                 # 500, 5k and 50k lines
    python benchmarks/model_scaling.py --sizes 500 5000 --runs 3
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLE = ROOT / "tests" / "style_corpus"


def joined_file(lines_wanted: int) -> str:
    """Training scripts of the style corpus, one after another, until `lines_wanted` lines."""
    scripts = sorted(STYLE.glob("*/*.py"))
    if not scripts:
        raise SystemExit(f"no scripts under {STYLE}")
    parts: list[str] = []
    count = 0
    while count < lines_wanted:
        for script in scripts:
            text = script.read_text(encoding="utf-8")
            parts.append(text if text.endswith("\n") else text + "\n")
            count += text.count("\n") + 1
            if count >= lines_wanted:
                break
    return "".join(parts)


def measure(text: str, runs: int) -> tuple[float, float, int]:
    """(median seconds, peak MiB of Python allocations in one run, findings)."""
    from nncheck.budget import Limits
    from nncheck.engine import check_text

    unlimited = Limits(seconds=10_000.0, steps=10**12, memory=1 << 40, parse_cost=10**12,
                       parse_bytes=1 << 40, hard_seconds=None)
    times = []
    findings = 0
    for _ in range(runs):
        start = time.perf_counter()
        result = check_text(text, "joined.py", limits=unlimited)
        times.append(time.perf_counter() - start)
        findings = len(result.diagnostics)
        if result.notes or result.errors:
            print(f"  note: {result.notes or result.errors}", file=sys.stderr)
    tracemalloc.start()
    check_text(text, "joined.py", limits=unlimited)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20, findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("| lines | median s | s per 1k lines | peak MiB (tracemalloc) | findings |")
    print("|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        text = joined_file(size)
        lines = text.count("\n")
        runs = args.runs if lines < 20_000 else 1
        seconds, peak, findings = measure(text, runs)
        print(f"| {lines:,} | {seconds:.2f} | {seconds / lines * 1000:.3f} | {peak:.0f} | {findings} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
