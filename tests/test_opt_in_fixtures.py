"""Fixtures for the rules that are off by default (NN105 unstable-exp, NN402 log-without-clip).

tests/test_fixtures.py checks every fixture with the default rules, where these rules never
run, so their findings are marked with a comment of their own at the end of the line where
each must start:

    exps = np.exp(logits)  # opt-in: NN105

Here each such fixture is checked with exactly those rules selected: it must get exactly its
opt-in markers, and its fixed twin (`<name>_fixed.py`) none of those codes.
"""
from __future__ import annotations

import io
import re
import tokenize
from collections import Counter
from pathlib import Path

import pytest

from nncheck.engine import check_text
from nncheck.rules import select_rules

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OPT_IN = re.compile(r"#\s*opt-in:\s*(?P<codes>NN\d{3}(?:\s*,\s*NN\d{3})*)\s*$")


def opt_in_markers(text: str) -> list[tuple[int, str]]:
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT and "opt-in" in token.string:
            match = OPT_IN.search(token.string)
            assert match, f"line {token.start[0]}: malformed marker {token.string!r}"
            found.extend((token.start[0], code.strip()) for code in match["codes"].split(","))
    return found


OPT_IN_FIXTURES = sorted(
    path for path in FIXTURES.glob("*.py") if opt_in_markers(path.read_text(encoding="utf-8"))
)


def test_there_are_opt_in_fixtures() -> None:
    codes = {code for path in OPT_IN_FIXTURES for _, code in opt_in_markers(path.read_text(encoding="utf-8"))}
    assert {"NN105", "NN402"} <= codes


@pytest.mark.parametrize("path", OPT_IN_FIXTURES, ids=lambda path: path.name)
def test_opt_in_fixture_and_its_twin(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = Counter(opt_in_markers(text))
    codes = sorted({code for _, code in expected})
    rules = select_rules(codes)
    assert all(not rule.default for rule in rules), "opt-in markers are for rules that are off by default"
    result = check_text(text, str(path), rules)
    assert not result.errors
    assert Counter((d.start.line, d.code) for d in result.diagnostics) == expected, [
        (d.start.line, d.code, d.message) for d in result.diagnostics
    ]
    twin = path.with_name(f"{path.stem}_fixed.py")
    assert twin.exists(), f"{path.name} has no fixed twin {twin.name}"
    fixed = check_text(twin.read_text(encoding="utf-8"), str(twin), rules)
    assert not fixed.errors and not fixed.diagnostics, [(d.start.line, d.code, d.message) for d in fixed.diagnostics]
