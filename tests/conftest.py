"""Shared test helpers: a test-only rule with a safe fix, registered for one test at a time.

The infrastructure (CLI, config, reports, noqa) must be tested before most real rules exist and
independently of what they find, so these tests use NN900 (files that do not parse) and this
rule, which flags every name `flagme` and offers to rename it.
"""
from __future__ import annotations

import os
from typing import Iterator

import libcst as cst
import pytest

import nncheck.rules as rules_module
from nncheck.diagnostics import Diagnostic, Severity
from nncheck.rules.base import Invalid, Rule, Valid

# The results cache (nncheck.cache) is tested on its own, in tests/test_cache.py; everywhere else
# a test must see the checker as it patched it, never a result an earlier test stored. Set here,
# so that the command lines the tests start inherit it too.
os.environ["NNCHECK_NO_CACHE"] = "1"


class FlagmeRule(Rule):
    """
    ## What it does
    Flags every name `flagme` (a rule for the tests of nncheck itself).

    ## Why is this bad?
    It is not; it is easy to find.

    ## Example
    ```python
    flagme = 1
    ```

    ## Use instead
    ```python
    ok = 1
    ```
    """

    code = "NN998"
    name = "test-flagme"
    severity = Severity.WARNING
    summary = "a name `flagme` (tests only)"
    fix_availability = "always"
    VALID = [Valid("ok = 1\n")]
    INVALID = [Invalid("flagme = 1\n", at="flagme", says=("flagme",))]

    def check(self) -> Iterator[Diagnostic]:
        found: list[cst.Name] = []

        class Finder(cst.CSTVisitor):
            def visit_Name(self, node: cst.Name) -> None:
                if node.value == "flagme":
                    found.append(node)

        self.model.module.visit(Finder())
        for node in found:
            yield self.report(
                node,
                "name `flagme` found: rename it to `ok`",
                fix=self.replace(node, "ok", "Rename `flagme` to `ok`"),
            )


class CrashingRule(Rule):
    """A rule that fails on every file, to test how internal errors are reported."""

    code = "NN997"
    name = "test-crash"
    severity = Severity.ERROR
    summary = "always crashes (tests only)"

    def check(self) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("the test rule crashed")


def _register(monkeypatch: pytest.MonkeyPatch, *extra: type[Rule]) -> None:
    all_rules = sorted([*rules_module.ALL_RULES, *extra], key=lambda rule: rule.code)
    monkeypatch.setattr(rules_module, "ALL_RULES", all_rules)
    monkeypatch.setattr(rules_module, "RULES_BY_CODE", {r.code: r for r in all_rules})
    monkeypatch.setattr(rules_module, "RULES_BY_NAME", {r.name: r for r in all_rules})


@pytest.fixture
def flagme(monkeypatch: pytest.MonkeyPatch) -> type[Rule]:
    """Register FlagmeRule (NN998) for this test only."""
    _register(monkeypatch, FlagmeRule)
    return FlagmeRule


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> type[Rule]:
    """Register FlagmeRule and CrashingRule (NN997) for this test only."""
    _register(monkeypatch, FlagmeRule, CrashingRule)
    return CrashingRule


SYNTAX_ERROR = "def sigmoid(x)\n    return x\n"
CLEAN = "import numpy as np\nx = np.zeros(3)\n"
