"""Print what nncheck reports on each fixture: `file: CODE@line, ...` (used for closing notes).

    python scripts/fixture_report.py              # default rules
    python scripts/fixture_report.py --select ALL # every rule, opt-in ones included
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from nncheck.engine import check_text
from nncheck.rules import select_rules

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--select", default=None, help="comma-separated rule selectors")
    args = parser.parse_args()
    rules = select_rules(args.select.split(",") if args.select else None)
    totals: Counter[str] = Counter()
    for path in sorted((ROOT / "fixtures").glob("*.py")):
        result = check_text(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), rules)
        found = [f"{d.code}@{d.start.line}" for d in result.diagnostics]
        totals.update(d.code for d in result.diagnostics)
        errors = f"  ERRORS: {result.errors}" if result.errors else ""
        print(f"{path.name}: {', '.join(found) if found else 'clean'}{errors}")
    print("findings by code:", ", ".join(f"{code} {count}" for code, count in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
