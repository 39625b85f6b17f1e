"""`nncheck --demo [SCRIPT]`: show the findings, then prove them by training.

With no script, the demo uses the network from the question (the packaged
`nncheck/examples/question_leaky.py`, read as text and never executed): it prints what nncheck
reports on it, trains that network as written (its bugs reproduced by the reference network's
toggles) and as corrected, with the same seed and epochs, and prints both side by side.
Every sentence about what a network did is derived from the numbers of the run.

With a script, it prints the findings, recovers the script's data and network from the static
model without running it (nncheck/probe/recover.py), and trains it as written (each finding
that the reference network can reproduce switched on, on the layer it was reported on) and
fixed (every finding's fix applied), with the same seed and epochs. What could not be
recovered is said in one sentence, and then nothing is trained.

Opt-in extras: `plot` saves both loss curves (matplotlib); `run` runs the script itself and
`gradcheck` checks its updates against numerical gradients, both in a subprocess with a
timeout and a memory limit (nncheck/probe/sandboxed.py), never in this process.
"""
from __future__ import annotations

import importlib.resources
import pathlib
import re
import textwrap
import traceback
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from nncheck.probe.network import ACTIVATIONS, Bug, History, NetworkSpec, train
from nncheck.probe.render import number, percent, sparkline

Echo = Callable[[str], None]

WIDTH = 100
SPARK_WIDTH = 48
MAX_SHOWN = 12  # samples listed one by one
EXAMPLE = "question_leaky.py"

# The data of the question's script.
QUESTION_X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
QUESTION_Y = np.array([[0, 1, 0, 1]], dtype=float).T

EPOCHS = 2000  # the script's own `train(epochs=2000)`
SEED = 1  # the script's `np.random.seed(1)`; default_rng(1) draws other numbers
LEARNING_RATE = 0.5

# The question's network as written: one dense layer 3 -> 1 with a leaky-ReLU output, the error
# y - out with no 1/n (so half the summed squared error), a randn bias of the weights' shape
# added inside the product, updated with the weight gradient.
AS_WRITTEN = NetworkSpec(
    layers=(3, 1),
    hidden_activation="leaky_relu",
    output_activation="leaky_relu",
    alpha=0.01,
    loss="mse",
    reduction="sum",
    learning_rate=LEARNING_RATE,
    epochs=EPOCHS,
    seed=SEED,
    bias_init="randn",
    task="binary",
    bugs=frozenset({
        Bug.UNBOUNDED_OUTPUT_BINARY_LABELS,
        Bug.BIAS_SHAPED_LIKE_WEIGHTS,
        Bug.BIAS_INSIDE_PRODUCT,
        Bug.BIAS_GRADIENT_LIKE_WEIGHTS,
    }),
)
# The script also calls the derivative on the output (`nonlin(self.output, deriv=True)`), which
# Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION reproduces; for leaky ReLU it gives the same
# values (NN201 stays silent), so it is left out here rather than listed as a finding.

# What the rules' fixes make of it (nncheck/examples/question_fixed.py).
CORRECTED = NetworkSpec(
    layers=(3, 4, 1),
    hidden_activation="leaky_relu",
    output_activation="sigmoid",
    alpha=0.01,
    loss="bce",
    reduction="mean",
    learning_rate=LEARNING_RATE,
    epochs=EPOCHS,
    seed=SEED,
    bias_init="zeros",
    task="binary",
)

_NAMES = {
    "identity": "linear",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "tanh": "tanh",
    "sigmoid": "sigmoid",
    "softmax": "softmax",
}

# How the demo says each toggle, in the question's terms.
_BUG_LINES = {
    Bug.UNBOUNDED_OUTPUT_BINARY_LABELS:
        "an unbounded output trained on 0/1 labels with the error y - out",
    Bug.BIAS_SHAPED_LIKE_WEIGHTS: "a bias shaped like the weights, {w_shape}",
    Bug.BIAS_INSIDE_PRODUCT: "the bias added inside the product, X @ (W + b)",
    Bug.BIAS_GRADIENT_LIKE_WEIGHTS: "the bias updated with the weight gradient X.T @ delta",
    Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION:
        "the derivative f'(z) evaluated at the output f(z) instead of z",
    Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION:
        "an output-form derivative taken at the pre-activation",
    Bug.DERIVATIVE_MISMATCH: "the derivative of another activation",
    Bug.MISSING_ACTIVATION_DERIVATIVE: "no derivative factor in the delta",
    Bug.GRADIENT_SIGN: "an update that climbs the loss",
    Bug.RELU_MASK_ON_UPSTREAM: "a ReLU mask on the upstream gradient",
    Bug.BIAS_GRADIENT_SUMMED_OVER_ALL: "a bias gradient summed to one scalar",
    Bug.SOFTMAX_OVER_BATCH: "a softmax over the samples",
    Bug.SYMMETRIC_INIT: "weights initialised to one constant",
    Bug.ARRAY_TRUTH_VALUE: "`if x > 0` on a whole array",
    Bug.UNSTABLE_SOFTMAX: "a softmax of the raw logits, no max subtracted",
    Bug.DERIVATIVE_OF_ERROR: "the derivative applied to the error, not the activation",
    Bug.DEAD_HIDDEN_DELTA: "hidden deltas built from the output error, delta @ W.T unused",
    Bug.FUSED_TIMES_DERIVATIVE: "the fused delta p - y multiplied by f'(p) again",
    Bug.STALE_WEIGHTS: "each layer updated before the layer below back-propagates through it",
    Bug.ACCUMULATED_GRADIENT: "a gradient accumulated over the steps and never reset",
    Bug.UNPAIRED_SHUFFLE: "inputs and labels shuffled by two separate draws",
    Bug.LOG_LOSS_OF_UNBOUNDED: "a log loss of an output that can leave (0, 1)",
}


@dataclass
class Options:
    """The demo's opt-in extras."""

    plot: pathlib.Path | None = None
    run: bool = False
    gradcheck: bool = False
    timeout: float = 30.0
    data: pathlib.Path | None = None  # read where the script loads a file of that name


def run_demo(script: pathlib.Path | None, echo: Echo, options: Options | None = None) -> int:
    """Run the demo; return the exit code: 0 no findings, 1 findings, 2 unreadable script,
    missing matplotlib for --plot, or internal error. Never raises."""
    options = options or Options()
    if options.plot is not None:
        from nncheck.probe.plot import plotting_available

        problem = plotting_available()
        if problem is not None:
            echo(f"nncheck: --plot needs matplotlib ({problem}); install it with "
                 "`pip install 'nncheck[plot]'`")
            return 2
    try:
        if script is None:
            code, runs = _builtin(echo)
            target = None
        else:
            target = pathlib.Path(script)
            outcome = _user_script(target, echo, options.data)
            if isinstance(outcome, int):
                return outcome
            code, runs = outcome
        if options.plot is not None:
            code = max(code, _plot(runs, options.plot, echo))
        if options.run or options.gradcheck:
            code = max(code, _sandboxed(target, echo, options))
        return code
    except Exception:  # noqa: BLE001 - one clear line, never a traceback
        last = traceback.format_exc().strip().splitlines()[-1]
        echo(f"nncheck: internal error in --demo: {last} (please report this)")
        return 2


def _plot(runs: list[tuple[str, History]], path: pathlib.Path, echo: Echo) -> int:
    from nncheck.probe.plot import save_plot

    if not runs:
        echo("")
        echo(f"Nothing was trained, so there is no plot to save to {path}.")
        return 0
    try:
        from nncheck.probe.plot import run_from_history

        note = save_plot([run_from_history(name, h, _architecture(h.spec), _loss_label(h.spec))
                          for name, h in runs], path)
    except OSError as problem:
        echo(f"nncheck: cannot write the plot {path}: {problem.strerror or problem}")
        return 2
    echo("")
    _wrapped(echo, f"Saved the loss and accuracy curves to {path}. {note}", "", "  ")
    return 0


def _sandboxed(script: pathlib.Path | None, echo: Echo, options: Options) -> int:
    from nncheck.probe import sandboxed

    if script is None:
        # The packaged example is a file like any other: run it the same way.
        with importlib.resources.as_file(
            importlib.resources.files("nncheck").joinpath("examples", EXAMPLE)
        ) as path:
            return _sandboxed_file(pathlib.Path(path), echo, options, sandboxed)
    return _sandboxed_file(script, echo, options, sandboxed)


def _sandboxed_file(script: pathlib.Path, echo: Echo, options: Options, sandboxed) -> int:
    from nncheck.discover import read_source

    if script.suffix != ".py":
        echo("")
        echo(f"--run and --gradcheck run .py scripts only; {script.name} is not one.")
        return 0
    text = read_source(script, str(script))
    found = _finding_list(text, str(script))
    if options.run:
        echo("")
        for line in sandboxed.describe_run(
                sandboxed.run_script(script, timeout=options.timeout), found, script):
            _wrapped(echo, line.strip(), "  " if line.startswith("  ") else "", "    ")
    if options.gradcheck:
        echo("")
        for line in sandboxed.describe_gradcheck(
                sandboxed.gradcheck(script, text, timeout=options.timeout), found):
            if len(line) <= WIDTH:
                echo(line)
            else:
                _wrapped(echo, line.strip(), "  ", "    ")
    return 0


# --------------------------------------------------------------------------------------------


def _findings(text: str, path: str, echo: Echo, keep: bool = False):
    """Print what nncheck reports on `text`. Return the exit code those findings mean, and the
    lines each code was reported on (and, with keep, the findings themselves)."""
    from nncheck.engine import check_text  # the rules are loaded only when needed
    from nncheck.probe.recover import Finding

    result = check_text(text, path)
    if result.model is not None:
        _MODELS[:] = [result.model]
    lines: dict[str, list[int]] = {}
    for d in result.diagnostics:
        _wrapped(echo, f"{path}:{d.start.line}:{d.start.column}: {d.code} {d.message}", "  ")
        lines.setdefault(d.code, []).append(d.start.line)
    for problem in result.errors:
        _wrapped(echo, problem, "  ")
    count = len(result.diagnostics)
    plural = "s" if count != 1 else ""
    echo(f"  Found {count} problem{plural}." if count else "  No problems found.")
    findings = [Finding(d.code, d.start.line, d.message) for d in result.diagnostics]
    status = 2 if result.errors else (1 if count else 0)
    return (status, lines, findings) if keep else (status, lines)


def _reported(code: str, found: dict[str, list[int]]) -> str:
    """'NN301, line 28' when nncheck reported the code, else 'NN301, not reported'."""
    if code not in found:
        return f"{code}, not reported"
    numbers = sorted(set(found[code]))
    return f"{code}, line{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}"


def _finding_list(text: str, path: str):
    from nncheck.engine import check_text
    from nncheck.probe.recover import Finding

    return [Finding(d.code, d.start.line, d.message)
            for d in check_text(text, path).diagnostics]


def _user_script(script: pathlib.Path, echo: Echo, data: pathlib.Path | None = None):
    # Read as the checker reads every file (UTF-8, byte order mark, notebooks), so --demo and
    # `nncheck SCRIPT` agree on what the script says and on why it cannot be read.
    from nncheck.discover import SourceError, read_source

    try:
        text = read_source(script, str(script))
    except SourceError as problem:
        echo(f"nncheck: cannot read {problem}")
        return 2
    echo(f"nncheck --demo {script}")
    echo("")
    echo(f"1. What nncheck finds in {script.name}")
    code, found, findings = _findings(text, str(script), echo, keep=True)
    echo("")
    echo("2. What the demo recovered from the script (without running it)")
    recovery = _recover(text, str(script), findings, data)
    if recovery is None or not recovery.ok:
        reasons = recovery.missing if recovery is not None else [
            "the script does not parse, so there is no network to recover"]
        for reason in reasons:
            _wrapped(echo, f"Cannot train it: {reason}.", "   ", "     ")
        _wrapped(echo, "Nothing was trained. `--run` runs the script itself, in a subprocess.",
                 "   ", "     ")
        return code, []
    for fact in recovery.facts:
        _wrapped(echo, fact, "   ", "     ")
    for note in recovery.notes:
        _wrapped(echo, f"note: {note}", "   ", "     ")

    written_spec, fixed_spec = recovery.written, recovery.fixed
    X, y = recovery.X, recovery.y
    from nncheck.probe.effects import timed_train

    import threading

    # A progress line, only when training takes long enough for a silent wait to puzzle.
    progress = threading.Timer(1.0, echo, args=[
        f"   (training both runs: {written_spec.epochs} epochs of {len(X)} samples...)"])
    progress.daemon = True
    progress.start()
    try:
        written, seconds = timed_train(written_spec, X, y)
        fixed_X = recovery.fixed_X if recovery.fixed_X is not None else X
        fixed = train(fixed_spec, fixed_X, y)
    finally:
        progress.cancel()

    echo("")
    echo("3. As written")
    _describe(written_spec, echo, found, recovery.origins)
    if recovery.crashes:
        crash = train(replace(written_spec, bugs=written_spec.bugs | {Bug.ARRAY_TRUTH_VALUE},
                              epochs=1), X, y)
        if crash.crashed:
            _wrapped(echo, f"Run as written, it raises {crash.error}", "   ", "     ")
        _wrapped(echo, "The `if x > 0` on arrays raises "
                 f"({_reported('NN103', found)}), so the demo trains the element-by-element "
                 "function that was meant:", "   ", "   ")
    _results(written, y, echo, show_probabilities=False)
    _wrapped(echo, "Verdict: " + _verdict(written), "   ", "     ")
    _effects(written, X, y, echo, found, recovery.origins, seconds)

    echo("")
    echo("4. Fixed (every finding's fix applied)")
    _describe(fixed_spec, echo, found)
    _results(fixed, y, echo, show_probabilities=True)
    _wrapped(echo, "Verdict: " + _verdict(fixed), "   ", "     ")
    _effects(fixed, fixed_X, y, echo, found, {}, None)

    echo("")
    echo("5. What differs between the two runs, and the finding behind each difference")
    if recovery.differences or recovery.crashes:
        if recovery.crashes:
            _wrapped(echo, f"- `if x > 0` on an array → elementwise ({_reported('NN103', found)})"
                     "; both runs use the elementwise function", "   ", "     ")
        for text_, code_ in recovery.differences:
            _wrapped(echo, f"- {text_} ({_reported(code_, found)})", "   ", "     ")
    else:
        echo("   nothing: no finding changes how the network trains")
    for code_, why in recovery.not_reproduced:
        _wrapped(echo, f"- {_reported(code_, found)}: not part of the runs ({why})",
                 "   ", "     ")
    echo("")
    shown = written_spec.epochs
    _wrapped(
        echo,
        f"Same data, seed {written_spec.seed}, {shown} epochs: as written {_short(written)}; "
        f"fixed {_short(fixed)}.",
        "",
        "  ",
    )
    return code, [("as written", written), ("fixed", fixed)]


def _effects(history: History, X: np.ndarray, y: np.ndarray, echo: Echo,
             found: dict[str, list[int]], origins: dict, seconds: float | None) -> None:
    """The run's symptoms, then (as written) what each reproduced mistake did to it."""
    from nncheck.probe.effects import dead_units, mistake_lines, symptoms

    seen = symptoms(history, divergence=False) + dead_units(history, X)
    for line in seen:
        _wrapped(echo, f"Observed: {line}.", "   ", "     ")
    if seconds is None or not history.spec.all_bugs:
        return
    shape = (history.spec.layers[0], history.spec.layers[1])

    def describe(bug: Bug) -> str:
        return (f"{_BUG_LINES[bug].format(w_shape=shape)} "
                f"({_reported(origins.get(bug, bug.code), found)})")

    lines = mistake_lines(history, X, y, describe, seconds)
    if lines:
        echo("   What each reproduced mistake did:")
        for line in lines:
            _wrapped(echo, f"- {line}", "   ", "     ")


# The model the checker built while the demo printed its findings (FileResult.model): the
# recovery reads the same model (and its warm caches) instead of building it a second time.
_MODELS: list = []


def _recover(text: str, path: str, findings, data: pathlib.Path | None = None):
    from nncheck.model import NetworkModel
    from nncheck.model.parse import SyntaxProblem, parse
    from nncheck.probe.recover import recover

    model = next((m for m in _MODELS if m.source == text and m.path == path), None)
    _MODELS.clear()
    if model is None:
        parsed = parse(text)
        if isinstance(parsed, SyntaxProblem):
            return None
        model = NetworkModel.build(parsed, path=path, source=text)
    return recover(model, text, findings, data_file=data)


def _example_text() -> str:
    return (
        importlib.resources.files("nncheck")
        .joinpath("examples", EXAMPLE)
        .read_text(encoding="utf-8")
    )


def _builtin(echo: Echo) -> int:
    text = _example_text()
    echo("nncheck --demo: the network from the question (nncheck/examples/question_leaky.py)")
    echo("")
    echo(f"1. What nncheck finds in {EXAMPLE}")
    code, found = _findings(text, EXAMPLE, echo)

    echo("")
    crash = train(
        replace(AS_WRITTEN, bugs=AS_WRITTEN.bugs | {Bug.ARRAY_TRUTH_VALUE}),
        QUESTION_X,
        QUESTION_Y,
    )
    written = train(AS_WRITTEN, QUESTION_X, QUESTION_Y)
    fixed = train(CORRECTED, QUESTION_X, QUESTION_Y)

    echo("2. As written")
    _describe(AS_WRITTEN, echo, found)
    if crash.crashed:
        _wrapped(echo, f"Run as written, the first forward pass raises {crash.error}",
                 "   ", "     ")
        _wrapped(echo, "The learner's `if x > 0` raises on arrays "
                 f"({_reported('NN103', found)}), so the demo trains "
                 "the element-by-element leaky ReLU that was meant:", "   ", "   ")
    _results(written, QUESTION_Y, echo, show_probabilities=False)
    _wrapped(echo, "Verdict: " + _verdict(written), "   ", "     ")

    echo("")
    echo("3. Corrected (nncheck/examples/question_fixed.py)")
    _describe(CORRECTED, echo, found)
    _results(fixed, QUESTION_Y, echo, show_probabilities=True)
    _wrapped(echo, "Verdict: " + _verdict(fixed), "   ", "     ")

    echo("")
    _wrapped(
        echo,
        f"Same data, seed {SEED}, {EPOCHS} epochs: as written {_short(written)}; "
        f"corrected {_short(fixed)}.",
        "",
        "  ",
    )
    return code, [("as written", written), ("corrected", fixed)]


# --------------------------------------------------------------------------------------------
# Describing specs and results
# --------------------------------------------------------------------------------------------


def _architecture(spec: NetworkSpec) -> str:
    parts = [f"{spec.layers[0]} inputs"]
    for units in spec.layers[1:-1]:
        parts.append(f"{units} {_NAMES[spec.hidden_activation]}")
    out = _NAMES[spec.output_activation]
    if "relu" in spec.output_activation and spec.output_activation != "relu":
        out += f" (alpha {spec.alpha:g})"
    n_out = spec.layers[-1]
    parts.append(f"{n_out} {out} output{'s' if n_out != 1 else ''}")
    return " → ".join(parts)


def _loss_label(spec: NetworkSpec) -> str:
    if spec.loss == "mse":
        return "½·Σ(y − out)²" if spec.reduction == "sum" else "½·mean((y − out)²)"
    name = {"bce": "binary cross-entropy", "cce": "categorical cross-entropy"}[spec.loss]
    return name if spec.reduction == "mean" else f"{name}, summed"


def _describe(spec: NetworkSpec, echo: Echo, found: dict[str, list[int]],
              origins: dict | None = None) -> None:
    echo(f"   {_architecture(spec)}")
    shape = (spec.layers[0], spec.layers[1])
    if spec.all_bugs:
        listed = sorted(spec.all_bugs, key=lambda bug: (bug.code, bug.name))
        for bug in listed:
            line = _BUG_LINES[bug].format(w_shape=shape)
            code_ = (origins or {}).get(bug, bug.code)
            echo(f"   - {line} ({_reported(code_, found)})")
    elif not spec.biases:
        echo("   no biases (as in the script)")
    else:
        bias = ", ".join(f"(1, {n})" for n in spec.layers[1:])
        echo(f"   biases {bias} added after the product, gradients summed over the samples")
    if spec.batch_size is None:
        batches = ""
    elif spec.batch_size == 1:
        batches = ", one sample per update" + (" (shuffled each epoch)" if spec.shuffle else "")
    else:
        batches = (f", mini-batches of {spec.batch_size}"
                   + (" (shuffled each epoch)" if spec.shuffle else ""))
    _wrapped(echo,
             f"loss {_loss_label(spec)}, learning rate {spec.learning_rate:g}, "
             f"{spec.epochs} epochs{batches}, seed {spec.seed}", "   ", "     ")


def _results(history: History, y: np.ndarray, echo: Echo, show_probabilities: bool) -> None:
    losses = list(history.losses) + ([] if history.diverged or history.crashed
                                     else [history.final_loss])
    if losses:
        echo(f"   loss      {sparkline(losses, SPARK_WIDTH)}  "
             f"{number(history.losses[0])} → {number(losses[-1])}")
    if history.crashed:
        _wrapped(echo, f"stopped: {history.error}", "   ", "     ")
    if history.diverged:
        echo(f"   diverged  the loss became {number(history.losses[-1])} "
             f"{_when(history.diverged_at)}")
    echo(f"   final loss {number(history.final_loss)}")
    if history.task == "regression":
        echo(f"   R²        {number(history.r2)}")
    elif history.accuracy is not None:
        correct = int(round(history.accuracy * len(y)))
        echo(f"   accuracy  {percent(history.accuracy)} ({correct}/{len(y)})")
    else:
        echo("   accuracy  n/a (the outputs are not finite)")
    if history.predictions is None or history.predictions.shape[1] != 1:
        return  # one line per sample fits only a single output
    shown = len(y) if len(y) <= MAX_SHOWN else MAX_SHOWN
    first = f" (first {shown} of {len(y)})" if shown < len(y) else ""
    if history.task != "regression":
        echo(f"   predicted {_ints(history.labels_predicted.ravel()[:shown])}   "
             f"labels {_ints(y.astype(int).ravel()[:shown])}{first}")
    name = "probabilities" if show_probabilities else "raw outputs"
    if history.task == "regression":
        name, first = "outputs", first
        echo(f"   labels  {_floats(y.ravel()[:min(shown, 8)])}")
    echo(f"   {name} {_floats(history.predictions.ravel()[:min(shown, 8)])}"
         + (f" (first {min(shown, 8)})" if min(shown, 8) < len(y) else ""))


def _ints(values: np.ndarray) -> str:
    return "[" + " ".join(str(int(v)) for v in values) + "]"


def _floats(values: np.ndarray) -> str:
    return "[" + " ".join(number(float(v), 3) if not np.isfinite(v) or abs(v) >= 1e4
                          else f"{v:.4f}" for v in values) + "]"


def _short(history: History) -> str:
    if history.crashed:
        return "crashes"
    if history.diverged:
        return f"diverges {_when(history.diverged_at)}"
    if history.task == "regression":
        return f"R² {number(history.r2)}"
    return f"{percent(history.accuracy)} accuracy"


def _verdict(history: History) -> str:
    """One or two sentences about what happened, computed from the run."""
    if history.crashed:
        return f"training stops after {history.epochs_run} epochs: {history.error}."
    if history.diverged:
        finite = [s for s in history.scores if np.isfinite(s)]
        best = f"; its best accuracy before that was {percent(max(finite))}" if finite else ""
        return (f"the loss diverges to {number(history.losses[-1])} "
                f"{_when(history.diverged_at)}{best}.")
    if history.task == "regression":
        return f"it ends with R² {number(history.r2)}; {_loss_trend(history)}."
    # scores[k] is the accuracy after k updates; the final accuracy comes after all of them.
    scores = list(history.scores) + [history.accuracy]
    accuracy = history.accuracy
    half = len(scores) // 2
    since = _settled_since(scores, accuracy)
    sentences = []
    if since is not None and since <= half:
        if accuracy == 1.0:
            sentences.append(f"it learns the labels: 100% accuracy from epoch {since} on")
        else:
            sentences.append(f"it is stuck at {percent(accuracy)} accuracy from epoch {since} "
                             f"to the end ({history.epochs_run} epochs)")
    else:
        late = sorted(set(scores[half:]))
        if len(late) > 1:
            top = late[-1]
            at_top = sum(1 for score in scores[1:] if score == top)
            shown = percent if percent(late[0]) != percent(top) else _fine_percent
            sentences.append(
                f"it never settles: its accuracy flips between {shown(late[0])} and "
                f"{shown(top)} (at {shown(top)} after {at_top} of the {len(scores) - 1} "
                f"updates) and ends at {shown(accuracy)}"
            )
        else:
            sentences.append(f"it ends at {percent(accuracy)} accuracy")
    predicted = history.labels_predicted.ravel()
    if accuracy != 1.0 and len(set(predicted.tolist())) == 1:
        sentences.append(f"at the end it predicts {int(predicted[0])} for every sample")
    outputs = history.predictions.ravel()
    act = ACTIVATIONS[history.spec.output_activation]
    if not act.bounded and (np.any(outputs < 0) or np.any(outputs > 1)):
        sentences.append(
            f"its outputs end between {outputs.min():.3f} and {outputs.max():.3f}, outside "
            "[0, 1]: not probabilities"
        )
    sentences.append(_loss_trend(history, also=any("never settles" in s for s in sentences)))
    return "; ".join(sentences) + "."


def _fine_percent(value: float | None) -> str:
    """One decimal, for accuracies that the whole-percent rendering would not tell apart."""
    if value is None or not np.isfinite(value):
        return "n/a"
    return f"{100 * value:.1f}%"


def _loss_trend(history: History, also: bool = False) -> str:
    losses = list(history.losses) + [history.final_loss]
    late = losses[len(losses) // 2:]
    jumps = sum(1 for a, b in zip(late, late[1:]) if b > a * 1.1 and b - a > 1e-9)
    if jumps >= 3:
        either = " either" if also else ""
        return (f"the loss does not settle{either}: in the last {len(late) - 1} epochs it jumps "
                f"back up {jumps} times, between {number(min(late))} and {number(max(late))}")
    start, end = losses[0], losses[-1]
    change = "falls" if end < start else "rises" if end > start else "stays"
    return f"the loss {change} from {number(start)} to {number(end)}"


def _when(updates: int) -> str:
    """Epochs are counted by the updates done: "epoch k" is the end of the k-th epoch."""
    return "before the first update" if updates == 0 else f"at epoch {updates}"


def _settled_since(scores: Sequence[float], value: float | None) -> int | None:
    """The first index from which every score equals `value` (None if the last one does not)."""
    if value is None or not scores or scores[-1] != value:
        return None
    k = len(scores) - 1
    while k > 0 and scores[k - 1] == value:
        k -= 1
    return k


_CODE_SPAN = re.compile(r"`[^`]*`")
_KEEP = "\x00"  # stands for a space inside `code` while wrapping: textwrap never breaks there


def _wrapped(echo: Echo, text: str, indent: str, subsequent: str | None = None) -> None:
    """Wrap to WIDTH columns, never inside a `code span` that fits on a line."""
    text = _CODE_SPAN.sub(lambda m: m.group().replace(" ", _KEEP), text)
    for line in textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=subsequent if subsequent is not None else indent + "    ",
        break_long_words=True,
        break_on_hyphens=False,
    ):
        echo(line.replace(_KEEP, " "))
