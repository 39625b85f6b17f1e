"""Run nncheck over the precision corpus and report what it finds.

The precision corpus is real, correct NumPy neural-network code installed with the test extras
(`pip install -e '.[test]'`): scikit-learn's MLP, numpy-ml's neural_nets and the nnfs book's
tutorial code. nncheck must find nothing in it; every finding here is a false positive.

    python scripts/corpus_report.py            # per corpus: files, lines, findings (listed)
    python scripts/corpus_report.py --quiet    # counts only

Exit status: 0 when the corpus is clean, 1 when there are findings or checker errors, 2 when a
corpus package is not installed. tests/test_corpus.py uses the same definitions.

The packages are located with importlib.util.find_spec and never imported: nncheck reads their
source as text, exactly as it reads a user's script.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = "install the test extras: pip install -e '.[test]'"


@dataclass(frozen=True)
class Corpus:
    """A named corpus: (top-level package, glob inside the package) pairs, and the fewest files
    it must contain so that a clean result cannot come from finding nothing to check."""

    name: str
    distribution: str
    globs: tuple[tuple[str, str], ...]
    min_files: int


CORPORA: tuple[Corpus, ...] = (
    Corpus("scikit-learn", "scikit-learn", (("sklearn", "neural_network/*.py"),), min_files=4),
    Corpus("numpy-ml", "numpy-ml", (("numpy_ml", "neural_nets/**/*.py"),), min_files=15),
    Corpus(
        "nnfs",
        "nnfs",
        (("nnfs_video_tutorial_code", "*.py"), ("nnfs", "**/*.py")),
        min_files=10,
    ),
)


class CorpusMissing(Exception):
    """A corpus package is not installed."""


def package_dir(package: str) -> Path:
    """The directory of an installed top-level package, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise CorpusMissing(f"package {package!r} is not installed ({INSTALL_HINT})")
    return Path(locations[0])


def corpus_files(corpus: Corpus) -> list[tuple[Path, Path]]:
    """(file, display root) pairs of a corpus, sorted; raises CorpusMissing."""
    files: list[tuple[Path, Path]] = []
    for package, pattern in corpus.globs:
        root = package_dir(package)
        display_root = root.parent
        files.extend((path, display_root) for path in sorted(root.glob(pattern)) if path.is_file())
    return files


@dataclass
class CorpusResult:
    corpus: Corpus
    files: int = 0
    lines: int = 0
    findings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_corpus(corpus: Corpus) -> CorpusResult:
    """Check every file of a corpus with the default rules; raises CorpusMissing."""
    from nncheck.engine import check_text

    result = CorpusResult(corpus)
    for path, display_root in corpus_files(corpus):
        shown = path.relative_to(display_root).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            result.errors.append(f"{shown}: cannot read: {error}")
            continue
        result.files += 1
        result.lines += len(text.splitlines())
        file_result = check_text(text, shown)
        for d in file_result.diagnostics:
            result.findings.append(f"{shown}:{d.start.line}:{d.start.column}: {d.code} {d.message}")
        result.errors.extend(file_result.errors)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="counts only, no list of findings")
    args = parser.parse_args(argv)

    missing = False
    total_files = total_lines = total_findings = total_errors = 0
    print(f"{'corpus':<14}{'files':>7}{'lines':>9}{'findings':>10}{'errors':>8}")
    results = []
    for corpus in CORPORA:
        try:
            result = check_corpus(corpus)
        except CorpusMissing as error:
            print(f"{corpus.name:<14}  missing: {error}")
            missing = True
            continue
        results.append(result)
        total_files += result.files
        total_lines += result.lines
        total_findings += len(result.findings)
        total_errors += len(result.errors)
        print(
            f"{corpus.name:<14}{result.files:>7}{result.lines:>9}"
            f"{len(result.findings):>10}{len(result.errors):>8}"
        )
    print(f"{'total':<14}{total_files:>7}{total_lines:>9}{total_findings:>10}{total_errors:>8}")

    if not args.quiet:
        for result in results:
            if result.findings or result.errors:
                print(f"\n{result.corpus.name}:")
                for line in result.findings:
                    print(f"  {line}")
                for line in result.errors:
                    print(f"  error: {line}")
    if missing:
        return 2
    return 1 if total_findings or total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
