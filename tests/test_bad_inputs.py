"""The bad-input table: each input a user may really give nncheck gets one clear line (or one
finding) and the right exit code, never a traceback, never a hang. One test per row; then the
inputs that must finish within the budget (a 5 MB generated file, a 1 MB one-line literal)."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
NETWORK = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")
CLEAN = "import numpy as np\nx = np.zeros(3)\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, ["--isolated", *args], input=input, catch_exceptions=False)


def codes(result) -> list[str]:
    return [line.split()[1] for line in result.stdout.splitlines() if line.count(":") >= 3]


def test_empty_file(project: Path) -> None:
    (project / "empty.py").write_bytes(b"")
    result = invoke("empty.py")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "All checks passed!\n", "")


def test_binary_file(project: Path) -> None:
    (project / "blob.py").write_bytes(bytes(range(256)) * 4)
    result = invoke("blob.py")
    assert result.exit_code == 2 and result.stdout.endswith("see above).\n")
    assert result.stderr == (
        "nncheck: error: blob.py: not valid UTF-8 (byte 0x80 at position 128, line 3) and no "
        "coding line declares another encoding\n"
    )


def test_binary_that_is_valid_utf8_is_python_refusing_null_bytes(project: Path) -> None:
    (project / "nul.py").write_bytes(b"x = 1\n\0\n")
    result = invoke("nul.py")
    assert result.exit_code == 1
    assert result.stdout.startswith("nul.py:2:1: NN900 syntax error: source code ")
    assert "null bytes" in result.stdout


def test_utf16_file(project: Path) -> None:
    (project / "wide.py").write_bytes(CLEAN.encode("utf-16"))
    result = invoke("wide.py")
    assert result.exit_code == 2
    assert result.stderr == (
        "nncheck: error: wide.py: it is encoded as UTF-16, which Python does not read as source; "
        "save it as UTF-8\n"
    )


def test_cr_only_line_endings_give_the_same_findings_and_fixes_keep_them(project: Path) -> None:
    (project / "unix.py").write_text(NETWORK, encoding="utf-8", newline="\n")
    (project / "mac.py").write_bytes(NETWORK.replace("\n", "\r").encode("utf-8"))
    unix, mac = invoke("unix.py"), invoke("mac.py")
    assert unix.exit_code == mac.exit_code == 1
    assert unix.stdout.replace("unix.py", "mac.py") == mac.stdout
    invoke("--fix", "mac.py")
    fixed = (project / "mac.py").read_bytes()
    assert b"\n" not in fixed and fixed.count(b"\r") >= NETWORK.count("\n")


def test_syntax_errors(project: Path) -> None:
    (project / "a.py").write_text("def sigmoid(x)\n    return x\n", encoding="utf-8")
    (project / "b.py").write_text("W = np.zeros((3, 4)\nb = 0\n", encoding="utf-8")
    (project / "c.py").write_text(CLEAN, encoding="utf-8")
    result = invoke(".")
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.splitlines()[:2] == [
        "a.py:1:15: NN900 syntax error: expected ':' (nncheck could not check this file)",
        "b.py:1:13: NN900 syntax error: '(' was never closed (nncheck could not check this file)",
    ]


def test_missing_path(project: Path) -> None:
    (project / "c.py").write_text(CLEAN, encoding="utf-8")
    result = invoke("gone.py", "c.py")
    assert result.exit_code == 2
    assert result.stderr == "nncheck: error: gone.py: no such file or directory\n"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop(project: Path) -> None:
    os.symlink(project / "b.py", project / "a.py")
    os.symlink(project / "a.py", project / "b.py")
    start = time.monotonic()
    result = invoke("a.py")
    assert time.monotonic() - start < 30
    assert result.exit_code == 2
    assert result.stderr == "nncheck: error: a.py: cannot read: Too many levels of symbolic links\n"


def test_permissions(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = project / "secret.py"
    secret.write_text(CLEAN, encoding="utf-8")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.py":  # root reads everything: refuse as the system would
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke("secret.py")
    assert (result.exit_code, result.stderr) == (2, "nncheck: error: secret.py: permission denied\n")


def test_stdin(project: Path) -> None:
    result = invoke("-", "--stdin-filename", "net.py", input=NETWORK.encode("utf-8"))
    assert result.exit_code == 1 and "net.py:31:30: NN302" in result.stdout
    latin = b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + CLEAN.encode()
    assert invoke("-", input=latin).exit_code == 0


def test_broken_config(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.nncheck]\nselect = [\n", encoding="utf-8")
    (project / "a.py").write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["a.py"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"nncheck: error: {project / 'pyproject.toml'}: invalid TOML: ")


def test_latin1_cookie_is_read_checked_and_fixed_in_its_own_encoding(project: Path) -> None:
    source = "# -*- coding: latin-1 -*-\n# réseau de neurones (cours de 2009)\n" + NETWORK
    path = project / "latin.py"
    path.write_bytes(source.encode("latin-1"))
    result = invoke("latin.py")
    assert result.exit_code == 1 and result.stderr == ""
    assert "latin.py:33:30: NN302" in result.stdout  # two lines lower than in the UTF-8 file
    invoke("--fix", "latin.py")
    data = path.read_bytes()
    assert data.startswith(b"# -*- coding: latin-1 -*-\n# r\xe9seau de neurones")
    assert "np.dot(self.inputs, self.weights) + self.bias" in data.decode("latin-1")


def test_a_thousand_nested_parentheses_are_what_python_refuses(project: Path) -> None:
    (project / "deep.py").write_text("x = " + "(" * 1000 + "1" + ")" * 1000 + "\n", encoding="utf-8")
    result = invoke("deep.py")
    assert result.exit_code == 1
    assert result.stdout.startswith("deep.py:1:205: NN900 syntax error: too many nested parentheses")


def test_nesting_too_deep_for_pythons_compiler(project: Path) -> None:
    (project / "deep.py").write_text("x = " + "-" * 5000 + "1\n", encoding="utf-8")
    result = invoke("deep.py")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "deep.py:1:1: NN900 syntax error: maximum recursion depth exceeded during compilation"
    )


def test_what_libcst_accepts_but_python_refuses_is_nn900(project: Path) -> None:
    (project / "gen.py").write_text("def f():\n    pass\nx = yield\n", encoding="utf-8")
    result = invoke("gen.py")
    assert result.exit_code == 1
    assert result.stdout.startswith("gen.py:3:5: NN900 syntax error: 'yield' outside function")


def test_what_python_compiles_but_libcst_cannot_read_is_a_note(project: Path, monkeypatch) -> None:
    import nncheck.model.parse as parse_module

    def refuse(text):
        raise KeyError("libcst's own failure")  # as libcst 1.9 does on 2,990 elifs

    monkeypatch.setattr(parse_module.cst, "parse_module", refuse)
    (project / "net.py").write_text(CLEAN, encoding="utf-8")
    result = invoke("net.py")
    assert result.exit_code == 0
    assert result.stderr == (
        "nncheck: warning: net.py: skipped every rule that reads the network model: nncheck's "
        "parser (libcst) failed on it (KeyError) (its syntax was checked)\n"
    )
    assert result.stdout == (
        "No problems found, but 1 file could not be fully checked (see the warnings above).\n"
    )


# -- inputs that must finish within the budget ------------------------------------------------


def _generated(path: Path, megabytes: float) -> None:
    parts, size, index = ["import numpy as np\n\n\n"], 0, 0
    while size < megabytes * 2**20:
        part = (f"def f{index}(x, y=2):\n    z = x * 0.{index % 97 + 1} + y\n    if z > {index % 7}:\n"
                f"        return np.tanh(z)\n    return z - {index}\n\n\n")
        parts.append(part)
        size += len(part)
        index += 1
    path.write_text("".join(parts), encoding="utf-8")


MEASURE = """
import resource, subprocess, sys, time
start = time.monotonic()
done = subprocess.run([sys.executable, "-m", "nncheck", "--isolated", *sys.argv[1:]], capture_output=True, text=True)
print(time.monotonic() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, done.returncode)
sys.stderr.write(done.stderr)
"""


def _timed(name: str, cwd: Path) -> tuple[int, str, float, float]:
    """Exit code, stderr, seconds and peak resident MiB of the largest nncheck process (the run
    and its worker), measured from a fresh process whose only children they are."""
    done = subprocess.run([sys.executable, "-c", MEASURE, name], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    seconds, peak, code = done.stdout.split()
    return int(code), done.stderr, float(seconds), float(peak)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak memory as Linux reports it")
def test_a_5mb_generated_file_and_a_1mb_literal_finish_in_bounded_time_and_memory(tmp_path: Path) -> None:
    _generated(tmp_path / "generated.py", 5)
    (tmp_path / "literal.py").write_text(
        "DATA = [" + ", ".join(str(i % 10_000) for i in range(200_000)) + "]\n", encoding="utf-8")
    for name in ("generated.py", "literal.py"):
        code, stderr, seconds, peak = _timed(name, cwd=tmp_path)
        assert code == 0, stderr
        assert stderr.startswith(f"nncheck: warning: {name}: skipped every rule that reads the network model: ")
        # The bound is 10 s and 500 MiB; CI machines are shared, so the time has slack.
        assert seconds < 30, (name, seconds)
        assert peak < 500, (name, peak)
