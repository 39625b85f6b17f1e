"""How `nncheck --demo SCRIPT` fares on the style corpus and the fixtures.

For every script: did the demo train it, refuse it (and why), or crash; how long it took; and,
for the corpus's buggy scripts, whether the "fixed" run beat the "as written" run. The demo is
called in this process (the same function the command line calls), one script at a time, under
an alarm so that one slow script cannot stall the whole report.

    python scripts/demo_report.py                      # summary
    python scripts/demo_report.py --list refused       # one line per refused script
    python scripts/demo_report.py --json /tmp/demo.json
"""
from __future__ import annotations

import argparse
import collections
import json
import pathlib
import re
import signal
import statistics
import sys
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nncheck.probe import demo  # noqa: E402

# Refusal sentences differ by the script's names; the reason is what is left once names,
# quoted code and numbers are blanked out.
_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"")
_NUMBER = re.compile(r"\b\d+(\.\d+)?\b")


def _reason(sentence: str) -> str:
    text = _QUOTED.sub("`…`", sentence)
    text = _NUMBER.sub("N", text)
    return text.strip().rstrip(".")[:110]


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def scripts(style_root: pathlib.Path, fixtures: pathlib.Path):
    """(path, kind, group) for every corpus script and fixture."""
    for manifest in sorted(style_root.glob("*/manifest.toml")):
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        for entry in data.get("script", []):
            yield manifest.parent / entry["file"], entry.get("kind", "?"), manifest.parent.name
    for path in sorted(fixtures.glob("*.py")) + sorted(fixtures.glob("*.ipynb")):
        yield path, "fixed" if path.stem.endswith("_fixed") else "fixture", "fixtures"


def _score(history):
    """(ran cleanly, score): accuracy or R², None when the run crashed or diverged."""
    if history.crashed or history.diverged:
        return False, None
    value = history.r2 if history.task == "regression" else history.accuracy
    return True, value


def compare(written, fixed) -> str:
    """'better', 'same' or 'worse': is the fixed run better than the as-written one?"""
    ok_w, w = _score(written)
    ok_f, f = _score(fixed)
    if ok_f != ok_w:
        return "better" if ok_f else "worse"
    if not ok_f:
        return "same"
    if w is None or f is None:
        return "same"
    if f > w + 0.01:
        return "better"
    if f < w - 0.01:
        return "worse"
    # Equal scores: a lower loss of the same loss function still counts.
    if written.spec.loss == fixed.spec.loss and written.spec.reduction == fixed.spec.reduction:
        if fixed.final_loss < written.final_loss * 0.9:
            return "better"
        if fixed.final_loss > written.final_loss * 1.1:
            return "worse"
    return "same"


def run_one(path: pathlib.Path, timeout: int) -> dict:
    lines: list[str] = []
    record = {"path": str(path.relative_to(ROOT))}
    start = time.perf_counter()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        outcome = demo._user_script(path, lines.append)
    except _Timeout:
        outcome = None
        record["status"] = "timeout"
    except Exception as problem:  # noqa: BLE001 - the report counts crashes
        outcome = None
        record["status"] = "crashed"
        record["error"] = f"{type(problem).__name__}: {problem}"[:200]
    finally:
        signal.alarm(0)
    record["seconds"] = round(time.perf_counter() - start, 3)
    record["output"] = lines
    if outcome is None:
        return record
    if isinstance(outcome, int):
        record["status"] = "unreadable"
        record["reasons"] = [_reason(line) for line in lines]
        return record
    _, runs = outcome
    if not runs:
        record["status"] = "refused"
        refusals = [line.strip() for line in lines if "Cannot train it:" in line]
        # A refusal may wrap over several lines: take the sentence up to the next marker.
        joined = " ".join(line.strip() for line in lines)
        refusals = re.findall(r"Cannot train it: (.*?)(?= Cannot train it:| Nothing was)", joined)
        record["reasons"] = [_reason(r) for r in refusals] or ["(no reason given)"]
        return record
    record["status"] = "trained"
    written, fixed = runs[0][1], runs[1][1]
    record["compare"] = compare(written, fixed)
    record["written"] = _summary(written)
    record["fixed"] = _summary(fixed)
    return record


def _summary(history) -> dict:
    return {
        "task": history.task,
        "final_loss": None if history.final_loss != history.final_loss else history.final_loss,
        "accuracy": history.accuracy,
        "r2": history.r2,
        "diverged_at": history.diverged_at,
        "error": history.error,
        "epochs": history.spec.epochs,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style-root", type=pathlib.Path, default=ROOT / "tests/style_corpus")
    parser.add_argument("--fixtures", type=pathlib.Path, default=ROOT / "fixtures")
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("--json", type=pathlib.Path)
    parser.add_argument("--only", help="substring of the paths to run")
    parser.add_argument("--list", choices=["refused", "crashed", "same", "worse", "better",
                                           "slow", "all"])
    args = parser.parse_args(argv)

    records = []
    for path, kind, group in scripts(args.style_root, args.fixtures):
        if args.only and args.only not in str(path):
            continue
        record = run_one(path, args.timeout)
        record["kind"], record["group"] = kind, group
        records.append(record)

    _print_summary(records)
    if args.list:
        _print_list(records, args.list)
    if args.json:
        args.json.write_text(json.dumps(records, indent=1, default=str), encoding="utf-8")
    return 0


def _print_summary(records: list[dict]) -> None:
    for title, chosen in (
        ("style corpus", [r for r in records if r["group"] != "fixtures"]),
        ("fixtures", [r for r in records if r["group"] == "fixtures"]),
    ):
        if not chosen:
            continue
        status = collections.Counter(r["status"] for r in chosen)
        n = len(chosen)
        print(f"== {title}: {n} scripts")
        for key in ("trained", "refused", "unreadable", "crashed", "timeout"):
            if status[key]:
                print(f"  {key:<10} {status[key]:>4}  {100 * status[key] / n:5.1f}%")
        reasons = collections.Counter(
            reason for r in chosen if r["status"] == "refused" for reason in r["reasons"][:1])
        if reasons:
            print("  refusals by (first) reason:")
            for reason, count in reasons.most_common():
                print(f"    {count:>4}  {reason}")
        buggy = [r for r in chosen if r["kind"] == "buggy"]
        if buggy:
            trained = [r for r in buggy if r["status"] == "trained"]
            verdicts = collections.Counter(r["compare"] for r in trained)
            print(f"  buggy: {len(buggy)}, trained {len(trained)}: fixed better "
                  f"{verdicts['better']}, same {verdicts['same']}, worse {verdicts['worse']}")
        times = sorted(r["seconds"] for r in chosen)
        if times:
            p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
            print(f"  time: median {statistics.median(times):.2f}s, p90 {p90:.2f}s, "
                  f"max {times[-1]:.2f}s, total {sum(times):.0f}s")


def _print_list(records: list[dict], which: str) -> None:
    for r in records:
        if which == "slow":
            if r["seconds"] > 2:
                print(f"{r['seconds']:6.2f}s {r['path']}")
            continue
        if which in ("refused", "crashed"):
            if r["status"] in (which, "unreadable", "timeout") if which == "crashed" \
                    else r["status"] == which:
                print(f"{r['path']} [{r['kind']}]: {'; '.join(r.get('reasons', [])) or r.get('error', '')}")
            continue
        if which == "all" or r.get("compare") == which:
            if which != "all" and r["kind"] != "buggy":
                continue
            print(f"{r['path']} [{r['kind']}] {r['status']} {r.get('compare', '')} "
                  f"w={r.get('written')} f={r.get('fixed')}")


if __name__ == "__main__":
    sys.exit(main())
