"""Whole-script tests: every fixtures/*.py, checked with the default rules, must produce exactly
the findings its author marked in it.

A marker is a comment at the end of the line where a finding must start:

    l2 = relu(np.dot(l1, syn1))  # expect: NN101
    z1 = np.dot(X, W1 + b1)  # expect: NN302, NN305

A fixture without markers must be clean. The three question fixtures are symlinks to the
package's own examples, which carry no markers; their expectations are spelled out below.

`test_fixture_runs` (marked slow) runs each script in a subprocess and checks that it behaves
as its markers imply: a script whose bugs raise at run time (NN103, NN501) fails with the
matching exception, every other script runs to the end.
"""
from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from collections import Counter
from pathlib import Path

import pytest

from nncheck.engine import check_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALL_FIXTURES = sorted(FIXTURES.glob("*.py"))
QUESTION_FIXTURES = ("question.py", "question_fixed.py", "question_leaky.py")
MARKED_FIXTURES = [path for path in ALL_FIXTURES if path.name not in QUESTION_FIXTURES]

MARKER = re.compile(r"#\s*expect:\s*(?P<codes>[^#]*?)\s*$")
MENTIONS_EXPECT = re.compile(r"#\s*expect\b")
CODE = re.compile(r"NN\d{3}")

_QUESTION_BUGS = {
    "self.bias += ": "NN204",
    "self.bias = np.random.randn": "NN301",
    "np.dot(self.inputs, self.weights + self.bias)": "NN302",
    "np.sum(error)": "NN401",
    "return feedforward()": "NN501",
}
QUESTION_EXPECTATIONS: dict[str, dict[str, str]] = {
    "question.py": dict(_QUESTION_BUGS),
    "question_leaky.py": {
        **_QUESTION_BUGS,
        "self.output = nonlin(": "NN101",
        "return 1 if x > 0 else 1 / 100": "NN103",
        "return x if x > 0 else x / 100": "NN103",
    },
    "question_fixed.py": {},
}

# Run-time evidence of the bugs that crash: the exception each one raises.
CRASHES = {
    "NN103": ("ValueError", "TypeError"),
    "NN305": ("ValueError",),
    # an in-place float update of an int array: numpy's UFuncTypeError subclass, by its full name
    "NN306": ("numpy._core._exceptions._UFuncOutputCastingError", "numpy.core._exceptions._UFuncOutputCastingError"),
    "NN307": ("ValueError",),
    "NN501": ("NameError",),
}


def _id(path: Path) -> str:
    return path.name


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def markers(text: str) -> list[tuple[int, str]]:
    """The (line, code) pairs marked in a fixture, from its comments (never from strings)."""
    found: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type != tokenize.COMMENT or not MENTIONS_EXPECT.search(token.string):
            continue
        match = MARKER.search(token.string)
        assert match, f"line {token.start[0]}: malformed marker {token.string!r}"
        codes = [code.strip() for code in match["codes"].split(",")]
        assert codes and all(CODE.fullmatch(code) for code in codes), (
            f"line {token.start[0]}: malformed marker {token.string!r} "
            "(expected '# expect: NN101' or '# expect: NN201, NN202')"
        )
        found.extend((token.start[0], code) for code in codes)
    return found


def line_of(text: str, snippet: str) -> int:
    """The one line that contains `snippet`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if snippet in line]
    assert len(lines) == 1, f"{snippet!r} should be on exactly one line, found on {lines}"
    return lines[0]


def question_expectations(name: str, text: str) -> list[tuple[int, str]]:
    return [(line_of(text, snippet), code) for snippet, code in QUESTION_EXPECTATIONS[name].items()]


def expected_findings(path: Path, text: str) -> list[tuple[int, str]]:
    if path.name in QUESTION_FIXTURES:
        return question_expectations(path.name, text)
    return markers(text)


def assert_findings(path: Path, expected: list[tuple[int, str]]) -> None:
    text = read(path)
    result = check_text(text, str(path))
    assert not result.errors, f"{path.name}: checker errors:\n" + "\n".join(result.errors)

    lines = text.splitlines()
    actual = Counter((d.start.line, d.code) for d in result.diagnostics)
    messages = {(d.start.line, d.code): d.message for d in result.diagnostics}
    wanted = Counter(expected)

    def show(line: int) -> str:
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    missing = sorted(set(wanted) - set(actual))
    unexpected = sorted(set(actual) - set(wanted))
    repeated = sorted(key for key, count in actual.items() if count > 1 and key in wanted)
    report = []
    if missing:
        report.append("expected but not reported:")
        report += [f"  {path.name}:{line}: {code}    | {show(line)}" for line, code in missing]
    if unexpected:
        report.append("reported but not expected:")
        report += [
            f"  {path.name}:{line}: {code} {messages[(line, code)]}    | {show(line)}"
            for line, code in unexpected
        ]
    if repeated:
        report.append("reported more than once:")
        report += [f"  {path.name}:{line}: {code} x{actual[(line, code)]}" for line, code in repeated]
    assert not report, "\n".join(report)


# -- the fixtures are what they claim to be -------------------------------------------------


def test_there_are_enough_fixtures() -> None:
    assert len(MARKED_FIXTURES) >= 14
    clean = [path for path in MARKED_FIXTURES if not markers(read(path))]
    assert len(clean) >= 4, f"at least 4 correct fixtures expected, found {clean}"


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=_id)
def test_fixture_is_valid_python(path: Path) -> None:
    text = read(path)
    compile(text, str(path), "exec", dont_inherit=True)
    expected_findings(path, text)  # markers and question snippets are well formed


@pytest.mark.parametrize("name", QUESTION_FIXTURES)
def test_question_fixture_is_unmarked(name: str) -> None:
    # Markers in the package's own examples would be shown to users by `--demo`.
    assert markers(read(FIXTURES / name)) == []


# -- nncheck finds exactly the marked mistakes ----------------------------------------------


@pytest.mark.parametrize("path", MARKED_FIXTURES, ids=_id)
def test_fixture_findings(path: Path) -> None:
    assert_findings(path, markers(read(path)))


@pytest.mark.parametrize("name", QUESTION_FIXTURES)
def test_question_findings(name: str) -> None:
    path = FIXTURES / name
    assert_findings(path, question_expectations(name, read(path)))


def test_question_expectations_are_the_documented_ones() -> None:
    """Guard the spelled-out expectations themselves: the question has five bugs, the leaky
    version two more (NN103 twice), the fixed version none."""
    counts = {name: Counter(code for code in expected.values()) for name, expected in QUESTION_EXPECTATIONS.items()}
    five = Counter({"NN204": 1, "NN301": 1, "NN302": 1, "NN401": 1, "NN501": 1})
    assert counts["question.py"] == five
    assert counts["question_leaky.py"] == five + Counter({"NN101": 1, "NN103": 2})
    assert counts["question_fixed.py"] == Counter()


# -- the scripts behave as their bugs imply -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL_FIXTURES, ids=_id)
def test_fixture_runs(path: Path) -> None:
    codes = {code for _, code in expected_findings(path, read(path))}
    crashing = {code: CRASHES[code] for code in codes if code in CRASHES}
    completed = subprocess.run(
        [sys.executable, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
    )
    last_line = (completed.stderr.strip().splitlines() or [""])[-1]
    if crashing:
        assert completed.returncode != 0, f"{path.name} should crash ({sorted(crashing)}) but ran to the end"
        raised = last_line.split(":", 1)[0]
        allowed = {name for names in crashing.values() for name in names}
        assert raised in allowed, f"{path.name} raised {last_line!r}, expected one of {sorted(allowed)}"
    else:
        assert completed.returncode == 0, f"{path.name} failed:\n{completed.stderr[-2000:]}"
