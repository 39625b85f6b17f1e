"""Benchmark: `nncheck PATHS` side by side with Ruff, flake8, pylint and Fixit on the same files.

A benchmark script, not a test: absolute times on shared machines are noisy, so it reports the
median of several runs of each tool, run in turn (A, B, C, A, B, C, ...) so that background load
hits them alike, and the ratio of each median to nncheck's.

    python benchmarks/bench_check.py                      # fixtures/question.py
    python benchmarks/bench_check.py fixtures/            # all fixtures
    python benchmarks/bench_check.py --corpus             # the precision corpus
    python benchmarks/bench_check.py --peers /tmp/peers/bin --runs 7 fixtures/question.py

Peer tools are looked up in --peers (a folder, e.g. a venv's bin) and then on PATH; a missing one
is listed as such. Install them with `pip install ruff flake8 pylint fixit` (not a dependency of
nncheck).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tool_commands(peers: str | None) -> list[tuple[str, list[str] | None]]:
    def find(name: str) -> str | None:
        if peers:
            candidate = Path(peers) / name
            if candidate.exists():
                return str(candidate)
        return shutil.which(name)

    nncheck = [sys.executable, "-m", "nncheck", "--quiet"]
    peers_found = {
        "ruff": find("ruff"),
        "flake8": find("flake8"),
        "pylint": find("pylint"),
        "fixit": find("fixit"),
    }
    return [
        ("nncheck", nncheck),
        ("ruff", [peers_found["ruff"], "check", "--no-cache", "--quiet"] if peers_found["ruff"] else None),
        ("flake8", [peers_found["flake8"]] if peers_found["flake8"] else None),
        ("pylint", [peers_found["pylint"], "--score=n", "--reports=n"] if peers_found["pylint"] else None),
        ("fixit", [peers_found["fixit"], "lint"] if peers_found["fixit"] else None),
    ]


def corpus_paths() -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from corpus_report import CORPORA, corpus_files  # noqa: E402 - the test's own corpus definition

    return [str(path) for corpus in CORPORA for path, _ in corpus_files(corpus)]


def time_once(command: list[str], paths: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        command + paths,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--corpus", action="store_true", help="benchmark on the precision corpus")
    parser.add_argument("--peers", help="folder holding the peer tools' executables")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    paths = corpus_paths() if args.corpus else (args.paths or ["fixtures/question.py"])
    tools = tool_commands(args.peers)
    samples: dict[str, list[float]] = {name: [] for name, command in tools if command}
    for name, command in tools:  # one warm-up run each (disk cache, .pyc files)
        if command:
            time_once(command, paths)
    for _ in range(args.runs):
        for name, command in tools:
            if command:
                samples[name].append(time_once(command, paths))
    files = len(paths) if args.corpus or args.paths else 1
    print(f"{files} path(s): {' '.join(paths[:3])}{' ...' if len(paths) > 3 else ''}")
    print(f"median of {args.runs} runs, wall seconds; load average {os.getloadavg()[0]:.2f}")
    base = statistics.median(samples["nncheck"])
    for name, command in tools:
        if not command:
            print(f"  {name:<8} not installed")
            continue
        median = statistics.median(samples[name])
        print(f"  {name:<8} {median:7.3f} s   x{median / base:5.2f} of nncheck")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
