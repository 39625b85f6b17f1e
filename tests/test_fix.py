"""Fix mode (nncheck/fix.py and --fix/--diff/--unsafe-fixes): edits by line and column, the loop
to a fixed point, reverting a fix that breaks the syntax, the atomic write and what it keeps
(mode, byte order mark, newline style, trailing newline), files that are never touched, and the
command line's output and exit codes."""
from __future__ import annotations

import io
import os
import re
import stat
import tokenize
from pathlib import Path
from typing import Iterator

import libcst as cst
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from nncheck.cli import cli
from nncheck.diagnostics import Edit, Position, Severity
from nncheck.engine import check_text
from nncheck.fix import (
    MAX_PASSES,
    FixError,
    apply_edits,
    choose_fixes,
    fix_text,
    parses,
    unified_diff,
    write_atomic,
)
from nncheck.rules import select_rules
from nncheck.rules.base import Rule

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "fixtures").glob("*.py"))


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def at(line: int, column: int) -> Position:
    return Position(line, column)


# -- edits on text -----------------------------------------------------------------------------


def test_apply_edits_by_line_and_column() -> None:
    text = "a = f(x)\nb = g(y)\n"
    edits = [Edit(at(1, 5), at(1, 6), "np.f"), Edit(at(2, 7), at(2, 8), "z"), Edit(at(3, 1), at(3, 1), "c = 1\n")]
    assert apply_edits(text, edits) == "a = np.f(x)\nb = g(z)\nc = 1\n"


def test_apply_edits_keeps_the_files_newlines() -> None:
    text = "import numpy as np\r\nx = 1\r\n"
    assert apply_edits(text, [Edit(at(2, 1), at(2, 1), "def f():\n    pass\n")]) == (
        "import numpy as np\r\ndef f():\r\n    pass\r\nx = 1\r\n"
    )


def test_apply_edits_refuses_overlaps_but_merges_the_same_edit_twice() -> None:
    text = "x = a + b\n"
    with pytest.raises(FixError):
        apply_edits(text, [Edit(at(1, 5), at(1, 10), "c"), Edit(at(1, 9), at(1, 10), "d")])
    with pytest.raises(FixError):
        apply_edits(text, [Edit(at(1, 1), at(1, 1), "y = 1\n"), Edit(at(1, 1), at(1, 1), "z = 1\n")])
    same = Edit(at(1, 9), at(1, 10), "c")
    assert apply_edits(text, [same, same]) == "x = a + c\n"
    with pytest.raises(FixError):
        apply_edits(text, [Edit(at(4, 1), at(4, 2), "c")])


@st.composite
def texts_and_edits(draw) -> tuple[str, list[tuple[int, int, str]]]:
    lines = draw(st.lists(st.text(alphabet="ab #(x)", max_size=8), min_size=1, max_size=6))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = []
    for start, end in zip(cuts[::2], cuts[1::2]):
        # never split a \r\n (an edit position is a line and a column)
        if text[start - 1 : start + 1] == "\r\n" or text[end - 1 : end + 1] == "\r\n":
            continue
        if spans and (spans[-1][1] > start or spans[-1][0] == spans[-1][1] == start == end):
            continue
        spans.append((start, end, draw(st.text(alphabet="cd", max_size=3))))
    return text, spans


def _position(text: str, offset: int) -> Position:
    before = text[:offset]
    line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return Position(before.count("\n") + before.count("\r") - before.count("\r\n") + 1, offset - line_start + 1)


@settings(max_examples=200, deadline=None)
@given(texts_and_edits())
def test_apply_edits_matches_offsets(case) -> None:
    text, spans = case
    edits = [Edit(_position(text, s), _position(text, e), content) for s, e, content in spans]
    expected, position = [], 0
    for start, end, content in spans:
        expected += [text[position:start], content]
        position = end
    expected.append(text[position:])
    assert apply_edits(text, edits) == "".join(expected)


# -- the loop ----------------------------------------------------------------------------------


class _TestRule(Rule):
    """
    ## What it does
    A rule for these tests.

    ## Why is this bad?
    It is not.

    ## Example
    ```python
    f(x)
    ```

    ## Use instead
    ```python
    g(x)
    ```
    """

    severity = Severity.WARNING
    summary = "tests only"
    fix_availability = "always"

    def calls(self, name: str) -> Iterator[cst.Call]:
        found: list[cst.Call] = []

        class Finder(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                if isinstance(node.func, cst.Name) and node.func.value == name:
                    found.append(node)

        self.model.module.visit(Finder())
        return iter(found)

    def text(self, node) -> str:
        from nncheck.rules.fixes import source_of

        return source_of(self.model, node)


class NestedRule(_TestRule):
    """Replaces a whole call `f(...)` by `g(...)`: nested calls give overlapping fixes."""

    code, name = "NN996", "test-nested"

    def check(self):
        for call in self.calls("f"):
            inner = ", ".join(self.text(arg) for arg in call.args)
            yield self.report(call, "f", fix=self.replace(call, f"g({inner})", "Use g"))


class FlipFlopRule(_TestRule):
    """`h(1)` → `h(2)` → `h(1)` ...: never converges."""

    code, name = "NN995", "test-flip-flop"

    def check(self):
        for call in self.calls("h"):
            value = "2" if self.text(call.args[0]) == "1" else "1"
            yield self.report(call, "h", fix=self.replace(call.args[0].value, value, "Flip"))


class BreakingRule(_TestRule):
    """Its fix leaves a dangling operator: a syntax error."""

    code, name = "NN994", "test-breaking"

    def check(self):
        for call in self.calls("k"):
            yield self.report(call, "k", fix=self.replace(call, "k() +", "Break"))


def checker(*rules: type[Rule]):
    return lambda text: check_text(text, "t.py", list(rules))


def test_overlapping_fixes_are_applied_in_passes() -> None:
    outcome = fix_text("x = f(f(f(1)))  # keep\n", checker(NestedRule))
    assert outcome.text == "x = g(g(g(1)))  # keep\n"
    assert outcome.fixed["NN996"] == 3 and outcome.passes == 3
    assert outcome.result.diagnostics == [] and outcome.error is None


def test_one_pass_never_applies_overlapping_edits() -> None:
    text = "x = f(f(1)) + f(2)\n"
    chosen = choose_fixes(text, check_text(text, "t.py", [NestedRule]).diagnostics, unsafe=False)
    assert [d.start.column for d in chosen] == [5, 15]


def test_a_fix_loop_that_does_not_converge_changes_nothing() -> None:
    text = "h(1)\n"
    outcome = fix_text(text, checker(FlipFlopRule))
    assert outcome.text == text and outcome.fixed_count == 0
    assert f"did not converge after {MAX_PASSES} passes" in outcome.error


def test_a_fix_that_breaks_the_syntax_is_reverted() -> None:
    text = "x = f(1)\ny = k()\n"
    outcome = fix_text(text, checker(NestedRule, BreakingRule))
    assert outcome.text == text and outcome.fixed_count == 0
    assert "introduced a syntax error" in outcome.error and "NN994" in outcome.error


class CrashOnGRule(_TestRule):
    """Crashes on any text that calls g (which NestedRule's fix brings in)."""

    code, name = "NN993", "test-crash-on-g"

    def check(self):
        if list(self.calls("g")):
            raise RuntimeError("boom")
        return iter(())


def test_a_rule_that_crashes_on_the_fixed_code_reverts_the_file() -> None:
    text = "x = f(1)\n"
    outcome = fix_text(text, checker(NestedRule, CrashOnGRule))
    assert outcome.text == text and outcome.fixed_count == 0
    assert "checking the fixed code failed" in outcome.error


def test_a_file_that_does_not_parse_is_returned_untouched() -> None:
    text = "x = f(1\n"
    outcome = fix_text(text, checker(NestedRule))
    assert outcome.text == text and outcome.fixed_count == 0 and outcome.error is None


def test_unsafe_fixes_only_when_asked() -> None:
    source = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")
    rules = select_rules()
    safe = fix_text(source, lambda text: check_text(text, "q.py", rules))
    unsafe = fix_text(source, lambda text: check_text(text, "q.py", rules), unsafe=True)
    assert "NN101" not in safe.fixed and {d.code for d in safe.result.diagnostics} == {"NN101"}
    assert unsafe.fixed["NN101"] == 1 and unsafe.result.diagnostics == []


def test_unified_diff_marks_a_missing_final_newline() -> None:
    assert unified_diff("a\nb", "a\nc", "x.py").splitlines() == [
        "--- x.py", "+++ x.py", "@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file",
        "+c", "\\ No newline at end of file",
    ]
    assert unified_diff("same\n", "same\n", "x.py") == ""


# -- properties over every fixture ---------------------------------------------------------------


def _comments(text: str) -> list[str]:
    return sorted(
        token.string
        for token in tokenize.generate_tokens(io.StringIO(text).readline)
        if token.type == tokenize.COMMENT
    )


def _shifted_lines_kept(before: str, after: str, edits: list[Edit]) -> None:
    """Every line no edit of this pass touches is in the new text, byte for byte, where the
    edits above it moved it."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    touched = set()
    for edit in edits:
        touched.update(range(edit.start.line, edit.end.line + 1))
    for number, line in enumerate(old, start=1):
        if number in touched:
            continue
        shift = sum(
            edit.content.count("\n") - (edit.end.line - edit.start.line)
            for edit in edits
            if edit.end.line < number
        )
        assert new[number - 1 + shift] == line, f"line {number} changed: {line!r}"


_CHECKED: dict = {}


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_fixing_a_fixture_parses_converges_and_keeps_the_rest(fixture: Path, unsafe: bool) -> None:
    original = fixture.read_text(encoding="utf-8")
    rules = select_rules()
    seen = []  # every text the loop checks, with its check

    def check(text):
        key = (fixture.name, text)
        if key not in _CHECKED:  # the safe and unsafe runs share most texts
            _CHECKED[key] = check_text(text, fixture.name, rules)
        seen.append((text, _CHECKED[key]))
        return seen[-1][1]

    outcome = fix_text(original, check, unsafe=unsafe)
    assert outcome.error is None
    # Pass by pass: the fixes chosen on one text give the next, and every line their edits do
    # not touch is kept byte for byte.
    for (before, result), (after, _) in zip(seen, seen[1:]):
        edits = [edit for d in choose_fixes(before, result.diagnostics, unsafe) for edit in d.fix.edits]
        assert apply_edits(before, edits) == after
        _shifted_lines_kept(before, after, list(set(edits)))
    assert outcome.text == seen[-1][0]
    assert parses(outcome.text)
    assert _comments(outcome.text) == _comments(original)
    # A second --fix changes nothing.
    again = fix_text(outcome.text, check, unsafe=unsafe)
    assert again.text == outcome.text and again.fixed_count == 0
    assert not [d for d in again.result.diagnostics if d.fix is not None and (unsafe or d.fixable)]


# -- the command line ----------------------------------------------------------------------------


QUESTION = (ROOT / "fixtures" / "question.py").read_text(encoding="utf-8")
LEAKY = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")


def test_fix_writes_the_file_and_reports_what_remains(project: Path) -> None:
    (project / "q.py").write_text(LEAKY, encoding="utf-8")
    result = invoke("--fix", "q.py")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-2] == "Found 8 problems (7 fixed, 1 remaining)."
    assert lines[-1] == "No fixes available (1 hidden fix can be enabled with the --unsafe-fixes option)."
    assert lines[0].startswith("q.py:") and " NN101 output activation 'nonlin'" in lines[0]
    fixed = (project / "q.py").read_text(encoding="utf-8")
    assert "return self.feedforward()" in fixed and "np.where(x > 0, x, x / 100)" in fixed


def test_unsafe_fixes_are_shown_as_fixable_and_applied_with_fix(project: Path) -> None:
    (project / "q.py").write_text(LEAKY, encoding="utf-8")
    shown = invoke("--unsafe-fixes", "q.py")
    assert " NN101 [*] output activation" in shown.stdout
    assert shown.stdout.splitlines()[-1] == "[*] 8 fixable with the --fix --unsafe-fixes options."
    assert (project / "q.py").read_text(encoding="utf-8") == LEAKY
    hidden = invoke("q.py")
    assert hidden.stdout.splitlines()[-1] == (
        "[*] 7 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes option)."
    )
    result = invoke("--fix", "--unsafe-fixes", "q.py")
    assert result.exit_code == 0
    assert result.stdout == "Found 8 problems (8 fixed, 0 remaining).\n"
    assert invoke("q.py").stdout == "All checks passed!\n"


def test_diff_prints_and_writes_nothing(project: Path) -> None:
    (project / "q.py").write_text(QUESTION, encoding="utf-8")
    before = os.stat(project / "q.py")
    result = invoke("--diff", "q.py")
    assert result.exit_code == 1
    assert result.stdout.startswith("--- q.py\n+++ q.py\n@@ ")
    assert "-        return feedforward()\n+        return self.feedforward()\n" in result.stdout
    assert result.stderr == "Would fix 5 problems in 1 file.\n"
    assert (project / "q.py").read_text(encoding="utf-8") == QUESTION
    assert os.stat(project / "q.py").st_mtime_ns == before.st_mtime_ns
    # Applying the diff's fixes leaves nothing to show.
    assert invoke("--fix", "q.py").exit_code == 0
    clean = invoke("--diff", "q.py")
    assert clean.exit_code == 0 and clean.stdout == ""


def test_stdin_with_fix_writes_the_fixed_code_to_stdout(project: Path) -> None:
    (project / "q.py").write_text(QUESTION, encoding="utf-8")
    result = invoke("--fix", "-", "--stdin-filename", "q.py", input=QUESTION)
    assert result.exit_code == 0
    assert "return self.feedforward()" in result.stdout and "Found 5 problems (5 fixed" in result.stderr
    assert (project / "q.py").read_text(encoding="utf-8") == QUESTION  # never written
    broken = invoke("--fix", "-", input="def f(:\n")
    assert broken.stdout == "def f(:\n"


def test_fix_keeps_bom_crlf_missing_final_newline_and_mode(project: Path) -> None:
    text = QUESTION.rstrip("\n").replace("\n", "\r\n")
    path = project / "q.py"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    path.chmod(0o640)
    assert invoke("--fix", "q.py").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.endswith(b"\n")
    assert data.count(b"\r\n") == data.count(b"\n")
    assert b"return self.feedforward()\r\n" in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in project.iterdir()] == ["q.py"]  # no temporary file left


def test_coding_declaration_and_comments_survive(project: Path) -> None:
    text = "# -*- coding: utf-8 -*-\n# häßlich\n" + QUESTION.replace(
        "return feedforward()", "return feedforward()  # the prediction"
    )
    (project / "q.py").write_text(text, encoding="utf-8")
    invoke("--fix", "q.py")
    fixed = (project / "q.py").read_text(encoding="utf-8")
    assert fixed.startswith("# -*- coding: utf-8 -*-\n# häßlich\n")
    assert "return self.feedforward()  # the prediction\n" in fixed


def test_files_that_were_not_read_or_did_not_parse_are_untouched(project: Path) -> None:
    (project / "broken.py").write_text("def f(:\n" + QUESTION, encoding="utf-8")
    (project / "latin.py").write_bytes(b"x = '\xe9'\n" + QUESTION.encode())
    result = invoke("--fix", ".")
    assert result.exit_code == 2
    assert (project / "broken.py").read_text(encoding="utf-8") == "def f(:\n" + QUESTION
    assert (project / "latin.py").read_bytes() == b"x = '\xe9'\n" + QUESTION.encode()


def test_noqa_is_respected_by_fix(project: Path) -> None:
    text = QUESTION.replace("return feedforward()", "return feedforward()  # noqa: NN501")
    (project / "q.py").write_text(text, encoding="utf-8")
    invoke("--fix", "q.py")
    assert "return feedforward()  # noqa: NN501" in (project / "q.py").read_text(encoding="utf-8")


def test_read_only_file_is_an_error_and_stays(project: Path) -> None:
    path = project / "q.py"
    path.write_text(QUESTION, encoding="utf-8")
    path.chmod(0o444)
    result = invoke("--fix", "q.py")
    assert result.exit_code == 2
    assert "nncheck: error: q.py: the file is read-only; not fixed" in result.stderr
    assert path.read_text(encoding="utf-8") == QUESTION
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_read_only_folder_is_an_error_and_the_file_stays(project: Path) -> None:
    folder = project / "locked"
    folder.mkdir()
    path = folder / "q.py"
    path.write_text(QUESTION, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = invoke("--fix", "locked/q.py")
        assert result.exit_code == 2
        assert "is read-only" in result.stderr and "not fixed" in result.stderr
        assert path.read_text(encoding="utf-8") == QUESTION
        assert [p.name for p in folder.iterdir()] == ["q.py"]
    finally:
        folder.chmod(0o755)


def test_a_file_changed_while_checking_is_not_overwritten(project: Path, monkeypatch) -> None:
    import nncheck.fix as fix_module

    path = project / "q.py"
    path.write_text(QUESTION, encoding="utf-8")
    real = fix_module.fix_text

    def slow_fix_text(*args, **kwargs):
        path.write_text("# edited meanwhile\n" + QUESTION, encoding="utf-8")
        return real(*args, **kwargs)

    monkeypatch.setattr(fix_module, "fix_text", slow_fix_text)
    result = invoke("--fix", "q.py")
    assert result.exit_code == 2 and "changed while it was being checked" in result.stderr
    assert path.read_text(encoding="utf-8").startswith("# edited meanwhile\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_write_atomic_keeps_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "net.py"
    path.write_text("x = 1\n")
    os.chown(path, 12345, 23456)
    write_atomic(path, b"x = 2\n")
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456) and path.read_text() == "x = 2\n"


def test_write_atomic_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.py"
    target.write_text("x = 1\n")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(link, b"x = 2\n")
    assert link.is_symlink() and target.read_text() == "x = 2\n"


def test_fix_with_json_output_lists_what_remains(project: Path) -> None:
    import json

    (project / "q.py").write_text(LEAKY, encoding="utf-8")
    result = invoke("--fix", "--format", "json", "q.py")
    assert [item["code"] for item in json.loads(result.stdout)] == ["NN101"]


def test_help_lists_the_fix_flags() -> None:
    text = invoke("--help").stdout
    assert re.search(r"--fix\b", text) and "--diff" in text and "--unsafe-fixes" in text
