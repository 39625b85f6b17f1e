"""A few hundred of scripts/fuzz.py's programs, with a fixed seed: mutated fixtures and programs
from hypothesmith, checked and fixed without one internal error. (The full run, 10,000+
programs, is by hand: python scripts/fuzz.py.)"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _fuzz():
    spec = importlib.util.spec_from_file_location("nncheck_fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["nncheck_fuzz"] = module
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz()


def test_mutated_fixtures_never_cause_an_internal_error() -> None:
    tally = fuzz.Tally()
    rules = fuzz.select_rules(["ALL"])
    for origin, data in fuzz.mutations(seed=13, count=120):
        fuzz.check_program(origin, data, tally, rules)
    assert tally.programs == 120 and tally.checked > 80
    assert tally.failures == [], [(origin, reason) for origin, reason, _ in tally.failures]
    # The mutations are not all broken: some still parse, have findings and get fixed.
    assert tally.syntax_errors < tally.checked and tally.findings and tally.fixed


def test_hypothesmith_programs_never_cause_an_internal_error() -> None:
    pytest.importorskip("hypothesmith")
    tally = fuzz.Tally()
    rules = fuzz.select_rules(["ALL"])
    programs = list(fuzz.hypothesmith_programs(seed=13, count=80, node_every=None))
    assert len(programs) == 80
    for origin, data in programs:
        fuzz.check_program(origin, data, tally, rules)
    assert tally.failures == [], [(origin, reason) for origin, reason, _ in tally.failures]
