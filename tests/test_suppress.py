"""suppress.py: the `# noqa` forms flake8 and Ruff users write, through the whole pipeline."""
from __future__ import annotations

import pytest

from nncheck.diagnostics import Diagnostic, Position, Severity
from nncheck.engine import check_text as check
from nncheck.rules import select_rules
from nncheck.suppress import ALL, noqa_lines, remove_suppressed, suppressions


def diagnostic(code: str, line: int) -> Diagnostic:
    return Diagnostic(code, "name", "message", Severity.ERROR, "x.py", Position(line, 1), Position(line, 2))


@pytest.mark.parametrize(
    ("comment", "codes"),
    [
        ("# noqa", ALL),
        ("# NOQA", ALL),
        ("#noqa", ALL),
        ("# noqa: NN900", frozenset({"NN900"})),
        ("# NOQA:NN9", frozenset({"NN9"})),
        ("# noqa:NN101,NN302", frozenset({"NN101", "NN302"})),
        ("# noqa: NN101, NN302", frozenset({"NN101", "NN302"})),
        ("# noqa: NN101 NN302", frozenset({"NN101", "NN302"})),
        ("# noqa: nn101", frozenset({"NN101"})),
        ("# type: ignore  # noqa: NN101", frozenset({"NN101"})),
        ("# noqa: NN101 because the labels are in {-1, 1}", frozenset({"NN101"})),
        # flake8: without a code list, a noqa is a blanket noqa
        ("# noqa because reasons", ALL),
        ("# noqa:", ALL),
    ],
)
def test_noqa_forms(comment: str, codes: frozenset[str]) -> None:
    assert noqa_lines(f"x = 1\ny = 2  {comment}\n") == {2: codes}


def test_noqa_in_a_string_is_not_a_comment() -> None:
    assert noqa_lines('s = "# noqa"\n') == {}


def test_prefix_matching_and_other_lines() -> None:
    source = "a = 1  # noqa: NN3\nb = 2\nc = 3  # noqa: NN301\n"
    kept = remove_suppressed(
        [diagnostic("NN302", 1), diagnostic("NN101", 1), diagnostic("NN302", 2), diagnostic("NN302", 3)],
        source,
    )
    assert [(d.code, d.start.line) for d in kept] == [("NN101", 1), ("NN302", 2), ("NN302", 3)]


def test_file_level_noqa() -> None:
    everything = suppressions("# nncheck: noqa\nx = 1\n")
    assert everything.file is ALL and everything.covers(diagnostic("NN101", 2))
    some = suppressions("x = 1\n# nncheck: noqa: NN1, NN302\n")
    assert some.file == frozenset({"NN1", "NN302"})
    assert some.covers(diagnostic("NN105", 1)) and not some.covers(diagnostic("NN301", 1))
    # a file-level comment is not a line noqa for its own line
    assert some.lines == {}


SYNTAX_ERROR = "def sigmoid(x)  {comment}\n    return x\n"


@pytest.mark.parametrize(
    ("comment", "suppressed"),
    [
        ("", False),
        ("# noqa", True),
        ("# noqa: NN900", True),
        ("# NOQA:NN9", True),
        ("# noqa: NN1", False),
        ("# noqa:NN101,NN900", True),
    ],
)
def test_noqa_suppresses_a_syntax_error_through_the_pipeline(comment: str, suppressed: bool) -> None:
    text = SYNTAX_ERROR.format(comment=comment)
    result = check(text, "x.py", select_rules())
    assert [d.code for d in result.diagnostics] == ([] if suppressed else ["NN900"])


def test_noqa_suppresses_a_rule_diagnostic(flagme) -> None:
    text = "flagme = 1  # noqa: NN998\nflagme = 2  # noqa: NN9\nflagme = 3  # noqa: NN1\nflagme = 4\n"
    result = check(text, "x.py", [flagme])
    assert [d.start.line for d in result.diagnostics] == [3, 4]
