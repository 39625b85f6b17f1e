"""The precision corpus: real, correct NumPy networks on which nncheck must report nothing.

scikit-learn's MLP (sklearn/neural_network), numpy-ml's neural_nets and the nnfs book's tutorial
code are installed with the test extras. Each file is read as text (the packages are located
with importlib.util.find_spec, never imported) and checked with the default rules. Every finding
is a false positive, and the assertion lists them all.

The corpus definitions live in scripts/corpus_report.py, which prints the same run as a table.
"""
from __future__ import annotations

import functools
import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

pytestmark = pytest.mark.corpus

_SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "corpus_report.py"
_spec = importlib.util.spec_from_file_location("nncheck_corpus_report", _SCRIPT)
assert _spec is not None and _spec.loader is not None
corpus_report = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = corpus_report  # dataclasses look the module up while creating classes
_spec.loader.exec_module(corpus_report)

CORPORA = {corpus.name: corpus for corpus in corpus_report.CORPORA}


def _files(corpus):
    try:
        return corpus_report.corpus_files(corpus)
    except corpus_report.CorpusMissing as error:
        pytest.fail(
            f"corpus {corpus.name!r} (distribution {corpus.distribution!r}) is missing: {error}",
            pytrace=False,
        )


@functools.lru_cache(maxsize=None)
def _checked(name: str):
    """One run over a corpus, with the Python warnings it emitted: both tests below read it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = corpus_report.check_corpus(CORPORA[name])
    return result, tuple(caught)


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_is_not_empty(name: str) -> None:
    corpus = CORPORA[name]
    files = _files(corpus)
    assert len(files) >= corpus.min_files, (
        f"corpus {name!r} has only {len(files)} files (expected at least {corpus.min_files}): "
        f"the clean result below would be vacuous; {corpus_report.INSTALL_HINT}"
    )


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_corpus_has_no_findings(name: str) -> None:
    corpus = CORPORA[name]
    _files(corpus)  # fail (not skip) with the install hint when the package is missing
    result, _ = _checked(name)
    assert result.files >= corpus.min_files
    problems = [*result.findings, *(f"checker error: {error}" for error in result.errors)]
    assert not problems, (
        f"nncheck reported {len(result.findings)} finding(s) and {len(result.errors)} error(s) "
        f"on correct code in corpus {name!r} ({result.files} files):\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_checking_the_corpus_is_quiet(name: str) -> None:
    """Checking a file must not print Python warnings about the user's code (e.g. the invalid
    escape sequences in numpy-ml's docstrings, which are SyntaxWarnings shown by default from
    Python 3.12 on): nncheck's own output is the only report."""
    _files(CORPORA[name])
    _, caught = _checked(name)
    shown = sorted({f"{w.category.__name__}: {w.message} (from {w.filename}:{w.lineno})" for w in caught})
    assert not shown, f"checking corpus {name!r} emitted {len(shown)} warning(s):\n" + "\n".join(shown)
