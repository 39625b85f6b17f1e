"""The command line, end to end: output, exit codes, config, bad input, stdin, the rule docs,
the demo hook, and a few real subprocess runs. Also the files that ship the CLI to users (the
pre-commit hook, README's commands, .ci/run)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SYNTAX_ERROR = "def sigmoid(x)\n    return x\n"
CLEAN = "import numpy as np\nx = np.zeros(3)\n"


def write(path: Path, text: str = CLEAN) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, made the working folder, with no config above it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def stdout(result) -> str:
    return result.stdout


def stderr(result) -> str:
    return result.stderr


# -- output and exit codes ---------------------------------------------------------------------


def test_clean_folder_exits_0(project: Path) -> None:
    write(project / "net.py")
    result = invoke()
    assert result.exit_code == 0
    assert stdout(result) == "All checks passed!\n"
    assert stderr(result) == ""


def test_problems_exit_1_with_ruff_style_lines(project: Path) -> None:
    write(project / "net.py")
    write(project / "pkg" / "broken.py", SYNTAX_ERROR)
    result = invoke(".")
    assert result.exit_code == 1
    assert stdout(result) == (
        "pkg/broken.py:1:15: NN900 syntax error: expected ':' (nncheck could not check this file)\n"
        "Found 1 problem.\n"
    )


def test_fixable_marker_and_summary(project: Path, flagme) -> None:
    write(project / "a.py", "flagme = 1\nx = flagme\n")
    result = invoke("a.py")
    assert result.exit_code == 1
    assert stdout(result) == (
        "a.py:1:1: NN998 [*] name `flagme` found: rename it to `ok`\n"
        "a.py:2:5: NN998 [*] name `flagme` found: rename it to `ok`\n"
        "Found 2 problems.\n"
        "[*] 2 fixable with the --fix option.\n"
    )


def test_exit_zero_and_quiet(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    result = invoke("--exit-zero", "-q")
    assert result.exit_code == 0
    assert stdout(result) == "bad.py:1:15: NN900 syntax error: expected ':' (nncheck could not check this file)\n"


def test_statistics(project: Path, flagme) -> None:
    write(project / "a.py", "flagme = 1\nflagme = 2\n")
    write(project / "b.py", SYNTAX_ERROR)
    result = invoke("--statistics")
    assert result.exit_code == 1
    assert stdout(result).splitlines() == [
        "2\tNN998\t[*] test-flagme",
        "1\tNN900\t[ ] syntax-error",
        "Found 3 problems.",
        "[*] 2 fixable with the --fix option.",
    ]


def test_json_format(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    result = invoke("--format", "json")
    assert result.exit_code == 1
    (item,) = json.loads(stdout(result))
    assert item["code"] == "NN900"
    assert item["filename"] == str(project / "bad.py")
    assert item["location"] == {"row": 1, "column": 15}
    assert item["end_location"]["row"] == 1
    assert item["fix"] is None and item["noqa_row"] == 1
    assert item["name"] == "syntax-error" and item["severity"] == "error"
    assert item["url"]
    # --output-format is Ruff's spelling
    assert json.loads(stdout(invoke("--output-format", "json"))) == [item]


def test_select_ignore_extend_select(project: Path, flagme) -> None:
    write(project / "a.py", "flagme = 1\n")
    write(project / "b.py", SYNTAX_ERROR)
    codes = lambda *args: sorted(i["code"] for i in json.loads(stdout(invoke("--format", "json", *args))))  # noqa: E731
    assert codes() == ["NN900", "NN998"]
    assert codes("--select", "NN900") == ["NN900"]
    assert codes("--select", "test-flagme") == ["NN998"]
    assert codes("--select", "NN900,NN998") == ["NN900", "NN998"]
    assert codes("--select", "NN900", "--select", "NN998") == ["NN900", "NN998"]
    assert codes("--select", "ALL", "--ignore", "NN99") == ["NN900"]
    assert codes("--ignore", "syntax-error") == ["NN998"]
    assert codes("--select", "NN900", "--extend-select", "NN998") == ["NN900", "NN998"]


def test_unknown_selector_is_a_usage_error(project: Path) -> None:
    write(project / "a.py")
    result = invoke("--select", "NN1234")
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: error: unknown rule selector 'NN1234' (see `nncheck --list-rules`)\n"
    assert stdout(result) == ""
    assert invoke("--ignore", "no-such-rule").exit_code == 2


def test_unknown_option_is_a_usage_error(project: Path) -> None:
    result = invoke("--frobnicate")
    assert result.exit_code == 2
    assert "No such option" in stderr(result)


# -- bad input ---------------------------------------------------------------------------------


def test_missing_path_is_exit_2_and_other_files_still_checked(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    result = invoke("missing.py", "bad.py")
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: error: missing.py: no such file or directory\n"
    assert "bad.py:1:15: NN900" in stdout(result)


def test_exit_2_wins_even_with_exit_zero(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    assert invoke("--exit-zero", "missing.py", "bad.py").exit_code == 2


def test_folder_without_python_files(project: Path) -> None:
    write(project / "docs" / "index.md", "# docs\n")
    result = invoke("docs")
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: error: docs: no Python files found\n"
    assert "All checks passed" not in stdout(result)


def test_non_utf8_file(project: Path) -> None:
    (project / "data").mkdir()
    (project / "data" / "x.py").write_bytes(b"# caf\xe9\n")
    write(project / "data" / "y.py", SYNTAX_ERROR)
    result = invoke("data")
    assert result.exit_code == 2
    assert stderr(result) == (
        "nncheck: error: data/x.py: not valid UTF-8 (byte 0xe9 at position 5, line 1) "
        "and no coding line declares another encoding\n"
    )
    assert "data/y.py:1:15: NN900" in stdout(result)


def test_utf8_bom_does_not_shift_columns(project: Path) -> None:
    (project / "bom.py").write_bytes(b"\xef\xbb\xbf" + SYNTAX_ERROR.encode())
    result = invoke("bom.py")
    assert result.exit_code == 1
    assert stdout(result).startswith("bom.py:1:15: NN900 ")


def test_unreadable_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = write(project / "secret.py")
    write(project / "bad.py", SYNTAX_ERROR)
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        # Root can read anything, so refuse this one file as the system would refuse others.
        if self.name == "secret.py":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke(".")
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: error: secret.py: permission denied\n"
    assert "bad.py:1:15: NN900" in stdout(result)
    assert secret.exists()


def test_a_crashing_rule_is_exit_2_and_the_rest_is_reported(project: Path, crashing) -> None:
    write(project / "a.py", "flagme = 1\n")
    result = invoke("a.py")
    assert result.exit_code == 2
    assert stderr(result) == (
        "nncheck: error: a.py: internal error in rule NN997: ZeroDivisionError: the test rule "
        "crashed (please report this)\n"
    )
    assert "a.py:1:1: NN998 [*]" in stdout(result)


def test_unexpected_exception_is_one_line_never_a_traceback(project: Path, monkeypatch) -> None:
    import nncheck.cli

    def explode(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(nncheck.cli, "run", explode)
    result = CliRunner().invoke(cli, ["."])
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: internal error: KeyError: 'boom' (please report this)\n"
    assert "Traceback" not in result.output


# -- config --------------------------------------------------------------------------------------


def test_config_is_found_above_the_checked_path(project: Path, flagme) -> None:
    write(
        project / "pyproject.toml",
        '[project]\nname = "demo"\n\n[tool.nncheck]\nignore = ["NN900"]\nexclude = ["gen_*.py"]\n'
        '[tool.nncheck.per-file-ignores]\n"tests/**" = ["NN998"]\n',
    )
    write(project / "src" / "net.py", SYNTAX_ERROR + "flagme = 1\n")
    write(project / "src" / "ok.py", "flagme = 1\n")
    write(project / "src" / "gen_layers.py", "flagme = 1\n")
    write(project / "tests" / "test_net.py", "flagme = 1\n")
    os.chdir(project / "src")
    result = invoke(".", "../tests")
    assert result.exit_code == 1
    # NN900 ignored; gen_*.py excluded while walking; tests/** ignores NN998
    assert stdout(result).splitlines() == [
        "ok.py:1:1: NN998 [*] name `flagme` found: rename it to `ok`",
        "Found 1 problem.",
        "[*] 1 fixable with the --fix option.",
    ]
    # an excluded file named on the command line is still checked, unless --force-exclude
    assert "gen_layers.py:1:1: NN998" in stdout(invoke("gen_layers.py"))
    forced = invoke("--force-exclude", "gen_layers.py")
    assert forced.exit_code == 0 and stdout(forced) == "All checks passed!\n"
    # command-line flags override the config: --select starts afresh
    assert "net.py:1:15: NN900" in stdout(invoke("--select", "NN900", "net.py"))
    # --isolated reads no config
    assert "gen_layers.py" in stdout(invoke("--isolated", "."))


def test_config_option(project: Path, flagme) -> None:
    write(project / "strict.toml", 'select = ["NN998"]\n')
    write(project / "a.py", SYNTAX_ERROR)
    write(project / "b.py", "flagme = 1\n")
    result = invoke("--config", "strict.toml", "--format", "json")
    assert [item["code"] for item in json.loads(stdout(result))] == ["NN998"]
    assert invoke("--config", "strict.toml", "--isolated").exit_code == 2


def test_malformed_config_is_one_line_exit_2(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.nncheck]\nselect = NN1\n")
    write(project / "a.py")
    result = invoke()
    assert result.exit_code == 2
    lines = stderr(result).splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"nncheck: error: {project / 'pyproject.toml'}: invalid TOML: ")
    assert stdout(result) == ""
    write(project / "pyproject.toml", "[tool.nncheck]\nignore = ['NN42']\n")
    result = invoke()
    assert result.exit_code == 2
    assert "ignore in [tool.nncheck]: unknown rule selector 'NN42'" in stderr(result)


def test_missing_config_file_option(project: Path) -> None:
    result = invoke("--config", "nope.toml")
    assert result.exit_code == 2
    assert "nope.toml: config file not found" in stderr(result)


# -- stdin -----------------------------------------------------------------------------------------


def test_stdin(project: Path) -> None:
    result = invoke("-", input=SYNTAX_ERROR)
    assert result.exit_code == 1
    assert stdout(result).startswith("-:1:15: NN900 syntax error")


def test_stdin_filename_names_the_output_and_picks_the_config(project: Path, flagme) -> None:
    write(project / "pyproject.toml", '[tool.nncheck.per-file-ignores]\n"legacy/*" = ["NN998"]\n')
    result = invoke("-", "--stdin-filename", "models/net.py", input="flagme = 1\n")
    assert stdout(result).startswith("models/net.py:1:1: NN998")
    data = json.loads(stdout(invoke("--stdin-filename", "models/net.py", "--format", "json", input="flagme = 1\n")))
    assert data[0]["filename"] == str(project / "models" / "net.py")
    ignored = invoke("-", "--stdin-filename", "legacy/net.py", input="flagme = 1\n")
    assert ignored.exit_code == 0 and stdout(ignored) == "All checks passed!\n"


def test_stdin_bom_and_bad_bytes(project: Path) -> None:
    assert invoke("-", input=b"\xef\xbb\xbf" + CLEAN.encode()).exit_code == 0
    result = invoke("-", input=b"x = '\xff'\n")
    assert result.exit_code == 2
    assert stderr(result).startswith("nncheck: error: -: not valid UTF-8 (byte 0xff at position 5")


def test_stdin_and_files_together(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    result = invoke("bad.py", "-", input=SYNTAX_ERROR)
    assert [line.split(":")[0] for line in stdout(result).splitlines()[:2]] == ["-", "bad.py"]


# -- rule docs ----------------------------------------------------------------------------------------


def test_rule_subcommand_and_explain(project: Path) -> None:
    result = invoke("rule", "NN900")
    assert result.exit_code == 0
    assert stdout(result).startswith("# syntax-error (NN900)\n")
    assert "## What it does" in stdout(result)
    assert stdout(invoke("--explain", "nn900")) == stdout(result)
    assert stdout(invoke("rule", "syntax-error")) == stdout(result)
    assert json.loads(stdout(invoke("rule", "NN900", "--format", "json")))["code"] == "NN900"


def test_rule_unknown_or_missing_code(project: Path) -> None:
    result = invoke("rule", "NN000")
    assert result.exit_code == 2
    assert stderr(result) == "nncheck: error: unknown rule 'NN000' (see `nncheck --list-rules`)\n"
    missing = invoke("rule")
    assert missing.exit_code == 2
    assert "needs a rule code" in stderr(missing)


def test_rules_subcommand_and_list_rules(project: Path) -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    lines = stdout(result).splitlines()
    assert lines[0].split() == ["code", "name", "severity", "default", "fix"]
    assert any(line.split()[:2] == ["NN900", "syntax-error"] for line in lines)
    assert stdout(invoke("--list-rules")) == stdout(result)
    codes = [rule["code"] for rule in json.loads(stdout(invoke("rules", "--format", "json")))]
    assert "NN900" in codes


def test_a_file_named_rule_can_still_be_checked(project: Path) -> None:
    write(project / "rule", SYNTAX_ERROR)
    result = invoke("./rule")
    assert result.exit_code == 1
    assert stdout(result).startswith("rule:1:15: NN900")


# -- the demo -----------------------------------------------------------------------------------------


def test_demo_calls_the_probe(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def run_demo(script, echo):
        calls.append(script)
        echo("trained as written and as fixed")
        return 0

    fake = types.ModuleType("nncheck.probe.demo")
    fake.run_demo = run_demo
    monkeypatch.setitem(sys.modules, "nncheck.probe.demo", fake)
    result = invoke("--demo")
    assert result.exit_code == 0
    assert stdout(result) == "trained as written and as fixed\n"
    write(project / "net.py")
    assert invoke("--demo", "net.py").exit_code == 0
    assert calls == [None, Path("net.py")]
    missing = invoke("--demo", "nope.py")
    assert missing.exit_code == 2 and "nope.py: no such file or directory" in stderr(missing)
    assert invoke("--demo", "a.py", "b.py").exit_code == 2


def test_demo_exit_code_is_the_probes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("nncheck.probe.demo")
    fake.run_demo = lambda script, echo: 3
    monkeypatch.setitem(sys.modules, "nncheck.probe.demo", fake)
    assert invoke("--demo").exit_code == 3


def test_demo_missing_module_is_a_clear_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nncheck.probe.demo", None)  # makes the import fail
    result = invoke("--demo")
    assert result.exit_code == 2
    assert stderr(result).startswith("nncheck: error: the demo is not available in this installation")


# -- real processes ---------------------------------------------------------------------------------


def run_nncheck(*args: str, cwd: Path, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nncheck", *args],
        cwd=cwd,
        input=input,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.slow
def test_python_dash_m_nncheck(project: Path) -> None:
    write(project / "bad.py", SYNTAX_ERROR)
    write(project / "ok.py")
    done = run_nncheck(cwd=project)
    assert done.returncode == 1
    assert done.stdout.decode() == (
        "bad.py:1:15: NN900 syntax error: expected ':' (nncheck could not check this file)\n"
        "Found 1 problem.\n"
    )
    assert done.stderr == b""
    assert run_nncheck("ok.py", cwd=project).returncode == 0


@pytest.mark.slow
def test_subprocess_bad_inputs_and_stdin(project: Path) -> None:
    (project / "latin.py").write_bytes(b"x = '\xe9'\n")
    done = run_nncheck("latin.py", "gone.py", cwd=project)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines() == [
        "nncheck: error: gone.py: no such file or directory",
        "nncheck: error: latin.py: not valid UTF-8 (byte 0xe9 at position 5, line 1) and no coding line declares another encoding",
    ]
    assert b"Traceback" not in done.stderr
    piped = run_nncheck("-", "--stdin-filename", "x.py", cwd=project, input=SYNTAX_ERROR.encode())
    assert piped.returncode == 1 and piped.stdout.startswith(b"x.py:1:15: NN900")
    usage = run_nncheck("--select", "NN1234", cwd=project)
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr


@pytest.mark.slow
def test_console_script_is_installed(project: Path) -> None:
    script = Path(sys.executable).with_name("nncheck")
    if not script.exists():
        pytest.skip("nncheck is not installed as a console script next to this Python")
    done = subprocess.run([str(script), "rules"], cwd=project, capture_output=True, timeout=120)
    assert done.returncode == 0 and b"NN900" in done.stdout


# -- files that ship the CLI -------------------------------------------------------------------------


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    assert "- id: nncheck" in lines and "- id: nncheck-fix" in lines
    assert "name: nncheck" in lines
    assert any(line.startswith("entry: nncheck") for line in lines)
    assert "language: python" in lines
    assert "types_or: [python, pyi, jupyter]" in lines
    yaml = pytest.importorskip("yaml")
    check_hook, fix_hook = yaml.safe_load(text)
    assert check_hook["id"] == "nncheck" and fix_hook["id"] == "nncheck-fix"
    for hook in (check_hook, fix_hook):
        assert hook["language"] == "python" and hook["types_or"] == ["python", "pyi", "jupyter"]
        words = hook["entry"].split()
        assert words[:2] == ["nncheck", "check"]
        # the entry's flags must be ones the CLI accepts
        assert all(flag.lstrip("-").replace("-", "_") in {p.name for p in cli.params} for flag in words[2:])
    assert "--fix" in fix_hook["entry"] and "--fix" not in check_hook["entry"]


def test_readme_starts_with_the_two_fresh_machine_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text[: text.index("## ")]
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install . && nncheck --demo\n" in head
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest\n" in head
    assert "```" in head
    assert "- id: nncheck" in text and "repo:" in text and "rev:" in text
    assert "## Dependencies" in text
    for dependency in ("numpy", "libcst", "click"):
        assert f"**{dependency}**" in text


def test_ci_script() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    assert "pip install --quiet -e '.[test]'" in text
    assert "5)" in text  # pytest's "no tests collected" is a failure
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")]).returncode == 0


# -- more edges ----------------------------------------------------------------------------------


def test_force_exclude_applies_default_excludes_and_stdin_filename(project: Path) -> None:
    write(project / ".venv" / "lib" / "bad.py", SYNTAX_ERROR)
    assert invoke(".venv/lib/bad.py").exit_code == 1  # named explicitly: checked
    forced = invoke("--force-exclude", ".venv/lib/bad.py")
    assert forced.exit_code == 0 and stdout(forced) == "All checks passed!\n"
    write(project / "pyproject.toml", '[tool.nncheck]\nexclude = ["generated"]\n')
    piped = invoke("--force-exclude", "--stdin-filename", "generated/net.py", "-", input=SYNTAX_ERROR)
    assert piped.exit_code == 0
    assert invoke("--stdin-filename", "generated/net.py", "-", input=SYNTAX_ERROR).exit_code == 1


def test_interrupt_is_not_reported_as_problems(project: Path, monkeypatch) -> None:
    import nncheck.cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(nncheck.cli, "run", interrupted)
    result = CliRunner().invoke(cli, ["."])
    assert result.exit_code == 130
    assert stderr(result) == "nncheck: interrupted\n"


def test_help_and_version(project: Path) -> None:
    help_text = stdout(invoke("--help"))
    for flag in ("--select", "--ignore", "--extend-select", "--format", "--statistics", "--quiet",
                 "--exit-zero", "--explain", "--list-rules", "--config", "--isolated",
                 "--force-exclude", "--stdin-filename", "--demo"):
        assert flag in help_text
    assert "nncheck rule CODE" in help_text
    from nncheck import __version__

    assert __version__ in stdout(invoke("--version"))


def test_the_run_is_usable_without_click(project: Path) -> None:
    from nncheck.runner import Options, exit_code, run

    write(project / "bad.py", SYNTAX_ERROR)
    report = run(Options(paths=("bad.py", "gone.py")))
    assert [d.code for _, d in report.diagnostics()] == ["NN900"]
    assert report.errors == ["gone.py: no such file or directory"]
    assert exit_code(report) == 2
    clean = run(Options.from_flags(paths=("bad.py",), ignore=["NN900"]))
    assert clean.count == 0 and exit_code(clean) == 0
    found = run(Options(paths=("-",)), read_stdin=lambda: SYNTAX_ERROR.encode())
    assert exit_code(found) == 1 and exit_code(found, exit_zero=True) == 0


def test_rule_and_rules_help(project: Path) -> None:
    for args in (["rule", "--help"], ["rule", "-h"], ["rules", "--help"], ["rule", "NN900", "-h"]):
        result = invoke(*args)
        assert result.exit_code == 0, args
        assert stdout(result).startswith("Usage: nncheck"), args
