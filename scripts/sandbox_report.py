"""How `--run` and `--gradcheck` fare on the style corpus (issue 11's targets).

--run: the buggy scripts whose manifest says they crash (their `runs` note names an exception or
a crash). A script counts when --run sees it raise and names the failing line: the line the
manifest gives for the mistake is a line of the traceback, or a finding of the expected code is
cited as having predicted it ("as NN103 (line 11) said"). Target: 9 of 10.

--gradcheck: correct scripts (every update must come out "ok") and buggy scripts whose mistake
corrupts the backward pass (NN201-NN205, NN208, NN210: at least one update must come out WRONG
or SUSPECT). A check that is not possible, or a script that raises first, is a wrong verdict.
Target: 19 of 20.

Every script runs in the same sandbox the command line uses (nncheck/probe/sandboxed.py), one
at a time.

    python scripts/sandbox_report.py                 # 10 crashing scripts, 10 + 10 gradchecks
    python scripts/sandbox_report.py --limit 0       # every eligible script
    python scripts/sandbox_report.py --only run --json /tmp/sandbox.json
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nncheck.discover import read_source  # noqa: E402
from nncheck.engine import check_text  # noqa: E402
from nncheck.probe import sandboxed  # noqa: E402
from nncheck.probe.recover import Finding  # noqa: E402

# The manifest's `runs` note of a script that stops with an exception.
_CRASH = re.compile(r"crash|raises|Traceback|\w+Error\b|exception", re.IGNORECASE)
_BACKWARD = {"NN201", "NN202", "NN203", "NN204", "NN205", "NN208", "NN210"}


def entries(style_root: pathlib.Path):
    for manifest in sorted(style_root.glob("*/manifest.toml")):
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        for entry in data.get("script", []):
            yield manifest.parent / entry["file"], entry


def _spread(items: list, limit: int) -> list:
    """`limit` items spread evenly over the list (every batch gets its share), or all."""
    if limit <= 0 or len(items) <= limit:
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def _findings(path: pathlib.Path) -> list:
    text = read_source(path, str(path))
    return [Finding(d.code, d.start.line, d.message) for d in check_text(text, str(path)).diagnostics]


def run_one(path: pathlib.Path, entry: dict, timeout: float) -> dict:
    findings = _findings(path)
    result = sandboxed.run_script(path, timeout=timeout)
    frames = result.data.get("frames", [])
    lines = [frame["line"] for frame in frames]
    predicted = sandboxed._predicted_by(result, findings) if result.status == "raised" else []
    expected = set(entry.get("expect", []))
    named = result.status == "raised" and (
        entry.get("line") in lines or any(f.code in expected for f in predicted))
    return {"path": str(path.relative_to(ROOT)), "status": result.status,
            "raised_at": lines[-1] if lines else None, "manifest_line": entry.get("line"),
            "predicted": [f"{f.code}:{f.line}" for f in predicted], "named": named,
            "seconds": round(result.seconds, 2)}


def gradcheck_one(path: pathlib.Path, entry: dict, timeout: float) -> dict:
    text = read_source(path, str(path))
    report = sandboxed.gradcheck(path, text, timeout=timeout)
    record = {"path": str(path.relative_to(ROOT)), "kind": entry["kind"],
              "expect": entry.get("expect", [])}
    if report.plan.problem is not None:
        record.update(verdict="none", why=report.plan.problem)
    elif report.result.status != "checked":
        record.update(verdict="none", why=report.result.status + " " + str(
            report.result.data.get("type") or report.result.data.get("detail") or ""))
    else:
        checks, _ = sandboxed.compare(report.result.data["params"])
        if not checks:
            record.update(verdict="none", why="no parameter found at run time")
        else:
            bad = [c.path for c in checks if c.verdict != "ok"]
            record.update(verdict="wrong" if bad else "ok", flagged=bad)
    want = "ok" if entry["kind"] == "correct" else "wrong"
    record["right"] = record["verdict"] == want
    return record


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style-root", type=pathlib.Path, default=ROOT / "tests/style_corpus")
    parser.add_argument("--limit", type=int, default=10,
                        help="scripts per group (crashing; correct; buggy backprop); 0: all")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--only", choices=["run", "gradcheck"])
    parser.add_argument("--json", type=pathlib.Path)
    args = parser.parse_args(argv)

    listed = list(entries(args.style_root))
    crashing = [(p, e) for p, e in listed if e.get("kind") == "buggy" and _CRASH.search(e.get("runs", ""))]
    correct = [(p, e) for p, e in listed if e.get("kind") == "correct"]
    backward = [(p, e) for p, e in listed
                if e.get("kind") == "buggy" and _BACKWARD & set(e.get("expect", []))]
    records: dict = {"run": [], "gradcheck": []}
    start = time.perf_counter()
    if args.only in (None, "run"):
        for path, entry in _spread(crashing, args.limit):
            record = run_one(path, entry, args.timeout)
            records["run"].append(record)
            print(f"run  {'ok ' if record['named'] else 'NO '} {record['path']} {record['status']} "
                  f"at {record['raised_at']} (manifest {record['manifest_line']}) "
                  f"{' '.join(record['predicted'])}", flush=True)
    if args.only in (None, "gradcheck"):
        for path, entry in _spread(correct, args.limit) + _spread(backward, args.limit):
            record = gradcheck_one(path, entry, args.timeout)
            records["gradcheck"].append(record)
            print(f"grad {'ok ' if record['right'] else 'NO '} {record['path']} [{record['kind']} "
                  f"{','.join(record['expect'])}] {record['verdict']} "
                  f"{record.get('why', '') or ' '.join(record.get('flagged', []))}", flush=True)
    runs, grads = records["run"], records["gradcheck"]
    if runs:
        print(f"--run names the failing line: {sum(r['named'] for r in runs)}/{len(runs)} "
              f"crashing buggy scripts (of {len(crashing)} eligible)")
    if grads:
        print(f"--gradcheck right verdict: {sum(r['right'] for r in grads)}/{len(grads)} "
              f"(correct {sum(r['right'] for r in grads if r['kind'] == 'correct')}/"
              f"{sum(1 for r in grads if r['kind'] == 'correct')}, buggy "
              f"{sum(r['right'] for r in grads if r['kind'] != 'correct')}/"
              f"{sum(1 for r in grads if r['kind'] != 'correct')})")
    print(f"time {time.perf_counter() - start:.0f}s")
    if args.json:
        args.json.write_text(json.dumps(records, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
