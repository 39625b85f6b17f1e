"""The pipeline for one file: parse → model → rules → suppress.

Everything here works on text, so files, stdin, notebooks' cells and tests share one path.
"""
from __future__ import annotations

import traceback
from typing import Iterable, Sequence

from nncheck.diagnostics import Diagnostic, FileResult, Severity
from nncheck.model import NetworkModel
from nncheck.model.parse import SyntaxProblem, parse
from nncheck.rules import SyntaxErrorRule, Rule, select_rules
from nncheck.suppress import remove_suppressed


def check_text(
    text: str,
    path: str = "<stdin>",
    rules: Sequence[type[Rule]] | None = None,
) -> FileResult:
    """Check one file's text with the given rule classes (default: the default rule set)."""
    if rules is None:
        rules = select_rules()
    result = FileResult(path=path, source=text)
    parsed = parse(text)
    if isinstance(parsed, SyntaxProblem):
        if SyntaxErrorRule in rules:
            result.diagnostics = remove_suppressed([SyntaxErrorRule.diagnostic(path, parsed)], text)
        return result
    try:
        model = NetworkModel.build(parsed, path=path, source=text)
    except Exception:  # noqa: BLE001 - one file's internal error must not stop the run
        result.errors.append(_internal_error(path, "building the network model"))
        return result
    result.model = model
    for rule_class in rules:
        if rule_class is SyntaxErrorRule:
            continue
        try:
            result.diagnostics.extend(rule_class(model).check())
        except Exception:  # noqa: BLE001 - report, then go on with the other rules
            result.errors.append(_internal_error(path, f"rule {rule_class.code}"))
    result.diagnostics = sorted(
        remove_suppressed(_unique(result.diagnostics), text),
        key=lambda d: (d.start, d.code),
    )
    return result


def check_source(
    text: str,
    path: str = "<stdin>",
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> list[Diagnostic]:
    """The library entry point: the diagnostics for one file's text.

    Raises RuntimeError when the checker itself failed on this text (never for the user's
    mistakes, which are diagnostics).
    """
    result = check_text(text, path, select_rules(select, ignore))
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


__all__ = ["check_text", "check_source", "Severity"]
