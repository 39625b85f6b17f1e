"""Score nncheck on the measurement corpora: per-code recall and precision, and false positives.

Three corpora, each checked in-process with every rule selected (select=["ALL"]):

  style    tests/style_corpus/*/manifest.toml: short scripts written blind, each correct or with
           one catalogue mistake (expected codes in `expect` and `also`); every finding on a
           correct, fixed or near-miss script is a false positive.
  real     tests/real_corpus/manifest.toml: real public networks (scripts/real_corpus.py brings
           them from the mirrors into the cache). On a correct file every finding is a false
           positive, except the info codes the manifest lists as true (`info`, counted as
           expected) and the `debatable` ones (listed, counted neither way).
  mutants  tests/real_corpus/mutations.toml: one mistake injected into a real file. The expected
           code (and `also`) must be reported more often than on the unmutated file, or on a
           mutated line; any other code the mutant has more often than its original is a false
           positive, unless the row tolerates it or the file lists it as `info` or `debatable`.

    python scripts/score_corpus.py                          # all three corpora, Markdown tables
    python scripts/score_corpus.py --corpus real --corpus mutants --json after.json
    python scripts/score_corpus.py --baseline before.json   # and the change since then

Counting unit: one (file or mutant, code) pair. `expected` counts pairs where the code is
required, `found` those reported, `fp` pairs reported but not expected. Recall = found /
expected; precision = found / (found + fp). A file on which the checker crashes (or runs past
--timeout) counts as reporting nothing and is listed.

Only nncheck's public API is used (nncheck.check_source), so the script scores any version.
--ignore CODE leaves a rule out, with its expected instances (to see the figures without an
off-by-default info rule).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parent.parent
STYLE_ROOT = ROOT / "tests" / "style_corpus"
CORPORA = ("style", "real", "mutants")


def _load_real_corpus():
    """scripts/real_corpus.py, which knows the manifests and the cache (not a package)."""
    name = "nncheck_real_corpus"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("real_corpus.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while creating classes
    spec.loader.exec_module(module)
    return module


rc = _load_real_corpus()


# --- running the checker -----------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    message: str


@dataclass
class Checked:
    findings: list[Finding] = field(default_factory=list)
    crash: str | None = None
    seconds: float = 0.0

    def codes(self) -> Counter:
        return Counter(f.code for f in self.findings)


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise _Timeout()


def run_checker(text: str, path: str, timeout: float, ignore: tuple[str, ...] = ()) -> Checked:
    """nncheck with every rule (but `ignore`) on one file's text. Any exception is the
    checker's crash."""
    from nncheck import check_source  # imported late: --help works without nncheck installed

    start = time.perf_counter()
    use_alarm = timeout > 0 and hasattr(signal, "SIGALRM")
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the user's SyntaxWarnings are not our report
            diagnostics = check_source(text, path, select=["ALL"], ignore=list(ignore))
        findings = [Finding(d.code, d.start.line, d.message) for d in diagnostics]
        return Checked(findings, seconds=time.perf_counter() - start)
    except _Timeout:
        return Checked(crash=f"timed out after {timeout:g} s", seconds=time.perf_counter() - start)
    except Exception as error:  # noqa: BLE001 - a crash is a result to report, not to raise
        reason = str(error).strip().splitlines()
        summary = reason[-1] if reason else ""
        return Checked(crash=f"{type(error).__name__}: {summary}"[:300],
                       seconds=time.perf_counter() - start)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


# --- what each item expects ----------------------------------------------------------------


@dataclass
class Item:
    """One scored file: what it must report, what it may report, and what the checker said."""

    id: str
    path: str
    kind: str
    expected: frozenset[str]
    allowed: frozenset[str] = frozenset()     # reported or not, never a false positive
    debatable: frozenset[str] = frozenset()   # listed apart, counted neither way
    checked: Checked | None = None
    # Mutants: the unmutated file's codes and the lines the mutation wrote.
    baseline: Counter | None = None
    mutated_lines: frozenset[int] = frozenset()

    def new_codes(self) -> Counter:
        """Codes and how many findings of each count for this item: for a mutant, only what it
        has beyond its original."""
        codes = self.checked.codes() if self.checked else Counter()
        if self.baseline is None:
            return codes
        return Counter({c: n - self.baseline.get(c, 0) for c, n in codes.items()
                        if n > self.baseline.get(c, 0)})

    def found(self) -> set[str]:
        if not self.checked:
            return set()
        new = set(self.new_codes())
        on_mutation = {f.code for f in self.checked.findings if f.line in self.mutated_lines}
        return (new | on_mutation) & set(self.expected)

    def false_positive_codes(self) -> set[str]:
        return set(self.new_codes()) - self.expected - self.allowed - self.debatable

    def findings_of(self, codes: Iterable[str]) -> list[Finding]:
        wanted = set(codes)
        if not self.checked:
            return []
        return [f for f in self.checked.findings if f.code in wanted]


@dataclass
class CorpusResult:
    name: str
    items: list[Item]
    missing: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    # Rules left out with --ignore: their expected instances are not counted either.
    ignored: frozenset[str] = frozenset()

    def table(self) -> dict[str, dict[str, float | int | None]]:
        rows: dict[str, dict[str, int]] = {}

        def row(code: str) -> dict[str, int]:
            return rows.setdefault(code, {"expected": 0, "found": 0, "missed": 0, "fp": 0})

        for item in self.items:
            found = item.found()
            for code in item.expected - self.ignored:
                row(code)["expected"] += 1
                row(code)["found" if code in found else "missed"] += 1
            for code in item.false_positive_codes():
                row(code)["fp"] += 1
        return {code: _rates(counts) for code, counts in sorted(rows.items())}

    def totals(self) -> dict[str, float | int | None]:
        counts = {"expected": 0, "found": 0, "missed": 0, "fp": 0}
        for values in self.table().values():
            for key in counts:
                counts[key] += int(values[key] or 0)
        result = _rates(counts)
        result.update(
            items=len(self.items),
            crashes=sum(1 for i in self.items if i.checked and i.checked.crash),
            fp_findings=len(self.false_positives()),
            missing=len(self.missing),
            skipped=len(self.skipped),
            seconds=round(self.seconds, 2),
        )
        return result

    def false_positives(self) -> list[tuple[Item, Finding]]:
        listed = []
        for item in self.items:
            codes = item.false_positive_codes()
            for finding in item.findings_of(codes):
                listed.append((item, finding))
        return listed

    def debatable_findings(self) -> list[tuple[Item, Finding]]:
        return [(i, f) for i in self.items for f in i.findings_of(i.debatable - i.expected)
                if f.code in i.new_codes()]


def _rates(counts: dict[str, int]) -> dict[str, float | int | None]:
    found, fp, expected = counts["found"], counts["fp"], counts["expected"]
    return {
        **counts,
        "recall": round(found / expected, 3) if expected else None,
        "precision": round(found / (found + fp), 3) if (found + fp) else None,
    }


# --- the three corpora ---------------------------------------------------------------------


def style_items(root: Path = STYLE_ROOT) -> tuple[list[tuple[Item, str]], dict[str, str]]:
    """(item, text) for every script of every style batch, and the scripts that are missing."""
    pairs, missing = [], {}
    for manifest in sorted(root.glob("*/manifest.toml")):
        batch = manifest.parent
        try:
            data = rc.tomllib.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, rc.tomllib.TOMLDecodeError) as error:
            missing[str(manifest.relative_to(root))] = f"unreadable manifest: {error}"
            continue
        for script in data.get("script", []):
            name = script.get("file", "")
            item_id = f"{batch.name}/{name}"
            path = batch / name
            if not name or not path.is_file():
                missing[item_id] = "listed in the manifest but not found"
                continue
            kind = script.get("kind", "")
            expected = frozenset(script.get("expect", []) + script.get("also", []))
            if kind != "buggy":
                expected = frozenset()
            item = Item(item_id, str(path), kind, expected)
            pairs.append((item, path.read_text(encoding="utf-8")))
    return pairs, missing


def real_items(cache: Path) -> tuple[list[tuple[Item, str]], dict[str, str], dict[str, str]]:
    files = rc.load_manifest()
    present, missing = rc.materialise(files, cache)
    pairs, skipped = [], {}
    for file in present:
        if not file.scored:
            skipped[file.id] = "Python 2 only"
            continue
        path = file.cache_path(cache)
        item = Item(file.id, str(path), file.kind, frozenset(file.expect + file.info),
                    debatable=frozenset(file.debatable))
        pairs.append((item, file.checked_text(cache)))
    return pairs, missing, skipped


def mutant_items(cache: Path) -> tuple[list[tuple[Item, str, str]], dict[str, str]]:
    """(item, mutant text, original text) for every mutant that could be written."""
    files = rc.load_manifest()
    mutants = rc.load_mutations(files)
    rc.materialise(files, cache)
    written, refused = rc.write_mutants(files, mutants, cache)
    by_id = {f.id: f for f in files}
    triples = []
    for mutant in written:
        file = by_id[mutant.file]
        path = mutant.cache_path(cache, file)
        item = Item(
            mutant.id, str(path), "mutant", frozenset((mutant.expect, *mutant.also)),
            # The info codes true of the original stay true of its mutants (a mutation written
            # in the file's own style may add another unclipped log, say).
            allowed=frozenset(mutant.tolerate + file.info), debatable=frozenset(file.debatable),
            mutated_lines=frozenset(rc.mutated_lines(mutant)),
        )
        triples.append((item, path.read_text(encoding="utf-8"),
                        file.cache_path(cache).read_text(encoding="utf-8")))
    return triples, refused


def score(corpora: Iterable[str], cache: Path, timeout: float, style_root: Path = STYLE_ROOT,
          progress: Callable[[str], None] | None = None, ignore: tuple[str, ...] = (),
          ) -> dict[str, CorpusResult]:
    results = {}

    def check(text: str, path: str) -> Checked:
        return run_checker(text, path, timeout, ignore)

    for name in corpora:
        start = time.perf_counter()
        if name == "style":
            pairs, missing = style_items(style_root)
            items = _check_all(pairs, check, progress)
            result = CorpusResult(name, items, missing)
        elif name == "real":
            pairs, missing, skipped = real_items(cache)
            items = _check_all(pairs, check, progress)
            result = CorpusResult(name, items, missing, skipped)
        else:
            triples, refused = mutant_items(cache)
            originals: dict[str, Counter] = {}
            items = []
            for item, text, original in triples:
                key = original
                if key not in originals:
                    originals[key] = check(original, item.path).codes()
                item.baseline = originals[key]
                item.checked = check(text, item.path)
                items.append(item)
                if progress:
                    progress(item.id)
            result = CorpusResult(name, items, refused)
        result.seconds = time.perf_counter() - start
        result.ignored = frozenset(ignore)
        results[name] = result
    return results


def _check_all(pairs, check, progress) -> list[Item]:
    items = []
    for item, text in pairs:
        item.checked = check(text, item.path)
        items.append(item)
        if progress:
            progress(item.id)
    return items


# --- reporting -----------------------------------------------------------------------------


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def markdown(result: CorpusResult) -> str:
    totals = result.totals()
    lines = [
        f"## {result.name} corpus: {totals['items']} files checked, {totals['crashes']} crashed, "
        f"{totals['missing']} missing, {totals['skipped']} skipped, {totals['seconds']:.1f} s",
        "",
    ]
    table = result.table()
    if not result.items:
        lines.append("(nothing to score)")
    else:
        lines.append("| code | expected | found | missed | false positives | recall | precision |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for code, row in table.items():
            lines.append(f"| {code} | {row['expected']} | {row['found']} | {row['missed']} | "
                         f"{row['fp']} | {_fmt(row['recall'])} | {_fmt(row['precision'])} |")
        lines.append(f"| **total** | {totals['expected']} | {totals['found']} | "
                     f"{totals['missed']} | {totals['fp']} | {_fmt(totals['recall'])} | "
                     f"{_fmt(totals['precision'])} |")
    lines.append("")
    fps = result.false_positives()
    label = "False positives" + (" (findings on correct files, and unexpected codes on buggy ones)"
                                 if result.name != "mutants" else " (codes the mutation added)")
    lines.append(f"{label}: {len(fps)}" + (":" if fps else "."))
    for item, finding in fps:
        lines.append(f"- `{item.id}` ({item.kind}):{finding.line}: {finding.code} {finding.message}")
    debatable = result.debatable_findings()
    if debatable:
        lines.append("")
        lines.append(f"Debatable findings, counted neither way ({len(debatable)}):")
        for item, finding in debatable:
            lines.append(f"- `{item.id}`:{finding.line}: {finding.code} {finding.message}")
    crashes = [i for i in result.items if i.checked and i.checked.crash]
    if crashes:
        lines.append("")
        lines.append(f"Crashes ({len(crashes)}):")
        for item in crashes:
            lines.append(f"- `{item.id}`: {item.checked.crash}")
    if result.missing:
        lines.append("")
        lines.append(f"Missing ({len(result.missing)}):")
        for key, reason in sorted(result.missing.items()):
            lines.append(f"- `{key}`: {reason}")
    if result.skipped:
        lines.append("")
        lines.append(f"Skipped ({len(result.skipped)}): " + ", ".join(
            f"`{k}` ({v})" for k, v in sorted(result.skipped.items())))
    return "\n".join(lines) + "\n"


def to_json(results: dict[str, CorpusResult], ignore: tuple[str, ...] = ()) -> dict:
    def item_json(item: Item) -> dict:
        checked = item.checked or Checked()
        return {
            "id": item.id,
            "kind": item.kind,
            "expected": sorted(item.expected),
            "found": sorted(item.found()),
            "false_positive_codes": sorted(item.false_positive_codes()),
            "findings": [[f.code, f.line, f.message] for f in checked.findings],
            "crash": checked.crash,
            "seconds": round(checked.seconds, 3),
        }

    return {
        "checker": _checker_version(),
        "ignored_codes": list(ignore),
        "corpora": {
            name: {
                "table": result.table(),
                "totals": result.totals(),
                "false_positives": [[i.id, f.code, f.line, f.message]
                                    for i, f in result.false_positives()],
                "missing": result.missing,
                "skipped": result.skipped,
                "items": [item_json(i) for i in result.items],
            }
            for name, result in results.items()
        },
    }


def _checker_version() -> dict:
    try:
        import nncheck

        version = getattr(nncheck, "__version__", "?")
        location = Path(nncheck.__file__).resolve().parent.parent
    except ImportError:
        return {"version": None}
    commit = subprocess.run(["git", "-C", str(location), "rev-parse", "HEAD"],
                            capture_output=True, text=True)
    return {"version": version,
            "commit": commit.stdout.strip() if commit.returncode == 0 else None}


def deltas(results: dict[str, CorpusResult], baseline: dict) -> str:
    lines = [f"## Change since the baseline (checker {baseline.get('checker', {}).get('commit')})",
             ""]
    before_all = baseline.get("corpora", {})
    for name, result in results.items():
        if name not in before_all:
            lines.append(f"{name}: not in the baseline.")
            lines.append("")
            continue
        before = before_all[name]["table"]
        after = result.table()
        lines.append(f"### {name}")
        lines.append("")
        lines.append("| code | found | missed | false positives | recall | precision |")
        lines.append("|---|---:|---:|---:|---|---|")
        changed = 0
        for code in sorted(set(before) | set(after)):
            old = before.get(code, {})
            new = after.get(code, {})
            keys = ("found", "missed", "fp", "recall", "precision")
            if all(old.get(k) == new.get(k) for k in keys):
                continue
            changed += 1
            lines.append(
                f"| {code} | {_delta(old.get('found'), new.get('found'))} | "
                f"{_delta(old.get('missed'), new.get('missed'))} | "
                f"{_delta(old.get('fp'), new.get('fp'))} | "
                f"{_fmt(old.get('recall'))} → {_fmt(new.get('recall'))} | "
                f"{_fmt(old.get('precision'))} → {_fmt(new.get('precision'))} |"
            )
        old_t, new_t = before_all[name]["totals"], result.totals()
        lines.append(
            f"| **total** | {_delta(old_t.get('found'), new_t.get('found'))} | "
            f"{_delta(old_t.get('missed'), new_t.get('missed'))} | "
            f"{_delta(old_t.get('fp'), new_t.get('fp'))} | "
            f"{_fmt(old_t.get('recall'))} → {_fmt(new_t.get('recall'))} | "
            f"{_fmt(old_t.get('precision'))} → {_fmt(new_t.get('precision'))} |"
        )
        if not changed:
            lines.append("")
            lines.append("(no code changed)")
        lines.append("")
    return "\n".join(lines)


def _delta(old, new) -> str:
    old, new = old or 0, new or 0
    return f"{new} ({new - old:+d})" if new != old else str(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA,
                        help="which corpus to score (repeatable; default: all)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--baseline", type=Path, help="a JSON file from an earlier run: print the change")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds per file before it counts as a crash (0: none)")
    parser.add_argument("--style-root", type=Path, default=STYLE_ROOT,
                        help="the folder holding the style batches")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE",
                        help="leave this rule out (repeatable), e.g. an off-by-default info rule")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)

    baseline = None
    if args.baseline:
        try:
            baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"error: cannot read the baseline {args.baseline}: {error}", file=sys.stderr)
            return 2
    try:
        rc.load_mutations(rc.load_manifest())
    except (rc.TableError, rc.tomllib.TOMLDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    def progress(item_id: str) -> None:
        if not args.quiet:
            print(f"  checked {item_id}", file=sys.stderr)

    ignore = tuple(args.ignore)
    results = score(args.corpus or CORPORA, rc.cache_root(), args.timeout, args.style_root,
                    progress, ignore)
    for result in results.values():
        print(markdown(result))
    if baseline is not None:
        print(deltas(results, baseline))
    if args.json:
        args.json.write_text(json.dumps(to_json(results, ignore), indent=1) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
