"""Every output format against a golden file, and the Ruff-style flags around them: `check`,
--output-format full|concise, --color/NO_COLOR/FORCE_COLOR, --output-file, --show-fixes,
--add-noqa, --extend-ignore.

The goldens use the test rule NN998 (tests/conftest.py) and NN900, so they do not change when
the real rules' messages do. Regenerate them with `NNCHECK_UPDATE_GOLDEN=1 pytest
tests/test_output_formats.py` and read the diff before committing it.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli

GOLDEN = Path(__file__).resolve().parent / "golden"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

NET = """import numpy as np

flagme = np.zeros((3, 1))


def forward(X):
\treturn X @ flagme  # a tab before the span
"""
NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A network in a notebook"]},
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "outputs": [],
            "source": ["%matplotlib inline\n", "import numpy as np\n", "W = flagme"],
        },
    ],
    "metadata": {"language_info": {"name": "python"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flagme) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "net.py").write_text(NET, encoding="utf-8")
    (tmp_path / "pkg" / "broken.py").write_text("def sigmoid(x)\n    return x\n", encoding="utf-8")
    (tmp_path / "nb.ipynb").write_text(json.dumps(NOTEBOOK, indent=1) + "\n", encoding="utf-8")
    return tmp_path


def invoke(*args: str, env: dict | None = None, input: str | None = None):
    return CliRunner().invoke(cli, list(args), env=env, input=input, catch_exceptions=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("NNCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with NNCHECK_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def neutral(text: str, project: Path) -> str:
    """The run's own folder and version replaced, so that the golden file is the same anywhere."""
    from nncheck import __version__

    return (text.replace(project.as_uri(), "file:///PROJECT").replace(str(project), "/PROJECT")
            .replace(f'"version": "{__version__}"', '"version": "VERSION"'))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("concise.txt", ["--output-format", "concise"]),
        ("concise.txt", []),  # the default
        ("concise.txt", ["--format", "text"]),
        ("full.txt", ["--output-format", "full"]),
        ("full-show-fixes.txt", ["--output-format", "full", "--show-fixes"]),
        ("concise-color.txt", ["--color", "always"]),
        ("full-color.txt", ["--output-format", "full", "--color", "always"]),
        ("json.json", ["--output-format", "json"]),
        ("github.txt", ["--output-format", "github"]),
        ("sarif.json", ["--output-format", "sarif"]),
        ("statistics.txt", ["--statistics"]),
        ("statistics.json", ["--statistics", "--output-format", "json"]),
    ],
)
def test_format_matches_its_golden_file(project: Path, name: str, args: list[str]) -> None:
    result = invoke("check", "--select", "NN998,NN900", *args, ".")
    assert result.exit_code == 1
    output = result.stdout
    if name == "sarif.json":
        # The driver lists every rule with its documentation, which changes whenever a rule's
        # docs do: the golden file keeps their ids, and the entries are checked below.
        log = json.loads(output)
        driver = log["runs"][0]["tool"]["driver"]
        from nncheck.rules import ALL_RULES

        assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
        for entry, rule in zip(driver["rules"], ALL_RULES):
            assert entry["name"] == rule.name and entry["helpUri"].endswith(f"/docs/rules/{rule.code}.md")
            assert entry["fullDescription"]["text"] == rule.documentation()
        driver["rules"] = [rule["id"] for rule in driver["rules"] if rule["id"] in ("NN900", "NN998")]
        output = json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    golden(name, neutral(output, project))


def test_sarif_is_valid_against_the_2_1_0_schema(project: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = json.loads(invoke("--select", "NN998,NN900", "--output-format", "sarif", ".").stdout)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(log), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(error.path)}: {error.message}" for error in errors[:5])
    assert log["runs"][0]["results"], "the log must hold results for the check to mean anything"
    # With every rule's fix in a .py file too.
    (project / "nb.ipynb").unlink()
    log = json.loads(invoke("--select", "ALL,NN998", "--output-format", "sarif", "pkg").stdout)
    assert not list(validator.iter_errors(log))


def test_bare_form_and_check_subcommand_agree(project: Path) -> None:
    assert invoke("--select", "NN998", ".").stdout == invoke("check", "--select", "NN998", ".").stdout
    (project / "check").mkdir()
    (project / "check" / "x.py").write_text("flagme = 1\n", encoding="utf-8")
    # `./check` is a folder named check; `check check` checks it too.
    assert "check/x.py:1:1: NN998" in invoke("--select", "NN998", "./check").stdout
    assert "check/x.py:1:1: NN998" in invoke("check", "--select", "NN998", "check").stdout
    assert "Usage:" in invoke("check", "--help").stdout


@pytest.mark.parametrize(
    ("env", "args", "colored"),
    [
        ({}, [], False),  # not a terminal
        ({"FORCE_COLOR": "1"}, [], True),
        ({"NO_COLOR": "1"}, ["--color", "always"], True),  # the flag wins over the environment
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, [], False),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
        ({"FORCE_COLOR": ""}, [], False),
    ],
)
def test_color_choice(project: Path, env: dict, args: list[str], colored: bool) -> None:
    out = invoke("--select", "NN998", *args, "pkg/net.py", env=env).stdout
    assert ("\x1b[" in out) is colored
    # Machine formats are never coloured.
    assert "\x1b[" not in invoke("--select", "NN998", "--output-format", "json", *args, "pkg", env=env).stdout


def test_color_on_a_terminal(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nncheck.report.style import use_color

    class Terminal:
        def isatty(self) -> bool:
            return True

    assert use_color("auto", Terminal(), {})
    assert not use_color("auto", Terminal(), {"NO_COLOR": "x"})
    assert not use_color("auto", None, {})


def test_output_file(project: Path) -> None:
    result = invoke("--select", "NN998", "--output-format", "json", "--output-file", "report.json", "pkg",
                    env={"FORCE_COLOR": ""})
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))[0]["code"] == "NN998"
    text = invoke("--select", "NN998", "-o", "report.txt", "pkg", env={"FORCE_COLOR": ""})
    assert text.stdout == "" and "\x1b[" not in (project / "report.txt").read_text(encoding="utf-8")
    missing = invoke("--select", "NN998", "-o", "no/such/folder/r.txt", "pkg")
    assert missing.exit_code == 2 and "cannot write the report to no/such/folder/r.txt" in missing.stderr


def test_show_fixes_after_fix(project: Path) -> None:
    result = invoke("--select", "NN998", "--fix", "--show-fixes", ".")
    assert result.exit_code == 0  # everything selected was fixed
    assert "\nFixed 3 problems:\n- nb.ipynb:\n    1 × NN998 (test-flagme)\n- pkg/net.py:\n    2 × NN998 (test-flagme)\n" in result.stdout


def test_extend_ignore_is_ignore(project: Path) -> None:
    assert invoke("--select", "NN998,NN900", "--extend-ignore", "NN998", ".").stdout.count("NN998") == 0


def test_add_noqa(project: Path) -> None:
    result = invoke("--select", "NN998", "--add-noqa", "pkg/net.py")
    assert result.exit_code == 0 and result.stderr == "Added 2 noqa directives.\n"
    text = (project / "pkg" / "net.py").read_text(encoding="utf-8")
    assert "flagme = np.zeros((3, 1))  # noqa: NN998\n" in text
    assert "\treturn X @ flagme  # a tab before the span  # noqa: NN998\n" in text
    assert invoke("--select", "NN998", "pkg/net.py").exit_code == 0
    again = invoke("--select", "NN998", "--add-noqa", "pkg/net.py")
    assert again.stderr == "Added 0 noqa directives.\n"
    assert invoke("--add-noqa", "--fix", "pkg").exit_code == 2


def test_add_noqa_extends_an_existing_list_and_skips_strings(tmp_path: Path) -> None:
    from nncheck.add_noqa import with_noqa

    source = 'x = 1  # noqa: NN101\ns = """\nflagme\n"""\ny = 2 \\\n  + 3\nz = 4  # noqa\n'
    updated, added = with_noqa(source, {1: {"NN302", "NN101"}, 3: {"NN998"}, 5: {"NN998"}, 7: {"NN998"}})
    assert added == 1
    assert updated.splitlines()[0] == "x = 1  # noqa: NN101, NN302"
    assert updated.splitlines()[1:] == source.splitlines()[1:]
