"""The pipeline for one file: parse → model → rules → suppress.

Everything here works on text, so files, stdin, notebooks' cells and tests share one path.

Each file has a budget (nncheck.budget): the parse stage refuses, before parsing, a file whose
parse would cost more than it allows, and the network model and the rules that read it run under
a guard that stops them when the file's time or memory runs out. Either way the file still gets
what needs no model (Python's syntax check, and the rules that declare `needs_model = False`),
and one note that says what was skipped and why (`FileResult.notes`: not a finding, printed as
a warning, and it does not change the exit code).
"""
from __future__ import annotations

import traceback
import warnings
from typing import Iterable, Sequence

from nncheck.budget import DEFAULT_LIMITS, Budget, BudgetExceeded, Limits, exceeded_reason, guard
from nncheck.diagnostics import Diagnostic, FileResult, Severity
from nncheck.model import NetworkModel
from nncheck.model.values import numpy_imports_of
from nncheck.model.parse import ParsedSource, SyntaxProblem, Unparsed, parse, parse_cost, python_syntax_problem
from nncheck.rules import SyntaxErrorRule, Rule, select_rules
from nncheck.suppress import remove_suppressed


def check_text(
    text: str,
    path: str = "<stdin>",
    rules: Sequence[type[Rule]] | None = None,
    *,
    limits: Limits | None = None,
    prefilter: bool = True,
) -> FileResult:
    """Check one file's text with the given rule classes (default: the default rule set),
    within `limits` (default: nncheck.budget.DEFAULT_LIMITS). With `prefilter`, a file that
    cannot hold a network (nncheck.prefilter) gets Python's syntax check only."""
    if rules is None:
        rules = select_rules()
    limits = limits or DEFAULT_LIMITS
    result = FileResult(path=path, source=text)
    if prefilter and _model_not_needed(text, rules, limits):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            problem = python_syntax_problem(text)
        if problem is not None and SyntaxErrorRule in rules:
            result.diagnostics = remove_suppressed([SyntaxErrorRule.diagnostic(path, problem)], text)
        return result
    # No warning about the user's code or numbers (a SyntaxWarning, NumPy's "Mean of empty
    # slice") is ours to print: what matters is in the findings.
    budget = Budget(limits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = parse(text, budget=budget)
        if isinstance(parsed, Unparsed):
            result.notes.append(_note(path, "every rule that reads the network model", parsed.reason, parsed.syntax))
            return result
        if isinstance(parsed, SyntaxProblem):
            if SyntaxErrorRule in rules:
                result.diagnostics = remove_suppressed([SyntaxErrorRule.diagnostic(path, parsed)], text)
            return result
        _run_rules(parsed, text, path, rules, budget, result)
    result.diagnostics = sorted(
        remove_suppressed(_unique(result.diagnostics), text),
        key=lambda d: (d.start, d.code),
    )
    return result


def _model_not_needed(text: str, rules: Sequence[type[Rule]], limits: Limits) -> bool:
    # A file over the size budget goes the usual way: its syntax is checked in pieces, and it
    # gets the note that says so.
    if len(text) > limits.parse_bytes:
        return False
    if any(rule is not SyntaxErrorRule and not _needs_model(rule) for rule in rules):
        return False
    # The pre-filter's facts hold for nncheck's own rules (tests/test_prefilter.py checks them);
    # a rule from anywhere else may read what they do not cover.
    if any(not getattr(rule, "__module__", "").startswith("nncheck.rules.") for rule in rules):
        return False
    from nncheck.prefilter import cannot_hold_network

    if not cannot_hold_network(text):
        return False
    # A file whose parse would be over budget goes the usual way too, for the note that says so.
    return parse_cost(text, limits.parse_cost).units <= limits.parse_cost


def _needs_model(rule_class: type[Rule]) -> bool:
    return getattr(rule_class, "needs_model", True)


def _run_rules(parsed, text: str, path: str, rules: Sequence[type[Rule]], budget: Budget, result: FileResult) -> None:
    source = ParsedSource(parsed, path, text)
    numpy_imports_of(parsed.module)  # before any rule reads `dot(...)` as np.dot
    model_rules = [r for r in rules if r is not SyntaxErrorRule and _needs_model(r)]
    plain_rules = [r for r in rules if r is not SyntaxErrorRule and not _needs_model(r)]
    # The rules that need no model run first, so that a model over budget cannot take their
    # findings with it. They are syntax-level and cheap, but guarded all the same.
    done: list[type[Rule]] = []
    try:
        with guard(budget):
            for rule_class in plain_rules:
                budget.stage = f"running rule {rule_class.code}"
                _run_rule(rule_class, source, path, result, budget)
            budget.stage = "building the network model"
            model = NetworkModel.build(parsed, path=path, source=text, budget=budget)
            result.model = model
            for rule_class in model_rules:
                budget.stage = f"running rule {rule_class.code}"
                _run_rule(rule_class, model, path, result, budget)
                done.append(rule_class)
    except BudgetExceeded as raised:
        exceeded = exceeded_reason(budget, raised)
        _stopped(result, path, budget, exceeded, model_rules, done)
    except RecursionError:
        # Python's recursion limit is the model's depth limit until it has its own.
        _stopped(result, path, budget, BudgetExceeded("code nested too deeply for the model", "depth"), model_rules, done)
    except MemoryError:
        _stopped(result, path, budget, BudgetExceeded("more memory than this machine would give", "memory"), model_rules, done)
    except Exception:  # noqa: BLE001 - one file's internal error must not stop the run
        if budget.exceeded is not None:
            # The watchdog's exception, landed inside C code, can surface as another one.
            _stopped(result, path, budget, budget.exceeded, model_rules, done)
        else:
            result.errors.append(_internal_error(path, budget.stage))


def _run_rule(rule_class: type[Rule], model, path: str, result: FileResult, budget: Budget) -> None:
    try:
        result.diagnostics.extend(rule_class(model).check())
    except (BudgetExceeded, RecursionError, MemoryError):
        raise
    except Exception:  # noqa: BLE001 - report, then go on with the other rules
        if budget.exceeded is not None:
            raise BudgetExceeded(budget.exceeded.reason, budget.exceeded.kind) from None
        result.errors.append(_internal_error(path, f"rule {rule_class.code}"))


def _stopped(result: FileResult, path: str, budget: Budget, exceeded: BudgetExceeded,
             model_rules: list, done: list) -> None:
    # A model stopped half-way is not to be read again (by the demo or anyone): its caches may
    # hold what an interrupted computation left.
    result.model = None
    skipped = [r for r in model_rules if r not in done]
    if done:
        what = f"{len(skipped)} of the {len(model_rules)} rules that read the network model ({_codes(skipped)})"
    else:
        what = "every rule that reads the network model"
    result.notes.append(_note(path, what, f"{exceeded.reason}, while {budget.stage}"))


def _note(path: str, what: str, why: str, syntax: str = "its syntax was checked") -> str:
    # One line, as Ruff warns about a file it could not lint: the file, what was skipped, why.
    return f"{path}: skipped {what}: {why} ({syntax})"


def _codes(rules: list) -> str:
    codes = [r.code for r in rules]
    return ", ".join(codes) if len(codes) <= 6 else ", ".join(codes[:5]) + f" and {len(codes) - 5} more"


def check_source(
    text: str,
    path: str = "<stdin>",
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    limits: Limits | None = None,
) -> list[Diagnostic]:
    """The library entry point: the diagnostics for one file's text.

    Raises RuntimeError when the checker itself failed on this text (never for the user's
    mistakes, which are diagnostics). A file over its budget gives the diagnostics that could
    be found within it (check_text's `notes` say what was skipped).
    """
    result = check_text(text, path, select_rules(select, ignore), limits=limits)
    if result.errors:
        raise RuntimeError("; ".join(result.errors))
    return result.diagnostics


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    # Two routes through the model can reach the same mistake; say it once.
    seen: set[tuple] = set()
    unique = []
    for diagnostic in diagnostics:
        key = (diagnostic.code, diagnostic.start, diagnostic.message)
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    return unique


def _internal_error(path: str, stage: str) -> str:
    last = traceback.format_exc().strip().splitlines()[-1]
    return f"{path}: internal error in {stage}: {last} (please report this)"


__all__ = ["check_text", "check_source", "Budget", "BudgetExceeded", "Limits", "Severity"]
