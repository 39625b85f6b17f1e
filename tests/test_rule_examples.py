"""Every rule's own VALID and INVALID examples, run as tests (as Fixit's `fixit test` does).

A VALID example must give no diagnostic of the rule's code. An INVALID example must give exactly
one, on the first line that contains `invalid.at`, with a message that contains every string in
`invalid.says`. An INVALID example with `fixed` must fix (to a fixed point, with that rule
alone) to exactly `fixed`. The list follows nncheck.rules.ALL_RULES, so a new rule is tested as soon as it
is registered.
"""
from __future__ import annotations

import pytest

from nncheck import check_source
from nncheck.engine import check_text
from nncheck.fix import fix_text
from nncheck.rules import ALL_RULES, select_rules
from nncheck.rules.base import Invalid, Rule, Valid


def _cases(kind: str):
    for rule in ALL_RULES:
        examples = rule.VALID if kind == "valid" else rule.INVALID
        for number, example in enumerate(examples, start=1):
            yield pytest.param(rule, example, id=f"{rule.code}-{kind}-{number}")


def line_of(source: str, needle: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"the example's `at` {needle!r} is not in its source")


@pytest.mark.parametrize(("rule", "example"), list(_cases("valid")))
def test_valid_example_is_not_flagged(rule: type[Rule], example: Valid) -> None:
    found = [d for d in check_source(example.source, "example.py", select=[rule.code]) if d.code == rule.code]
    assert found == [], f"{rule.code} flagged correct code:\n{example.source}\n{found}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("invalid")))
def test_invalid_example_is_flagged_once_on_its_line(rule: type[Rule], example: Invalid) -> None:
    found = [d for d in check_source(example.source, "example.py", select=[rule.code]) if d.code == rule.code]
    assert len(found) == 1, (
        f"{rule.code} should flag this exactly once, found {len(found)}:\n{example.source}\n"
        + "\n".join(f"  {d.start.line}:{d.start.column} {d.message}" for d in found)
    )
    (diagnostic,) = found
    assert diagnostic.start.line == line_of(example.source, example.at), (
        f"{rule.code} flagged line {diagnostic.start.line}, expected the line containing {example.at!r}"
    )
    for text in example.says:
        assert text in diagnostic.message, f"{text!r} not in the message {diagnostic.message!r}"
    assert diagnostic.name == rule.name
    if example.fixed is not None:
        assert diagnostic.fix is not None, f"{rule.code} gives no fix although the example has `fixed`"
        assert rule.fix_availability != "none"


@pytest.mark.parametrize(
    ("rule", "example"), [case for case in _cases("invalid") if case.values[1].fixed is not None]
)
def test_invalid_example_fixes_to_its_fixed_source(rule: type[Rule], example: Invalid) -> None:
    """--fix (with --unsafe-fixes: an unsafe fix is still the rule's fix) on the example, with
    only this rule selected, gives exactly `fixed`; the fixed source parses and the rule is
    silent on it."""
    rules = select_rules([rule.code])
    outcome = fix_text(example.source, lambda text: check_text(text, "example.py", rules), unsafe=True)
    assert outcome.error is None, outcome.error
    assert outcome.text == example.fixed, (
        f"{rule.code} fixed the example to:\n{outcome.text}\nexpected:\n{example.fixed}"
    )
    assert outcome.fixed[rule.code] >= 1
    assert [d for d in outcome.result.diagnostics if d.code == rule.code] == []


def test_every_rule_with_a_fix_shows_it_in_an_example() -> None:
    # Fixit infers AUTOFIX from examples; here a rule that says it fixes must prove it once.
    missing = [
        rule.code
        for rule in ALL_RULES
        if rule.fix_availability != "none" and not any(example.fixed for example in rule.INVALID)
    ]
    assert missing == [], f"rules with fixes but no INVALID example with `fixed`: {missing}"
