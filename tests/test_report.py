"""report/: the text, JSON, GitHub and SARIF formats, statistics, and the rule docs output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nncheck.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Position, Severity
from nncheck.report import FORMATS, get_renderer, render
from nncheck.report.rules import explain, list_rules, markdown_table
from nncheck.rules import find_rule
from nncheck.runner import CheckedFile, RunReport


def make(code: str, line: int, col: int, *, fix: Applicability | None = None, path: str = "pkg/net.py",
         severity: Severity = Severity.ERROR, name: str = "bias-inside-product") -> Diagnostic:
    fixed = None
    if fix is not None:
        fixed = Fix("Move `b` out of the product", (Edit(Position(line, col), Position(line, col + 7), "X @ W + b"),), fix)
    return Diagnostic(code, name, f"message of {code}", severity, path, Position(line, col), Position(line, col + 7), fixed)


@pytest.fixture
def report(tmp_path: Path) -> RunReport:
    net = [
        make("NN302", 3, 5, fix=Applicability.SAFE),
        make("NN302", 9, 1, fix=Applicability.SAFE),
        make("NN101", 12, 8, severity=Severity.WARNING, name="unbounded-output-binary-labels"),
        make("NN105", 14, 2, fix=Applicability.UNSAFE, severity=Severity.INFO, name="unstable-exp"),
    ]
    other = [make("NN900", 1, 9, path="a.py", name="syntax-error")]
    return RunReport(
        files=[
            CheckedFile("pkg/net.py", tmp_path / "pkg" / "net.py", FileResult("pkg/net.py", net)),
            CheckedFile("a.py", tmp_path / "a.py", FileResult("a.py", other)),
            CheckedFile("clean.py", tmp_path / "clean.py", FileResult("clean.py", [])),
        ]
    )


def test_text_lines_sorted_by_file_with_fix_marker_and_summary(report: RunReport) -> None:
    assert render(report).splitlines() == [
        "a.py:1:9: NN900 message of NN900",
        "pkg/net.py:3:5: NN302 [*] message of NN302",
        "pkg/net.py:9:1: NN302 [*] message of NN302",
        "pkg/net.py:12:8: NN101 message of NN101",
        # an unsafe fix is not applied by --fix, so no [*] (the summary counts it as hidden)
        "pkg/net.py:14:2: NN105 message of NN105",
        "Found 5 problems.",
        "[*] 2 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes option).",
    ]


def test_text_with_unsafe_fixes_marks_them_fixable(report: RunReport) -> None:
    # As Ruff: with --unsafe-fixes an unsafe fix is shown as fixable, and nothing is hidden.
    report.unsafe_fixes = True
    lines = render(report).splitlines()
    assert "pkg/net.py:14:2: NN105 [*] message of NN105" in lines
    assert lines[-1] == "[*] 3 fixable with the --fix --unsafe-fixes options."


def test_text_quiet_and_clean(report: RunReport) -> None:
    assert "Found" not in render(report, quiet=True)
    assert len(render(report, quiet=True).splitlines()) == 5
    assert render(RunReport()) == "All checks passed!\n"
    assert render(RunReport(), quiet=True) == ""
    one = RunReport(files=[CheckedFile("a.py", None, FileResult("a.py", [make("NN900", 1, 1)]))])
    assert render(one).splitlines()[-1] == "Found 1 problem."


def test_text_never_says_all_passed_when_something_was_not_checked() -> None:
    broken = RunReport(errors=["x.py: permission denied"])
    assert render(broken) == "1 error kept nncheck from checking everything (see above).\n"


def test_text_statistics_like_ruff(report: RunReport) -> None:
    assert render(report, statistics=True).splitlines() == [
        "2\tNN302\t[*] bias-inside-product",
        "1\tNN101\t[ ] unbounded-output-binary-labels",
        "1\tNN105\t[ ] unstable-exp",
        "1\tNN900\t[ ] syntax-error",
        "Found 5 problems.",
        "[*] 2 fixable with the --fix option (1 hidden fix can be enabled with the --unsafe-fixes option).",
    ]


def test_statistics_without_fixes_has_no_markers() -> None:
    plain = RunReport(files=[CheckedFile("a.py", None, FileResult("a.py", [make("NN900", 1, 1, name="syntax-error")] * 12))])
    assert render(plain, statistics=True, quiet=True) == "12\tNN900\tsyntax-error\n"


def test_json_has_ruffs_keys(report: RunReport, tmp_path: Path) -> None:
    data = json.loads(render(report, "json"))
    assert len(data) == 5
    first = data[0]
    assert set(first) == {
        "cell", "code", "end_location", "filename", "fix", "location", "message", "name",
        "noqa_row", "severity", "url",
    }
    assert first["filename"] == str(tmp_path / "a.py")
    assert first["location"] == {"row": 1, "column": 9}
    assert first["end_location"] == {"row": 1, "column": 16}
    assert first["fix"] is None and first["noqa_row"] == 1 and first["severity"] == "error"
    assert first["url"] == "https://github.com/nncheck/nncheck/blob/main/docs/rules/NN900.md"
    fixed = data[1]
    assert fixed["fix"] == {
        "applicability": "safe",
        "message": "Move `b` out of the product",
        "edits": [{"content": "X @ W + b", "location": {"row": 3, "column": 5}, "end_location": {"row": 3, "column": 12}}],
    }
    assert data[4]["fix"]["applicability"] == "unsafe"
    assert json.loads(render(RunReport(), "json")) == []


def test_json_statistics(report: RunReport) -> None:
    assert json.loads(render(report, "json", statistics=True))[0] == {
        "code": "NN302", "name": "bias-inside-product", "count": 2, "fixable": True,
    }


def test_github_annotations(report: RunReport, tmp_path: Path) -> None:
    lines = render(report, "github").splitlines()
    assert lines[0] == (
        f"::error title=nncheck (NN900),file={tmp_path / 'a.py'},line=1,col=9,endLine=1,endColumn=16"
        "::a.py:1:9: NN900 message of NN900"
    )
    assert lines[3].startswith("::warning ") and lines[4].startswith("::notice ")


def test_sarif_log(report: RunReport, tmp_path: Path) -> None:
    log = json.loads(render(report, "sarif"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "nncheck"
    assert "NN900" in {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    first = run["results"][0]
    assert first["ruleId"] == "NN900" and first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == (tmp_path / "a.py").as_uri()
    assert location["region"] == {"startLine": 1, "startColumn": 9, "endLine": 1, "endColumn": 16}
    assert run["results"][1]["fixes"][0]["description"]["text"] == "Move `b` out of the product"


def test_every_registered_format_renders() -> None:
    for name in FORMATS:
        assert isinstance(get_renderer(name)(RunReport()), str)
    with pytest.raises(ValueError, match="unknown output format"):
        get_renderer("xml")


def test_explain_has_title_facts_docs_and_examples() -> None:
    rule = find_rule("NN900")
    text = explain(rule)
    assert text.startswith("# syntax-error (NN900)\n\nSeverity: error.\nOn by default: yes.\nFix is not available.\n")
    assert "## What it does" in text and "## Use instead" in text
    assert "## Examples nncheck flags" in text and "## Examples nncheck accepts" in text
    for example in (*rule.VALID, *rule.INVALID):
        assert example.source.rstrip() in text


def test_list_rules_table(flagme) -> None:
    from nncheck.rules import ALL_RULES

    lines = list_rules(ALL_RULES).splitlines()
    assert lines[0].split() == ["code", "name", "severity", "default", "fix"]
    assert "NN998  test-flagme" in list_rules(ALL_RULES)
    assert any(line.split() == ["NN998", "test-flagme", "warning", "on", "always"] for line in lines)


def test_markdown_table_escapes_pipes(flagme, monkeypatch) -> None:
    monkeypatch.setattr(flagme, "summary", "a | b")
    assert "| NN998 | test-flagme | warning | on | always | a \\| b |" in markdown_table([flagme])
