"""The pre-filter (nncheck.prefilter) never costs a finding.

For every fixture, both corpora (the style corpus and the installed precision corpus) and every
rule's own examples: a file the pre-filter lets skip the model must have no finding when it is
checked in full with every rule, and must get the same result both ways. (A file it keeps goes
the usual way, so its result is the same by construction.)
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from nncheck.discover import load_source
from nncheck.engine import check_text
from nncheck.prefilter import cannot_hold_network
from nncheck.rules import ALL_RULES, select_rules

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from corpus_report import CORPORA, CorpusMissing, corpus_files  # noqa: E402


def _files() -> list[tuple[str, str]]:
    sources = []
    for folder in ("fixtures", "tests/style_corpus"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".ipynb") and path.is_file():
                sources.append((str(path.relative_to(ROOT)), load_source(path).text))
    for corpus in CORPORA:
        try:
            found = corpus_files(corpus)
        except CorpusMissing:
            continue
        sources.extend((f"{corpus.name}:{path.name}", load_source(path).text) for path, _ in found)
    for rule in ALL_RULES:
        for kind, examples in (("valid", rule.VALID), ("invalid", rule.INVALID)):
            for number, example in enumerate(examples, start=1):
                sources.append((f"{rule.code}-{kind}-{number}", example.source))
    return sources


def test_a_file_let_through_has_no_finding() -> None:
    rules = select_rules(["ALL"])
    sources = _files()
    assert len(sources) > 500  # the fixtures, the corpora and the examples were all found
    skipped = [(name, text) for name, text in sources if cannot_hold_network(text)]
    for name, text in skipped:
        full = check_text(text, name, rules, prefilter=False)
        assert [d.code for d in full.diagnostics if d.code != "NN900"] == [], name
        assert not full.errors, name
        filtered = check_text(text, name, rules)
        assert filtered.diagnostics == full.diagnostics, name
    # The comparison above is not empty: the corpora's package files and some examples qualify.
    assert len(skipped) >= 5


@pytest.mark.parametrize(
    "text",
    [
        "import numpy as np\nx = np.zeros(3)\n",
        "import numpy\n",
        "from numpy import dot\n",
        "from helpers import np\n",
        "# uses np arrays from elsewhere\nx = f()\n",
        "class Net:\n    def forward(self, X):\n        return X\n    def predict(self, X):\n        return forward(X)\n",
        "if True:\n    class Inner:\n        pass\n",
    ],
)
def test_kept(text: str) -> None:
    assert not cannot_hold_network(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "x = 1\n",
        "import os\nprint(os.getcwd())\n",
        "def numpyish(a):\n    return a + 1\n",  # `numpyish` is not the word numpy
        "classes = ['a', 'b']\n",
    ],
)
def test_skipped(text: str) -> None:
    assert cannot_hold_network(text)


def test_a_syntax_error_is_still_reported_when_skipped() -> None:
    result = check_text("def f(:\n    pass\n", "broken.py")
    assert [d.code for d in result.diagnostics] == ["NN900"]
    suppressed = check_text("def f(:  # noqa: NN900\n    pass\n", "broken.py")
    assert suppressed.diagnostics == []


@pytest.mark.corpus
def test_scikit_learn_files_let_through_have_no_finding() -> None:
    # A large real tree: the installed scikit-learn, whose files the pre-filter lets skip the
    # model are checked in full.
    try:
        import importlib.util

        root = Path(importlib.util.find_spec("sklearn").origin).parent
    except (ImportError, AttributeError, TypeError):
        pytest.skip("scikit-learn is not installed (the test extra)")
    rules = select_rules(["ALL"])
    skipped = 0
    for path in sorted(root.rglob("*.py")):
        text = load_source(path).text
        if cannot_hold_network(text):
            skipped += 1
            full = check_text(text, str(path), rules, prefilter=False)
            assert [d.code for d in full.diagnostics] == [], path
    assert skipped >= 20
