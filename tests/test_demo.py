"""`run_demo`: the built-in example from the question, a user's script, and bad paths."""
from __future__ import annotations

from dataclasses import replace

import re

import numpy as np
import pytest

from nncheck.probe import demo
from nncheck.probe.demo import AS_WRITTEN, CORRECTED, QUESTION_X, QUESTION_Y, run_demo
from nncheck.probe.network import Bug, NetworkSpec, train
from nncheck.probe.render import sparkline


@pytest.fixture(scope="module")
def builtin() -> tuple[int, list[str]]:
    lines: list[str] = []
    code = run_demo(None, lines.append)
    return code, lines


def _section(lines: list[str], title: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] == ""), len(lines))
    return lines[start:end]


def test_builtin_demo_exit_code_follows_the_findings(builtin):
    code, lines = builtin
    assert code in (0, 1)
    found = [line for line in lines if re.match(r"\s+question_leaky\.py:\d+:\d+: NN\d{3} ", line)]
    assert code == (1 if found else 0)
    assert any("Found" in line or "No problems found." in line for line in lines)


def test_builtin_demo_has_both_sections(builtin):
    _, lines = builtin
    text = "\n".join(lines)
    assert "1. What nncheck finds in question_leaky.py" in text
    assert "2. As written" in text
    assert "3. Corrected" in text


def test_as_written_section_says_what_the_script_does(builtin):
    _, lines = builtin
    section = "\n".join(_section(lines, "2. As written"))
    assert "X @ (W + b)" in section and "leaky ReLU" in section
    assert "ValueError: The truth value of an array" in section
    assert "(NN103" in section
    # Each reproduced mistake names the code that finds it, and where nncheck reported it.
    for code in AS_WRITTEN.codes:
        assert re.search(rf"\({code}, (lines? [\d, ]+|not reported)\)", section), code
    assert "learning rate 0.5" in section and "2000 epochs" in section
    # What the numbers show for seed 1: it ends at 50% and never settles.
    assert "accuracy  50% (2/4)" in section
    assert "never settles" in section
    assert "accuracy  100%" not in section


def test_corrected_section_reaches_100_percent(builtin):
    _, lines = builtin
    section = "\n".join(_section(lines, "3. Corrected"))
    assert "accuracy  100% (4/4)" in section
    assert "predicted [0 1 0 1]   labels [0 1 0 1]" in section
    assert "probabilities [" in section
    assert "sigmoid" in section and "binary cross-entropy" in section


def test_demo_output_is_deterministic(builtin):
    _, first = builtin
    second: list[str] = []
    assert run_demo(None, second.append) == builtin[0]
    assert second == first


def test_lines_fit_a_terminal_without_colour(builtin):
    _, lines = builtin
    for line in lines:
        assert len(line) <= 100, line
        assert "\x1b" not in line


def test_the_numbers_behind_the_prose():
    written = train(AS_WRITTEN, QUESTION_X, QUESTION_Y)
    fixed = train(CORRECTED, QUESTION_X, QUESTION_Y)
    assert written.accuracy == 0.5 and not written.diverged and not written.crashed
    assert fixed.accuracy == 1.0
    np.testing.assert_array_equal(fixed.labels_predicted.ravel(), [0, 1, 0, 1])
    assert AS_WRITTEN.seed == CORRECTED.seed and AS_WRITTEN.epochs == CORRECTED.epochs
    assert {"NN101", "NN204", "NN301", "NN302"} <= set(AS_WRITTEN.codes)


def test_wrapping_keeps_code_spans_whole():
    lines: list[str] = []
    text = "word " * 15 + "use `np.where(x > 0, 1, 1 / 100)` instead " + "word " * 10
    demo._wrapped(lines.append, text, "  ")
    assert any("`np.where(x > 0, 1, 1 / 100)`" in line for line in lines)
    assert all(len(line) <= 100 for line in lines)


def test_reported_lines_come_from_the_findings():
    assert demo._reported("NN301", {"NN301": [28]}) == "NN301, line 28"
    assert demo._reported("NN103", {"NN103": [19, 18, 19]}) == "NN103, lines 18, 19"
    assert demo._reported("NN204", {}) == "NN204, not reported"


def test_the_example_is_read_not_executed(monkeypatch):
    import builtins

    def no_exec(*args, **kwargs):
        raise AssertionError("the demo must not execute the example")

    monkeypatch.setattr(builtins, "exec", no_exec)
    lines: list[str] = []
    assert run_demo(None, lines.append) in (0, 1)


def test_verdict_is_derived_from_the_run():
    # A network that diverges is described as diverging, not as learning.
    spec = NetworkSpec((3, 1), output_activation="identity", loss="mse", reduction="sum",
                       learning_rate=5.0, epochs=200, seed=0, task="binary")
    history = train(spec, QUESTION_X, QUESTION_Y)
    assert history.diverged
    assert "diverges" in demo._verdict(history)
    crashed = train(replace(spec, bugs=frozenset({Bug.ARRAY_TRUTH_VALUE})),
                    QUESTION_X, QUESTION_Y)
    assert "ValueError" in demo._verdict(crashed)
    # A network that cannot move is stuck, and says at what.
    frozen = train(replace(CORRECTED, learning_rate=0.0, epochs=50), QUESTION_X, QUESTION_Y)
    assert frozen.accuracy < 1.0
    stuck = f"stuck at {round(100 * frozen.accuracy)}% accuracy from epoch 0"
    assert stuck in demo._verdict(frozen)
    # A regression run is described by R², not accuracy.
    reg = train(NetworkSpec((3, 1), output_activation="identity", loss="mse", epochs=300,
                            learning_rate=0.1), QUESTION_X, QUESTION_X @ [[1.0], [2.0], [0.5]])
    assert "R²" in demo._verdict(reg) and "accuracy" not in demo._verdict(reg)
    lines: list[str] = []
    demo._results(reg, QUESTION_X @ [[1.0], [2.0], [0.5]], lines.append, False)
    assert any(line.strip().startswith("R²") for line in lines)


def test_user_script_without_a_network_says_what_is_missing(tmp_path):
    script = tmp_path / "net.py"
    script.write_text("import numpy as np\nW = np.zeros((2, 1))\n", encoding="utf-8")
    lines: list[str] = []
    code = run_demo(script, lines.append)
    text = "\n".join(lines)
    assert "Cannot train it:" in text and "Nothing was trained." in text
    found = [line for line in lines if re.search(r"net\.py:\d+:\d+: NN\d{3} ", line)]
    assert code == (1 if found else 0)


def test_user_script_with_a_syntax_error_is_a_finding(tmp_path):
    script = tmp_path / "broken.py"
    script.write_text("def f(:\n", encoding="utf-8")
    lines: list[str] = []
    assert run_demo(script, lines.append) == 1
    assert any("NN900" in line for line in lines)


@pytest.mark.parametrize("kind", ["missing", "directory", "binary"])
def test_unreadable_script_is_one_line_and_exit_2(tmp_path, kind):
    if kind == "missing":
        path = tmp_path / "nope.py"
    elif kind == "directory":
        path = tmp_path
    else:
        path = tmp_path / "bin.py"
        path.write_bytes(b"\xff\xfe\x00\x81")
    lines: list[str] = []
    assert run_demo(path, lines.append) == 2
    assert len(lines) == 1 and lines[0].startswith(f"nncheck: cannot read {path}")


def test_sparkline_handles_non_finite_values_and_long_series():
    assert sparkline([3.0, 2.0, 1.0]) == "█▅▁"
    assert sparkline([1.0, float("nan"), float("inf"), -float("inf")]) == "▄×↑↓"
    assert sparkline([]) == ""
    long = sparkline(list(np.linspace(1.0, 0.0, 5000)) + [float("nan")], width=40)
    assert len(long) == 40 and long[0] == "█" and long[-1] == "×"
    assert sparkline([2.0, 2.0, 2.0]) == "▄▄▄"


def test_as_written_spec_reproduces_the_scripts_own_arithmetic():
    """question_leaky.py transcribed, with `nonlin` applied element by element (np.where) and
    started from the spec's own initial parameters: the reference network must follow the
    script's updates exactly, epoch by epoch."""
    from nncheck.probe.network import init_params

    def nonlin(x, deriv=False):
        if deriv:
            return np.where(x > 0, 1, 1 / 100)
        return np.where(x > 0, x, x / 100)

    layer = init_params(AS_WRITTEN)[0]
    weights, bias = layer.W.copy(), layer.b.copy()
    assert bias.shape == weights.shape == (3, 1)
    outputs = []
    for _ in range(AS_WRITTEN.epochs):
        output = nonlin(np.dot(QUESTION_X, weights + bias))  # feedforward
        outputs.append(output)
        error = QUESTION_Y - output  # backprop
        delta = error * nonlin(output, deriv=True)
        weights += 0.5 * np.dot(QUESTION_X.T, delta)
        bias += 0.5 * np.dot(QUESTION_X.T, delta)
    final = nonlin(np.dot(QUESTION_X, weights + bias))

    history = train(AS_WRITTEN, QUESTION_X, QUESTION_Y)
    np.testing.assert_allclose(history.predictions, final, rtol=1e-9, atol=1e-12)
    losses = [0.5 * float(np.sum((QUESTION_Y - out) ** 2)) for out in outputs]
    np.testing.assert_allclose(history.losses, losses, rtol=1e-9, atol=1e-12)


def test_corrected_spec_reproduces_question_fixed_arithmetic():
    """question_fixed.py's updates transcribed, from the spec's initial parameters."""
    from nncheck.probe.network import init_params

    def leaky_relu(x, deriv=False):
        if deriv:
            return np.where(x > 0, 1.0, 0.01)
        return np.where(x > 0, x, x / 100)

    first, second = init_params(CORRECTED)
    w1, b1, w2, b2 = first.W.copy(), first.b.copy(), second.W.copy(), second.b.copy()
    lr, n = CORRECTED.learning_rate, len(QUESTION_X)
    for _ in range(CORRECTED.epochs):
        hidden_input = np.dot(QUESTION_X, w1) + b1
        hidden = leaky_relu(hidden_input)
        output = 1 / (1 + np.exp(-(np.dot(hidden, w2) + b2)))
        output_delta = QUESTION_Y - output
        hidden_delta = np.dot(output_delta, w2.T) * leaky_relu(hidden_input, deriv=True)
        w2 += lr * np.dot(hidden.T, output_delta) / n
        b2 += lr * np.sum(output_delta, axis=0, keepdims=True) / n
        w1 += lr * np.dot(QUESTION_X.T, hidden_delta) / n
        b1 += lr * np.sum(hidden_delta, axis=0, keepdims=True) / n
    output = 1 / (1 + np.exp(-(np.dot(leaky_relu(np.dot(QUESTION_X, w1) + b1), w2) + b2)))

    history = train(CORRECTED, QUESTION_X, QUESTION_Y)
    np.testing.assert_allclose(history.predictions, output, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal((output > 0.5).astype(int).ravel(), [0, 1, 0, 1])
