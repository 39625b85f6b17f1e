"""`nncheck --demo SCRIPT`: the user's network recovered without running it, trained as
written and fixed; and the clear sentence when something cannot be recovered."""
from __future__ import annotations

import pathlib
import re
import sys

import numpy as np
import pytest

from nncheck.probe.demo import Options, run_demo

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _demo(path: pathlib.Path, options: Options | None = None) -> tuple[int, str]:
    lines: list[str] = []
    code = run_demo(path, lines.append, options)
    return code, "\n".join(lines)


def _section(text: str, title: str) -> str:
    start = text.index(title)
    end = text.find("\n\n", start)
    return text[start:end if end != -1 else None]


@pytest.fixture(scope="module")
def leaky() -> tuple[int, str]:
    return _demo(FIXTURES / "question_leaky.py")


def test_question_leaky_raises_as_written_and_fixed_reaches_100(leaky):
    code, text = leaky
    assert code == 1
    written = _section(text, "3. As written")
    assert "Run as written, it raises ValueError: The truth value of an array" in written
    assert "(NN103, lines 18, 19)" in written
    assert "accuracy  100%" not in written
    fixed = _section(text, "4. Fixed")
    assert "accuracy  100% (4/4)" in fixed
    assert "predicted [0 1 0 1]   labels [0 1 0 1]" in fixed
    assert "1 sigmoid output" in fixed


def test_question_leaky_recovers_the_scripts_own_data_and_choices(leaky):
    _, text = leaky
    recovered = _section(text, "2. What the demo recovered")
    assert "'X' (as 'self.inputs') 4×3, {0, 1}" in recovered
    assert "'y' (as 'self.labels') 4×1, {0, 1}" in recovered
    written = _section(text, "3. As written")
    assert "3 inputs → 1 leaky ReLU (alpha 0.01) output" in written
    assert "learning rate 0.5, 2000 epochs, seed 1" in written


def test_every_difference_names_the_finding_behind_it(leaky):
    _, text = leaky
    differences = _section(text, "5. What differs")
    for code_, line in (("NN101", 31), ("NN204", 38), ("NN301", 28), ("NN302", 31)):
        assert re.search(rf"\({code_}, line {line}\)", differences), code_
    assert "output activation leaky ReLU → sigmoid (NN101, line 31)" in differences
    # Findings that do not change training are said, not silently dropped.
    assert "NN401, line 46: not part of the runs" in differences
    assert "NN501, line 50: not part of the runs" in differences


def test_question_learns_as_written_but_the_script_raises_and_fixed_reaches_100():
    code, text = _demo(FIXTURES / "question.py")
    assert code == 1
    # The sigmoid version learns this separable data; the script itself stops at predict().
    assert "NameError when line 50 runs (NN501)" in text
    assert "accuracy  100% (4/4)" in _section(text, "4. Fixed")
    assert "X @ (W + b) → X @ W + b (NN302, line 31)" in text


def test_the_correct_fixture_trains_identically_both_ways():
    code, text = _demo(FIXTURES / "question_fixed.py")
    assert code == 0
    assert "nothing: no finding changes how the network trains" in text
    assert "3 inputs → 4 leaky ReLU → 1 sigmoid output" in text
    assert text.count("accuracy  100% (4/4)") == 2


def test_the_script_is_never_executed(tmp_path, monkeypatch):
    import subprocess

    def no_subprocess(*args, **kwargs):
        raise AssertionError("--demo without --run/--gradcheck must not start a process")

    monkeypatch.setattr(subprocess, "Popen", no_subprocess)
    marker = tmp_path / "ran.txt"
    source = (FIXTURES / "question_leaky.py").read_text(encoding="utf-8")
    source = source.replace("np.random.seed(1)\n",
                            f"np.random.seed(1)\nopen({str(marker)!r}, 'w').write('ran')\n")
    script = tmp_path / "leaky.py"
    script.write_text(source, encoding="utf-8")
    code, text = _demo(script)
    assert code == 1 and "4. Fixed" in text
    assert not marker.exists()


@pytest.mark.parametrize(
    "source, reason",
    [
        ("import numpy as np\nX = np.loadtxt('data.csv')\ny = np.array([[0], [1]])\n",
         "the inputs 'X' come from `X = np.loadtxt('data.csv')` (line 2), which nncheck does "
         "not evaluate (the file 'data.csv' is not beside the script: pass it with "
         "`--data data.csv`)"),
        ("import numpy as np\nfrom sklearn.datasets import make_moons\n"
         "X, y0 = make_moons(200)\ny = y0.reshape(-1, 1)\n",
         "the inputs 'X' come from `X, y0 = make_moons(200)` (line 3), which uses "
         "`make_moons`, imported from sklearn.datasets at line 2, which nncheck does not run"),
    ],
)
def test_unrecoverable_data_is_said_precisely_and_replaced(tmp_path, source, reason):
    network = """
def sigmoid(z):
    return 1 / (1 + np.exp(-z))

np.random.seed(0)
W = np.random.randn(2, 1)
b = np.zeros((1, 1))
for epoch in range(100):
    out = sigmoid(X @ W + b)
    error = y - out
    W += 0.1 * X.T @ error
    b += 0.1 * np.sum(error, axis=0, keepdims=True)
"""
    script = tmp_path / "net.py"
    script.write_text(source + network, encoding="utf-8")
    code, text = _demo(script)
    assert code in (0, 1)
    flat = " ".join(text.split())
    # The weights give the shapes: the demo trains on data of those shapes, and says why.
    assert "note: " + reason + "; so the demo trains on the inputs and labels it synthesised" \
        in flat
    assert "inputs 'X' 200×2" in flat and "(synthesised by the demo, see the note)" in flat
    assert "3. As written" in text and "Cannot train it" not in text


def test_random_data_with_a_seed_is_recovered(tmp_path):
    script = tmp_path / "net.py"
    script.write_text("""import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

np.random.seed(3)
X = np.random.randn(40, 2)
y = (X[:, :1] + X[:, 1:] > 0).astype(float)
W = np.random.randn(2, 1) * 0.1
b = np.zeros((1, 1))
for epoch in range(300):
    out = sigmoid(X @ W + b)
    error = y - out
    W += 0.5 * X.T @ error / len(X)
    b += 0.5 * np.sum(error, axis=0, keepdims=True) / len(X)
""", encoding="utf-8")
    code, text = _demo(script)
    assert code == 0, text
    assert "'X' 40×2" in text and "'y' 40×1, {0, 1}" in text
    assert "learning rate 0.5, 300 epochs, seed 3" in text
    assert "binary cross-entropy" in text


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.py")))
def test_every_fixture_gets_a_run_or_a_reason(name, monkeypatch):
    from nncheck.probe import recover

    monkeypatch.setattr(recover, "MAX_EPOCHS", 300)  # the shape of the report, not the numbers
    code, text = _demo(FIXTURES / name)
    assert code in (0, 1), text
    assert ("4. Fixed" in text) != ("Cannot train it:" in text)
    assert "internal error" not in text
    for line in text.splitlines():
        assert len(line) <= 100, line


def test_plot_without_matplotlib_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    lines: list[str] = []
    code = run_demo(None, lines.append, Options(plot=tmp_path / "curves.png"))
    assert code == 2
    assert len(lines) == 1 and "--plot needs matplotlib" in lines[0]
    assert "pip install 'nncheck[plot]'" in lines[0]
    assert not (tmp_path / "curves.png").exists()


def test_plot_saves_both_curves(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "curves.png"
    code, text = _demo(FIXTURES / "question_leaky.py", Options(plot=target))
    assert code == 1
    assert f"Saved the loss and accuracy curves to {target}." in " ".join(text.split())
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_labels_carry_the_accuracy():
    from nncheck.probe.demo import AS_WRITTEN, QUESTION_X, QUESTION_Y
    from nncheck.probe.network import train
    from nncheck.probe.plot import run_from_history

    history = train(AS_WRITTEN, QUESTION_X, QUESTION_Y)
    assert run_from_history("as written", history, "3 → 1", "mse").outcome == "accuracy 50%"


def test_command_line_flags(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from nncheck.cli import cli

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    plotted = CliRunner().invoke(cli, ["--demo", "--plot", str(tmp_path / "c.png")])
    assert plotted.exit_code == 2 and "--plot needs matplotlib" in plotted.output
    # --run is part of the demo: never a silent switch into it.
    refused = CliRunner().invoke(cli, ["--run"])
    assert refused.exit_code == 2
    assert refused.output == "nncheck: error: --run needs --demo: nncheck --demo SCRIPT --run\n"
    # On the built-in example it runs the packaged script.
    ran = CliRunner().invoke(cli, ["--demo", "--run", "--timeout", "20"])
    assert ran.exit_code == 1, ran.output
    assert "Running question_leaky.py itself" in ran.output
    assert "as NN103 (line 19) said" in " ".join(ran.output.split())


FILE_NETWORK = """import numpy as np

data = np.loadtxt("points.csv", delimiter=",")
X = data[:, :2]
y = data[:, 2:3]
np.random.seed(0)
W = np.random.randn(2, 1)
b = np.zeros((1, 1))
for epoch in range(200):
    out = 1 / (1 + np.exp(-(X @ W + b)))
    error = y - out
    W += 0.1 * X.T @ error
    b += 0.1 * np.sum(error, axis=0, keepdims=True)
"""


def _points(path):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    np.savetxt(path, np.c_[X, (X.sum(axis=1) > 0).astype(float)], delimiter=",")


def test_a_data_file_beside_the_script_is_read(tmp_path):
    (tmp_path / "net.py").write_text(FILE_NETWORK, encoding="utf-8")
    _points(tmp_path / "points.csv")
    code, text = _demo(tmp_path / "net.py")
    flat = " ".join(text.split())
    assert "inputs 'X' 30×2" in flat and "the data is read from points.csv" in flat
    assert "synthesised" not in flat


def test_a_missing_data_file_is_named_with_the_option_that_supplies_it(tmp_path):
    from nncheck.probe.demo import Options, run_demo

    (tmp_path / "net.py").write_text(FILE_NETWORK, encoding="utf-8")
    _, text = _demo(tmp_path / "net.py")
    flat = " ".join(text.split())
    assert "the file 'points.csv' is not beside the script: pass it with `--data points.csv`" \
        in flat
    assert "synthesised" in flat
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _points(elsewhere / "points.csv")
    lines: list[str] = []
    run_demo(tmp_path / "net.py", lines.append, Options(data=elsewhere / "points.csv"))
    assert "inputs 'X' 30×2" in " ".join(" ".join(lines).split())


def test_data_needs_demo(tmp_path):
    from click.testing import CliRunner

    from nncheck.cli import cli

    (tmp_path / "d.csv").write_text("1,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [str(tmp_path / "d.csv"), "--data", str(tmp_path / "d.csv")])
    assert result.exit_code == 2 and "--data needs --demo" in result.output
