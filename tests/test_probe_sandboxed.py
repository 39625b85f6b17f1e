"""`--run` and `--gradcheck`: the user's script in a subprocess (short timeouts here)."""
from __future__ import annotations

import pathlib

import pytest

from nncheck.probe import sandboxed
from nncheck.probe.demo import Options, _finding_list, run_demo

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _findings(path: pathlib.Path):
    return _finding_list(path.read_text(encoding="utf-8"), str(path))


def test_run_reports_the_exception_and_the_finding_that_predicted_it():
    script = FIXTURES / "question_leaky.py"
    result = sandboxed.run_script(script, timeout=20)
    assert result.status == "raised"
    assert result.data["type"] == "ValueError"
    text = "\n".join(sandboxed.describe_run(result, _findings(script), script))
    assert "it raised ValueError at line 19 (in nonlin), called from line " in text
    assert ", line 31, as NN103 (line 19) said: The truth value of an array" in text
    assert "as NN103 (line 19) said" in text


def test_run_links_a_name_error_to_nn501():
    script = FIXTURES / "question.py"
    result = sandboxed.run_script(script, timeout=20)
    text = "\n".join(sandboxed.describe_run(result, _findings(script), script))
    assert "it raised NameError at line 50 (in predict)" in text
    assert "as NN501 (line 50) said" in text
    assert "its last output: Error:" in text


def test_run_stops_a_script_that_never_ends(tmp_path):
    script = tmp_path / "forever.py"
    script.write_text("while True:\n    pass\n", encoding="utf-8")
    result = sandboxed.run_script(script, timeout=2)
    assert result.status == "timeout"
    assert result.seconds < 10
    text = "\n".join(sandboxed.describe_run(result, [], script))
    assert "stopped after 2 s (--timeout)" in text


def test_run_works_in_a_private_copy_of_the_scripts_folder(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("1,2\n", encoding="utf-8")
    (tmp_path / "helper.py").write_text("VALUE = 42\n", encoding="utf-8")
    (tmp_path / ".env").write_text("SECRET=1\n", encoding="utf-8")
    script = tmp_path / "io.py"
    script.write_text(
        "import os, sys, helper\n"
        "open('where.txt', 'w').write(os.getcwd())\n"
        "print(open('data/x.csv').read().strip(), helper.VALUE, os.path.exists('.env'))\n"
        "print(repr(sys.stdin.read()))\n", encoding="utf-8")
    result = sandboxed.run_script(script, timeout=20)
    assert result.status == "finished", result
    assert "1,2 42 False" in result.stdout and "''" in result.stdout
    # It wrote in its private copy, which is gone; the script's own folder is untouched.
    assert not (tmp_path / "where.txt").exists()
    assert result.wrote == ["where.txt"] and result.copied[0] == 3
    text = "\n".join(sandboxed.describe_run(result, [], script))
    assert "it wrote in its private folder (deleted since): where.txt" in text
    assert "sandbox: a private copy of its folder (3 files, " in text


def test_run_limits_memory(tmp_path):
    script = tmp_path / "greedy.py"
    script.write_text("x = bytearray(8 * 1024 ** 3)\n", encoding="utf-8")
    result = sandboxed.run_script(script, timeout=20)
    assert result.status == "raised" and result.data["type"] == "MemoryError"


def test_run_is_never_started_without_the_flag(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no subprocess without --run/--gradcheck")

    monkeypatch.setattr(sandboxed, "_spawn", refuse)
    lines: list[str] = []
    assert run_demo(FIXTURES / "question.py", lines.append) == 1


def test_gradcheck_flags_the_bias_update_of_the_question():
    script = FIXTURES / "question.py"
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=30)
    assert report.plan.problem is None and report.result.status == "checked", report.result
    checks, rate = sandboxed.compare(report.result.data["params"])
    verdicts = {c.path: c.verdict for c in checks}
    assert verdicts == {"self.weights": "ok", "self.bias": "copy"}
    assert rate == pytest.approx(0.5, rel=1e-6)
    text = "\n".join(sandboxed.describe_gradcheck(report, _findings(script)))
    assert "loss assumed: squared error" in text
    assert "self.bias: its update is an exact copy of the update of self.weights" in text
    assert "NN204, line 38" in text and "NN302, line 31" in text


def test_gradcheck_passes_the_corrected_network():
    script = FIXTURES / "question_fixed.py"
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=30)
    checks, _ = sandboxed.compare(report.result.data["params"])
    assert [c.path for c in checks] == ["self.weights1", "self.bias1", "self.weights2",
                                        "self.bias2"]
    assert all(c.verdict == "ok" and c.cosine > 0.9999 for c in checks)
    text = "\n".join(sandboxed.describe_gradcheck(report, []))
    assert "binary cross-entropy" in text
    assert "every update follows the negative gradient of the loss." in text


def test_gradcheck_links_a_wrong_derivative_to_its_finding():
    script = FIXTURES / "leaky_forward_sigmoid_derivative.py"
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=30)
    checks, _ = sandboxed.compare(report.result.data["params"])
    verdicts = {c.path: c.verdict for c in checks}
    assert verdicts["self.weights1"] == "wrong" and verdicts["self.weights2"] == "ok"
    text = "\n".join(sandboxed.describe_gradcheck(report, _findings(script)))
    assert "NN202, line 41" in text


def test_gradcheck_on_a_script_that_raises_says_so():
    script = FIXTURES / "question_leaky.py"
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=30)
    text = "\n".join(sandboxed.describe_gradcheck(report, _findings(script)))
    assert "the script raised ValueError at line 19, as NN103 (line 19) said" in text


def test_gradcheck_without_a_network_says_why(tmp_path):
    script = tmp_path / "plain.py"
    script.write_text("print('hello')\n", encoding="utf-8")
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=10)
    text = "\n".join(sandboxed.describe_gradcheck(report, []))
    assert "not possible: no parameter update" in text


def test_demo_flags_reach_the_subprocess():
    lines: list[str] = []
    code = run_demo(FIXTURES / "question.py", lines.append,
                    Options(run=True, gradcheck=True, timeout=30))
    text = "\n".join(lines)
    assert code == 1
    assert "Running question.py itself" in text and "Gradient check" in text
    assert all(len(line) <= 100 for line in lines)


def test_gradcheck_restores_scalar_parameters_between_probes():
    script = FIXTURES / "class_signed_mean_loss.py"
    report = sandboxed.gradcheck(script, script.read_text(encoding="utf-8"), timeout=30)
    checks, _ = sandboxed.compare(report.result.data["params"])
    assert {c.path: c.verdict for c in checks} == {"self.w": "ok", "self.b": "ok"}
    assert "self.b     scalar" in "\n".join(sandboxed.describe_gradcheck(report, []))
