"""Fuzz nncheck: programs from hypothesmith and mutations of the fixtures, checked and fixed;
any internal error is a bug. Run by hand (not in CI; tests/test_fuzz.py runs a few hundred):

    pip install -e '.[test]'        # hypothesmith is in the test extra
    python scripts/fuzz.py --programs 2000 --mutations 8000 --seed 0 --save /tmp/fuzz-failures

Each program is checked with nncheck's own engine (nncheck.engine.check_text, the default rules)
and, when it parses, fixed (nncheck.fix.fix_text with --unsafe-fixes). Counted as failures: an
internal error in checking (FileResult.errors), a fix that could not be applied or broke the
syntax, and anything raised. A program over its budget is not a failure; it is counted apart.

Programs:
- hypothesmith: `from_grammar()` (programs that follow Python's grammar, many of which Python
  then refuses: syntax errors are expected, tracebacks are not) and, one in FROM_NODE_EVERY,
  `from_node()` (programs libcst can print, which compile). Generated under a derandomized
  hypothesis run seeded with --seed, so a run is repeatable.
- mutations: each fixture with lines deleted, duplicated or swapped, or cut at a random byte
  (then read as nncheck reads a file, so a cut inside a UTF-8 sequence is a decoding error, one
  clear line, not a failure).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nncheck.budget import Limits  # noqa: E402
from nncheck.discover import SourceError, decode_source  # noqa: E402
from nncheck.engine import check_text  # noqa: E402
from nncheck.fix import fix_text  # noqa: E402
from nncheck.rules import select_rules  # noqa: E402

FIXTURES = ROOT / "fixtures"
FROM_NODE_EVERY = 20
# Small programs: a tighter budget than a user's file gets keeps a run short.
LIMITS = Limits(seconds=2.0)


@dataclass
class Tally:
    programs: int = 0
    checked: int = 0
    syntax_errors: int = 0
    decoding_errors: int = 0
    over_budget: int = 0
    findings: int = 0
    fixed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (origin, reason, text)
    slowest: tuple[float, str] = (0.0, "")


def mutations(seed: int, count: int) -> Iterator[tuple[str, bytes]]:
    """`count` mutated fixtures, (origin, bytes), repeatable from `seed`."""
    rng = random.Random(seed)
    sources = sorted(FIXTURES.glob("*.py"))
    texts = [(path.name, path.read_bytes()) for path in sources]
    for number in range(count):
        name, data = texts[rng.randrange(len(texts))]
        lines = data.splitlines(keepends=True)
        kind = rng.choice(("delete", "duplicate", "swap", "truncate"))
        if kind == "truncate" or len(lines) < 2:
            cut = rng.randrange(len(data) + 1)
            yield f"{name} cut at byte {cut}", data[:cut]
            continue
        for _ in range(rng.randint(1, 3)):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if kind == "delete" and len(lines) > 1:
                del lines[i]
            elif kind == "duplicate":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
        yield f"{name} {kind} #{number}", b"".join(lines)


def hypothesmith_programs(seed: int, count: int, node_every: int | None = FROM_NODE_EVERY) -> Iterator[tuple[str, bytes]]:
    """`count` programs from hypothesmith, repeatable from `seed`; one in `node_every` from
    `from_node()` (slow to generate), the others from `from_grammar()`."""
    import hypothesmith
    from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings, strategies as st

    found: list[str] = []
    node_share = count // node_every if node_every else 0
    def collector(strategy, wanted: int):
        @hypothesis_seed(seed)
        @settings(max_examples=wanted, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.data())
        def collect(data) -> None:
            found.append(data.draw(strategy))

        return collect

    for strategy, wanted in ((hypothesmith.from_grammar(), count - node_share),
                             (hypothesmith.from_node(), node_share)):
        if wanted > 0:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                collector(strategy, wanted)()
    for number, text in enumerate(found):
        yield f"hypothesmith #{number}", text.encode("utf-8", errors="surrogatepass")


def check_program(origin: str, data: bytes, tally: Tally, rules) -> None:
    tally.programs += 1
    try:
        text = decode_source(data, origin)
    except SourceError:
        tally.decoding_errors += 1
        return
    start = time.perf_counter()
    try:
        result = check_text(text, "fuzz.py", rules, limits=LIMITS)
        tally.checked += 1
        if result.errors:
            tally.failures.append((origin, result.errors[0], text))
            return
        if result.notes:
            tally.over_budget += 1
            return
        if any(d.code == "NN900" for d in result.diagnostics):
            tally.syntax_errors += 1
            return
        tally.findings += len(result.diagnostics)
        outcome = fix_text(text, lambda fixed: check_text(fixed, "fuzz.py", rules, limits=LIMITS),
                           unsafe=True, first=result)
        if outcome.error is not None and "budget" not in outcome.error:
            tally.failures.append((origin, f"fix: {outcome.error}", text))
        elif outcome.text != text:
            tally.fixed += 1
    except BaseException as error:  # noqa: BLE001 - anything escaping the engine is a failure
        if isinstance(error, KeyboardInterrupt):
            raise
        last = traceback.format_exc().strip().splitlines()[-1]
        tally.failures.append((origin, f"raised: {last}", text))
    finally:
        seconds = time.perf_counter() - start
        if seconds > tally.slowest[0]:
            tally.slowest = (seconds, origin)


def run(programs: int, mutated: int, seed: int, progress: bool = False) -> Tally:
    rules = select_rules(["ALL"])
    tally = Tally()
    sources = [mutations(seed, mutated)]
    if programs:
        sources.append(hypothesmith_programs(seed, programs))
    for source in sources:
        for origin, data in source:
            check_program(origin, data, tally, rules)
            if progress and tally.programs % 500 == 0:
                print(f"  {tally.programs} programs, {len(tally.failures)} failures", file=sys.stderr)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--programs", type=int, default=2000, help="programs from hypothesmith")
    parser.add_argument("--mutations", type=int, default=8000, help="mutated fixtures")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--save", type=Path, help="write each failing program into this folder")
    options = parser.parse_args(argv)
    start = time.perf_counter()
    tally = run(options.programs, options.mutations, options.seed, progress=True)
    seconds = time.perf_counter() - start
    print(f"programs: {tally.programs} ({options.programs} from hypothesmith, "
          f"{options.mutations} mutated fixtures), seed {options.seed}, {seconds:.0f} s")
    print(f"checked: {tally.checked}; not decodable: {tally.decoding_errors}; "
          f"NN900 (Python refuses them): {tally.syntax_errors}; over budget (with the note): "
          f"{tally.over_budget}; findings: {tally.findings}; programs changed by --fix: {tally.fixed}")
    print(f"slowest: {tally.slowest[1]} ({tally.slowest[0]:.2f} s)")
    print(f"internal errors: {len(tally.failures)}")
    for number, (origin, reason, text) in enumerate(tally.failures):
        print(f"  {origin}: {reason}")
        if options.save is not None:
            options.save.mkdir(parents=True, exist_ok=True)
            (options.save / f"failure_{number:04d}.py").write_text(text, encoding="utf-8", errors="surrogatepass")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
