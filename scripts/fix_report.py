"""How many fixes each rule applies over the fixtures (or the files given), safe and unsafe.

    python scripts/fix_report.py [--unsafe-fixes] [--diff] [FILES...]

For every file: fix it in memory to a fixed point (nothing is written) and count the fixes by
rule; then one table, rule by rule, and the files whose fixing failed or left fixable findings.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nncheck.engine import check_text  # noqa: E402
from nncheck.fix import applicable, fix_text, unified_diff  # noqa: E402
from nncheck.rules import select_rules  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--unsafe-fixes", action="store_true", help="also count the unsafe fixes")
    parser.add_argument("--diff", action="store_true", help="print each file's diff")
    args = parser.parse_args(argv)
    files = args.files or sorted((ROOT / "fixtures").glob("*.py"))
    rules = select_rules()
    totals: Counter = Counter()
    per_file: dict[str, Counter] = {}
    problems = []
    for path in files:
        original = path.read_text(encoding="utf-8")
        outcome = fix_text(original, lambda text: check_text(text, path.name, rules), unsafe=args.unsafe_fixes)
        if outcome.error:
            problems.append(f"{path.name}: {outcome.error}")
        left = [d for d in outcome.result.diagnostics if applicable(d, args.unsafe_fixes)] if outcome.result else []
        if left:
            problems.append(f"{path.name}: {len(left)} fixable findings left after fixing")
        totals.update(outcome.fixed)
        per_file[path.name] = outcome.fixed
        if args.diff:
            sys.stdout.write(unified_diff(original, outcome.text, path.name))
    mode = "safe and unsafe" if args.unsafe_fixes else "safe only"
    print(f"Fixes applied over {len(files)} files ({mode}):")
    for code in sorted(totals):
        files_with = sum(1 for fixed in per_file.values() if fixed[code])
        print(f"  {code}  {totals[code]:3d} fixes in {files_with} files")
    print(f"  total  {sum(totals.values()):3d} fixes in {sum(1 for f in per_file.values() if f)} files")
    for line in problems:
        print("!", line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
