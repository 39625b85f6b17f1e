"""Each file's budget: the Budget API the model uses, the in-process guard, and what the engine
does when a file runs over (one note, the rules that need no model still run, nothing hangs)."""
from __future__ import annotations

import time
import warnings

import libcst as cst
import numpy as np
import pytest

from nncheck import budget as budget_module
from nncheck.budget import Budget, BudgetExceeded, Limits, guard
from nncheck.diagnostics import Severity
from nncheck.engine import check_text
from nncheck.model import NetworkModel
from nncheck.rules import select_rules
from nncheck.rules.base import Rule

SCRIPT = "import numpy as np\n\ndef f(x):\n    return np.tanh(x)\n\ny = f(np.zeros(3))\n"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_steps_and_time_run_out_with_their_own_reason() -> None:
    clock = Clock()
    budget = Budget(Limits(seconds=2, steps=100), clock=clock)
    budget.step(60)
    with pytest.raises(BudgetExceeded) as raised:
        budget.step(41)
    assert raised.value.kind == "steps" and raised.value.reason == "more than 100 steps of model work"
    budget = Budget(Limits(seconds=2, steps=100), clock=clock)
    budget.check()
    clock.now = 2.5
    with pytest.raises(BudgetExceeded) as raised:
        budget.check()
    assert raised.value.kind == "time" and raised.value.reason == "more than 2 s of CPU time"
    assert budget.exceeded is raised.value


def test_budget_exceeded_is_not_swallowed_by_except_exception() -> None:
    def model_code(budget: Budget) -> None:
        try:
            budget.exceed("steps", "too much")
        except Exception:  # noqa: BLE001 - what the model's own handlers look like
            pytest.fail("BudgetExceeded must pass through `except Exception`")

    with pytest.raises(BudgetExceeded):
        model_code(Budget())


@pytest.mark.skipif(budget_module._RAISE_IN is None, reason="CPython only")
def test_guard_stops_python_code_that_never_looks_at_the_clock() -> None:
    budget = Budget(Limits(seconds=0.3))
    start = time.monotonic()
    with pytest.raises(BudgetExceeded):
        with guard(budget):
            while True:
                pass
    assert time.monotonic() - start < 5
    assert budget.exceeded.kind == "time" and budget.exceeded.reason == "more than 0.3 s of CPU time"


@pytest.mark.skipif(budget_module._RAISE_IN is None, reason="CPython only")
def test_guard_fires_again_when_its_exception_is_dropped() -> None:
    # Python drops an exception that lands in a finalizer or a gc callback; here, code that
    # swallows it stands for those.
    budget = Budget(Limits(seconds=0.2))
    swallowed = 0
    with pytest.raises(BudgetExceeded):
        with guard(budget):
            for _ in range(2):
                try:
                    while True:
                        pass
                except BudgetExceeded:
                    swallowed += 1
            while True:
                pass
    assert swallowed == 2


@pytest.mark.skipif(budget_module._RAISE_IN is None, reason="CPython only")
def test_guard_never_fires_after_its_block() -> None:
    # Blocks that end right at their deadline: no BudgetExceeded may land outside the guard.
    for _ in range(30):
        budget = Budget(Limits(seconds=0.02))
        try:
            with guard(budget):
                deadline = time.monotonic() + 0.02
                while time.monotonic() < deadline:
                    pass
        except BudgetExceeded:
            pass
        for _ in range(20_000):  # plenty of bytecodes for a stray exception to land in
            pass


@pytest.mark.skipif(budget_module.resident_memory() is None or budget_module._RAISE_IN is None,
                    reason="needs the resident memory and CPython")
def test_guard_stops_memory_growth() -> None:
    budget = Budget(Limits(seconds=60, memory=150 * 2**20))
    held = []
    with pytest.raises(BudgetExceeded):
        with guard(budget):
            while True:
                held.append(np.ones(2**20 // 8 * 4))  # 4 MiB, touched
                time.sleep(0.001)
    held.clear()
    assert budget.exceeded.kind == "memory" and "150 MiB of memory" in budget.exceeded.reason


# -- the engine ----------------------------------------------------------------------------------


class EveryAssignment(Rule):
    """A rule that needs no model: it reads the tree only."""

    code = "NN998"
    name = "every-assignment"
    severity = Severity.INFO
    summary = "test rule"
    needs_model = False

    def check(self):
        for node in self.model.module.body:
            if isinstance(node, cst.SimpleStatementLine) and isinstance(node.body[0], cst.Assign):
                yield self.report(node, "an assignment")


def test_a_model_that_never_ends_gives_a_note_and_the_rules_that_need_no_model(monkeypatch) -> None:
    def forever(cls, *args, **kwargs):
        while True:
            pass

    monkeypatch.setattr(NetworkModel, "build", classmethod(forever))
    start = time.monotonic()
    result = check_text(SCRIPT, "net.py", [EveryAssignment, *select_rules()], limits=Limits(seconds=0.5))
    assert time.monotonic() - start < 10
    assert result.notes == [
        "net.py: skipped every rule that reads the network model: more than 0.5 s of CPU time, "
        "while building the network model (its syntax was checked)"
    ]
    assert [(d.code, d.start.line) for d in result.diagnostics] == [("NN998", 6)]
    assert not result.errors and result.model is None


def test_the_model_gets_the_budget_and_may_say_what_it_skipped(monkeypatch) -> None:
    received = []

    def build(cls, wrapper, path, source, budget=None):
        received.append(budget)
        raise BudgetExceeded("the shape analysis took more than 10,000 steps", "steps")

    monkeypatch.setattr(NetworkModel, "build", classmethod(build))
    result = check_text(SCRIPT, "net.py")
    assert isinstance(received[0], Budget)
    assert result.notes == [
        "net.py: skipped every rule that reads the network model: the shape analysis took more "
        "than 10,000 steps, while building the network model (its syntax was checked)"
    ]


def test_a_rule_over_budget_keeps_the_findings_of_the_rules_before_it() -> None:
    class Done(EveryAssignment):
        code = "NN997"
        needs_model = True

    class Slow(Done):
        code = "NN996"

        def check(self):
            while True:
                pass
            yield

    class Never(Done):
        code = "NN995"

    result = check_text(SCRIPT, "net.py", [Done, Slow, Never], limits=Limits(seconds=0.5))
    assert [d.code for d in result.diagnostics] == ["NN997"]
    assert result.notes == [
        "net.py: skipped 2 of the 3 rules that read the network model (NN996, NN995): more than "
        "0.5 s of CPU time, while running rule NN996 (its syntax was checked)"
    ]


def test_after_the_budget_ran_out_any_exception_is_its_consequence(monkeypatch) -> None:
    # The watchdog's exception, landed inside C code, can surface as another one (CPython 3.11's
    # ast.parse turns it into "SystemError: AST constructor recursion depth mismatch").
    def converts(cls, *args, **kwargs):
        try:
            while True:
                pass
        except BudgetExceeded:
            raise SystemError("AST constructor recursion depth mismatch") from None

    monkeypatch.setattr(NetworkModel, "build", classmethod(converts))
    result = check_text(SCRIPT, "net.py", limits=Limits(seconds=0.3))
    assert not result.errors
    assert result.notes == [
        "net.py: skipped every rule that reads the network model: more than 0.3 s of CPU time, "
        "while building the network model (its syntax was checked)"
    ]


def test_recursion_in_the_model_is_a_depth_note_not_a_crash(monkeypatch) -> None:
    def deep(cls, *args, **kwargs):
        def down(n):
            return down(n + 1)
        return down(0)

    monkeypatch.setattr(NetworkModel, "build", classmethod(deep))
    result = check_text(SCRIPT, "net.py")
    assert not result.errors
    assert result.notes[0].startswith("net.py: skipped every rule that reads the network model: "
                                      "code nested too deeply for the model")


def test_no_warning_of_the_users_code_or_numbers_escapes(monkeypatch) -> None:
    real = NetworkModel.build.__func__

    def noisy(cls, *args, **kwargs):
        np.mean(np.array([]))  # RuntimeWarning: Mean of empty slice
        warnings.warn("the model's own chatter", UserWarning)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(NetworkModel, "build", classmethod(noisy))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_text("x = '\\d'\n" + SCRIPT, "net.py")  # '\d': a SyntaxWarning (3.12) or DeprecationWarning
    assert [str(w.message) for w in caught] == []


def test_a_file_over_the_parse_budget_is_not_parsed_and_says_why() -> None:
    text = "DATA = [" + ", ".join(str(i) for i in range(3000)) + "]\n"
    result = check_text(text, "data.py", limits=Limits(parse_cost=1000))
    assert result.notes == [
        "data.py: skipped every rule that reads the network model: it has 6,004 tokens, over the "
        "budget of 1,000 per file (its syntax was checked)"
    ]
    chain = "x = y" + "[0]" * 2000 + "\n"  # libcst's parser is cubic in such a chain
    result = check_text(chain, "chain.py")
    assert result.notes == [
        "chain.py: skipped every rule that reads the network model: it has an expression of 2,000 "
        "chained operations: 406,004 tokens' worth of parsing, over the budget of 100,000 per "
        "file (its syntax was checked)"
    ]
