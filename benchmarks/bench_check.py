"""Benchmark: nncheck side by side with Ruff, flake8, pylint and Fixit, written to results.md.

A script, not a test: absolute times on a shared machine are noisy, so every workload runs its
tools in turn (nncheck, flake8, Fixit, ..., nncheck, flake8, ...) so that background load hits
them alike, and the table gives each tool's median and its ratio to nncheck's median, with the
CPU time and the peak resident memory of the largest single process of the run (workers
included, as the kernel reports them for the reaped process tree).

    pip install -e '.[benchmark]'          # the peers (in a venv of their own: Fixit pins click)
    python benchmarks/bench_check.py                   # every workload, writes results.md
    python benchmarks/bench_check.py --only question --only version --no-write
    python benchmarks/bench_check.py --peers /path/to/venv/bin

Workloads: `nncheck --version` against importing libcst and click; the question script
(fixtures/question.py); all fixtures; the style corpus (tests/style_corpus, small training
scripts); a 5,000-line file built from the fixtures; scikit-learn's installed tree cold
(`--no-cache`) and warm (the cache filled by an earlier run). Medians of 5 runs, of 3 for the
slow peers (pylint, Fixit) and for the scikit-learn tree (`--tree-runs`).
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.md"
SLOW_PEERS = {"pylint", "fixit"}


@dataclass
class Sample:
    wall: float
    cpu: float
    peak_mib: float
    status: int


@dataclass
class Tool:
    name: str
    command: list[str]
    runs: int
    cwd: Path = ROOT
    env: dict[str, str] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)
    before: Callable[[], None] | None = None  # run before every run (e.g. empty a cache)
    warm_up: bool = True

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(sample, attribute) for sample in self.samples)


def run_once(tool: Tool) -> Sample:
    """One run of a command as a whole process: wall time, and from the kernel's accounting of
    the reaped process (which includes its reaped workers) the CPU time and the peak RSS."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", **tool.env}
    if tool.before is not None:
        tool.before()
    start = time.perf_counter()
    process = subprocess.Popen(tool.command, cwd=tool.cwd, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def find(name: str, peers: str | None) -> str | None:
    if peers and (Path(peers) / name).exists():
        return str(Path(peers) / name)
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def build_long_file(lines: int = 5000) -> Path:
    """A file of about `lines` lines: the fixtures one after the other, each inside a function
    of its own so that their names do not collide (a long, real, many-network module)."""
    parts = []
    total = 0
    sources = sorted((ROOT / "fixtures").glob("*.py"))
    index = 0
    while total < lines:
        source = sources[index % len(sources)].read_text(encoding="utf-8")
        try:
            compile(source, "fixture", "exec")
        except SyntaxError:
            index += 1
            continue
        body = "\n".join("    " + line if line.strip() else "" for line in source.splitlines())
        if "from __future__" in body:
            index += 1
            continue
        part = f"def script_{index}():\n{body}\n    return None\n"
        try:
            compile(part, "part", "exec")
        except SyntaxError:  # e.g. a `global` statement, or a class that needs the module level
            index += 1
            continue
        parts.append(part)
        total += body.count("\n") + 3
        index += 1
    folder = Path(tempfile.mkdtemp(prefix="nncheck-bench-"))
    path = folder / "long_module.py"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return path


def workloads(args) -> list[tuple[str, str, list[Tool]]]:
    nncheck = [sys.executable, "-m", "nncheck"]
    flags = ["--quiet", "--no-respect-gitignore"]
    peers = {name: find(name, args.peers) for name in ("ruff", "flake8", "pylint", "fixit")}

    def peer_tools(paths: list[str], runs: int, slow_runs: int, include=("flake8", "fixit", "ruff")):
        tools = []
        commands = {
            "flake8": lambda exe: [exe, *paths],
            "fixit": lambda exe: [exe, "lint", *paths],
            "pylint": lambda exe: [exe, "--score=n", "--reports=n", *paths],
            "ruff": lambda exe: [exe, "check", "--no-cache", "--quiet", *paths],
        }
        for name in include:
            exe = peers[name]
            if exe is None:
                print(f"  ({name} is not installed: skipped)", file=sys.stderr)
                continue
            tools.append(Tool(name, commands[name](exe), slow_runs if name in SLOW_PEERS else runs))
        return tools

    chosen = []
    runs = args.runs
    if "version" in args.only:
        chosen.append(("version", "`nncheck --version` against `python -c 'import libcst, click'`", [
            Tool("nncheck", nncheck + ["--version"], runs),
            Tool("import libcst, click", [sys.executable, "-c", "import libcst, click"], runs),
        ]))
    for key, title, paths in (
        ("question", "the question script (fixtures/question.py, 52 lines)", ["fixtures/question.py"]),
        ("fixtures", "all fixtures (fixtures/)", ["fixtures"]),
        ("style", "the style corpus (tests/style_corpus: small training scripts)", ["tests/style_corpus"]),
    ):
        if key in args.only:
            # pylint on the question script only: on whole folders it takes minutes a run.
            include = ("flake8", "fixit", "pylint", "ruff") if key == "question" else ("flake8", "fixit", "ruff")
            chosen.append((key, title, [Tool("nncheck", nncheck + flags + ["--no-cache"] + paths, runs),
                                        *peer_tools(paths, runs, args.slow_runs, include)]))
    if "long" in args.only:
        long_file = build_long_file()
        count = long_file.read_text(encoding="utf-8").count("\n") + 1
        paths = [str(long_file)]
        chosen.append(("long", f"one {count:,}-line file (the fixtures, each in a function)",
                       [Tool("nncheck", nncheck + flags + ["--no-cache"] + paths, runs),
                        *peer_tools(paths, runs, args.slow_runs)]))
    if {"tree-cold", "tree-warm"} & set(args.only):
        try:
            import importlib.util

            tree = str(Path(importlib.util.find_spec("sklearn").origin).parent)
        except (ImportError, AttributeError, TypeError):
            print("  (scikit-learn is not installed: the tree workloads are skipped)", file=sys.stderr)
            tree = None
        if tree is not None:
            include = ("flake8", "ruff") + (("fixit",) if args.fixit_tree else ())
            # The cold runs start from an empty cache folder and fill it; the warm runs read it.
            cache_home = Path(tempfile.mkdtemp(prefix="nncheck-bench-cache-"))
            cache = cache_home / ".nncheck_cache"
            cold = Tool("nncheck", nncheck + flags + [tree], args.tree_runs, cwd=cache_home,
                        before=lambda: shutil.rmtree(cache, ignore_errors=True), warm_up=False)
            peers_cold = peer_tools([tree], args.tree_runs, args.tree_runs, include)
            for peer in peers_cold:
                peer.warm_up = False
            chosen.append(("tree-cold", "scikit-learn's installed tree, cold (empty cache)", [cold, *peers_cold]))
            if "tree-warm" in args.only:
                warm = Tool("nncheck (warm)", nncheck + flags + [tree], args.tree_runs, cwd=cache_home, warm_up=False)
                chosen.append(("tree-warm", "scikit-learn's installed tree, warm (the cache the cold run filled)",
                               [warm, *peer_tools([tree], args.tree_runs, args.tree_runs, ("ruff",))]))
    return chosen


def measure(tools: list[Tool]) -> None:
    for tool in tools:  # one warm-up each: disk cache, .pyc files
        if tool.warm_up:
            first = run_once(tool)
            if first.wall > 10:  # a slow workload: three runs are enough for a median
                tool.runs = min(tool.runs, 3)
    for round_number in range(max(tool.runs for tool in tools)):
        for tool in tools:
            if round_number < tool.runs:
                tool.samples.append(run_once(tool))


def table(key: str, title: str, tools: list[Tool]) -> str:
    base = tools[0]
    lines = [f"### {title}", "",
             "| tool | runs | wall s (median) | CPU s (median) | peak MiB | nncheck / tool, wall | nncheck / tool, CPU |",
             "|---|---|---|---|---|---|---|"]
    for tool in tools:
        wall, cpu = tool.median("wall"), tool.median("cpu")
        ratio = base.median("wall") / wall if wall else float("nan")
        cpu_ratio = base.median("cpu") / cpu if cpu else float("nan")
        status = {sample.status for sample in tool.samples}
        # Peers use their own exit codes (pylint's is a bit mask); only a killed run, or nncheck's
        # 2 (a file it could not check), is worth a note beside the figures.
        bad = sorted(code for code in status if code < 0 or (tool.name.startswith("nncheck") and code == 2))
        note = f" (exit {bad})" if bad else ""
        lines.append(f"| {tool.name}{note} | {len(tool.samples)} | {wall:.2f} | {tool.median('cpu'):.2f} | "
                     f"{max(sample.peak_mib for sample in tool.samples):.0f} | "
                     f"{'—' if tool is base else f'{ratio:.2f}×'} | {'—' if tool is base else f'{cpu_ratio:.2f}×'} |")
    return "\n".join(lines) + "\n"


ALL = ("version", "question", "fixtures", "style", "long", "tree-cold", "tree-warm")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=ALL, help="workloads to run (default: all)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each fast tool (default 5)")
    parser.add_argument("--slow-runs", type=int, default=3, help="runs of pylint and Fixit (default 3)")
    parser.add_argument("--tree-runs", type=int, default=3, help="runs on scikit-learn's tree (default 3)")
    parser.add_argument("--fixit-tree", action="store_true", help="Fixit on scikit-learn's tree too (minutes a run)")
    parser.add_argument("--peers", help="a folder holding the peers' executables (a venv's bin)")
    parser.add_argument("--no-write", action="store_true", help=f"print only; do not write {RESULTS.name}")
    args = parser.parse_args()
    args.only = tuple(args.only or ALL)
    sections = []
    global START_LOAD
    START_LOAD = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    for key, title, tools in workloads(args):
        print(f"== {title}", file=sys.stderr)
        measure(tools)
        section = table(key, title, tools)
        print(section)
        sections.append(section)
    if args.no_write:
        return 0
    header = (
        "# nncheck speed, side by side\n\n"
        f"Written by `python benchmarks/bench_check.py` on {started}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {START_LOAD:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end. Each row is one tool, all tools of a workload run in "
        "turn; wall and CPU seconds are medians, peak MiB the largest resident set of any one "
        "process (workers included). The last two columns are nncheck's median divided by the "
        "tool's (below 1: nncheck is faster). On a loaded machine the wall times stretch with "
        "the load; the CPU times and the ratios within one table are the figures to compare.\n\n"
    )
    RESULTS.write_text(header + "\n".join(sections), encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
