"""`--run` and `--gradcheck`: the user's own script, run in a subprocess, never in this process.

Both start `python nncheck/probe/child.py` (a file that imports nothing from nncheck) with:
no stdin, the script's folder as working directory, a new session (so a timeout kills the
script's own children too), a wall-clock timeout (default 30 s), an address-space limit set
with `resource.setrlimit` in the child before it starts, one BLAS thread, and a non-interactive
matplotlib backend. The child writes what happened to a JSON file; the script's own output is
captured and only its last lines are ever shown.

`--run` reports whether the script finished, exited or raised, where (the script's own line),
and which static finding predicted it (same line, or a finding that names that exception).

`--gradcheck` takes one update step on the script's own data and compares each parameter's
update with the negative numerical gradient of the loss the script computes (see child.py for
how). The parent decides, from the static model, which loop performs the updates (the innermost
`for` around them, following calls), which error term `labels - output` defines the loss
(squared error, or binary / categorical cross-entropy for a sigmoid / softmax output with no
derivative factor: the fused delta `p - y`), and which names are the parameters (the update
targets). It then reports, per parameter, the cosine between the update and -gradient and the
relative error against the learning rate fitted to all parameters together, and links the
parameters whose updates are wrong to the findings that explain them. An update that is an
exact copy of another parameter's update is flagged too: with the bias inside the product
(NN302) the weight gradient *is* the bias's gradient, so the numbers agree while the layer
has no offset at all (NN204).
"""
from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

CHILD = pathlib.Path(__file__).with_name("child.py")
MEMORY_LIMIT = 2 * 1024 ** 3  # bytes of address space
TAIL_LINES = 5

# Findings that explain a wrong update, by code.
GRADIENT_CODES = ("NN201", "NN202", "NN203", "NN204", "NN205", "NN206", "NN207", "NN208",
                  "NN209", "NN210", "NN301", "NN302", "NN303", "NN503")
# Findings about the backward pass itself, which can corrupt any upstream update.
BACKWARD_CODES = ("NN201", "NN202", "NN203", "NN205", "NN206", "NN208", "NN210")
COSINE_OK = 0.99
RELATIVE_OK = 0.05


@dataclass
class ChildResult:
    status: str  # finished, exit, raised, timeout, killed, ... (see child.py)
    data: dict = field(default_factory=dict)
    stdout: str = ""
    stderr: str = ""
    seconds: float = 0.0


def _limits(memory: int):
    def apply() -> None:  # runs in the child, between fork and exec
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        except (ValueError, OSError):
            pass
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError):
            pass
    return apply


def _spawn(arguments: Sequence[str], script: pathlib.Path, timeout: float,
           memory: int = MEMORY_LIMIT) -> ChildResult:
    import time

    with tempfile.TemporaryDirectory(prefix="nncheck-") as folder:
        result_path = os.path.join(folder, "result.json")
        command = [sys.executable, str(CHILD), arguments[0], str(script.resolve()), result_path,
                   *arguments[1:]]
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                    "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1",
                    "PYTHONIOENCODING": "utf-8"})
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=str(script.resolve().parent), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            start_new_session=True, preexec_fn=_limits(memory),
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            out, err = process.communicate()
            return ChildResult("timeout", {"timeout": timeout}, _text(out), _text(err),
                               time.perf_counter() - start)
        seconds = time.perf_counter() - start
        try:
            with open(result_path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            memory_hint = "MemoryError" in _text(err) or process.returncode in (-9, 137)
            status = "memory" if memory_hint else "killed"
            return ChildResult(status, {"returncode": process.returncode}, _text(out),
                               _text(err), seconds)
        return ChildResult(data.get("status", "finished"), data, _text(out), _text(err), seconds)


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the script's own session: it and its children
    except (ProcessLookupError, PermissionError):
        process.kill()


def _text(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------
# --run
# --------------------------------------------------------------------------------------------


def run_script(script: pathlib.Path, timeout: float = 30.0) -> ChildResult:
    return _spawn(["run"], script, timeout)


def _predicted_by(result: ChildResult, findings) -> list:
    """Findings that predicted what the script raised: on a line of the traceback, or naming
    the exception in their message."""
    frames = result.data.get("frames", [])
    lines = {frame["line"] for frame in frames}
    kind = result.data.get("type", "")
    by_kind = [f for f in findings if kind and f"raises {kind}" in f.message]
    chosen = [f for f in by_kind if f.line in lines] or by_kind
    if not chosen and frames:
        chosen = [f for f in findings if f.line == frames[-1]["line"]]
    return sorted({(f.code, f.line): f for f in chosen}.values(), key=lambda f: (f.line, f.code))


def describe_run(result: ChildResult, findings, script: pathlib.Path) -> list[str]:
    head = f"Running {script.name} itself (--run: a subprocess, {result.seconds:.1f} s)"
    lines = [head]
    status = result.status
    if status == "finished":
        lines.append("  it finished without an exception.")
    elif status == "exit":
        lines.append(f"  it called sys.exit({result.data.get('code')}).")
    elif status == "timeout":
        lines.append(f"  it was stopped after {result.data['timeout']:g} s (--timeout): it "
                     "was still running.")
    elif status == "memory":
        lines.append("  it was stopped: it ran out of the memory allowed "
                     f"({MEMORY_LIMIT // 1024 ** 3} GiB of address space).")
    elif status == "killed":
        lines.append(f"  it ended without a result (exit status {result.data.get('returncode')}).")
    elif status == "unreadable":
        lines.append(f"  it could not be read: {result.data.get('detail')}")
    elif status == "raised":
        data = result.data
        frames = data.get("frames", [])
        where = f" at line {frames[-1]['line']}" if frames else ""
        if frames and frames[-1]["function"] != "<module>":
            where += f" (in {frames[-1]['function']})"
        called = [f"line {f['line']}" for f in frames[:-1]]
        via = f", called from {', '.join(called)}" if called else ""
        message = f": {data['message']}" if data.get("message") else ""
        predicted = _predicted_by(result, findings)
        said = ""
        if predicted:
            said = ", as " + " and ".join(f"{f.code} (line {f.line})" for f in predicted) + " said"
        else:
            said = "; no finding predicted it"
        lines.append(f"  it raised {data['type']}{where}{via}{said}{message}")
    tail = [line for line in result.stdout.strip().splitlines() if line.strip()][-TAIL_LINES:]
    if tail:
        lines.append("  its last output: " + " | ".join(line.strip()[:80] for line in tail))
    return lines


# --------------------------------------------------------------------------------------------
# --gradcheck
# --------------------------------------------------------------------------------------------


@dataclass
class GradcheckPlan:
    """What the static model says the child must instrument, or why it cannot."""

    problem: str | None = None
    config: dict = field(default_factory=dict)
    loss_text: str = ""
    param_lines: dict = field(default_factory=dict)  # name -> lines of its updates
    param_codes: dict = field(default_factory=dict)  # name -> how the script writes it


@dataclass
class GradcheckReport:
    plan: GradcheckPlan
    result: ChildResult | None = None


def plan_gradcheck(text: str, path: str) -> GradcheckPlan:
    import libcst as cst

    from nncheck.model import NetworkModel
    from nncheck.model.parse import SyntaxProblem, parse
    from nncheck.model.values import code as code_of

    parsed = parse(text)
    if isinstance(parsed, SyntaxProblem):
        return GradcheckPlan("the script does not parse")
    model = NetworkModel.build(parsed, path=path, source=text)
    if not model.updates:
        return GradcheckPlan("no parameter update (`W -= ...`, `W += ...`, `W = W - ...`) was "
                             "found")
    errors = [e for e in model.errors if e.source is not None]
    if not errors:
        return GradcheckPlan("no error term comparing the output with the labels (`y - out`) "
                             "was found, so the loss the script computes is unknown")
    error = errors[0]
    loop = _innermost_loop(model)
    if loop is None:
        return GradcheckPlan("no `for` loop around the updates was found")
    names, lines, codes = [], {}, {}
    for update in model.updates:
        target = update.target
        if isinstance(target, cst.Name):
            name = target.value
        elif isinstance(target, cst.Attribute):
            name = target.attr.value
        elif isinstance(target, cst.Subscript) and update.key is not None \
                and update.key[0] == "item":
            name = update.key[2]
        else:
            continue
        if name not in names:
            names.append(name)
        lines.setdefault(name, []).append(model.line(update.statement))
        codes.setdefault(name, code_of(target))
    if not names:
        return GradcheckPlan("the updated parameters could not be named")
    loss, loss_text = _assumed_loss(model, error)
    labels_left = error.sign == "target-prediction"
    config = {
        "loop_line": model.line(loop),
        "error_line": model.line(error.node),
        "error_code": code_of(error.node),
        "labels_left": labels_left,
        "params": names,
        "loss": loss,
    }
    return GradcheckPlan(None, config,
                         f"{loss_text}, from the error `{code_of(error.node)}` at line "
                         f"{model.line(error.node)}", lines, codes)


def _innermost_loop(model):
    import libcst as cst

    from nncheck.model.values import ClassInfo

    pending = [u.statement for u in model.updates]
    seen: set[int] = set()
    while pending:
        node = pending.pop(0)
        if id(node) in seen:
            continue
        seen.add(id(node))
        walker = model.parent(node)
        while walker is not None and not isinstance(walker, (cst.FunctionDef, cst.Module)):
            if isinstance(walker, cst.For):
                return walker
            walker = model.parent(walker)
        if isinstance(walker, cst.FunctionDef):
            for call, scope in model.builder.calls:
                target = model.resolve_callable(call.func, scope)
                if getattr(target, "node", None) is walker or (
                        isinstance(target, ClassInfo)
                        and target.methods.get("__init__") is walker):
                    pending.append(call)
    return None


def _assumed_loss(model, error) -> tuple[str, str]:
    source = error.source
    kind = getattr(getattr(source, "behaviour", None), "kind", "identity")
    has_derivative = hasattr(source, "behaviour") and any(
        use.forward is source for use in model.derivative_uses)
    if not has_derivative and kind == "sigmoid":
        return "bce", "binary cross-entropy (a sigmoid output whose delta is the plain error)"
    if not has_derivative and kind == "softmax":
        return "cce", "categorical cross-entropy (a softmax output whose delta is the error)"
    return "mse", "squared error ½·Σ(y − out)²"


def gradcheck(script: pathlib.Path, text: str, timeout: float = 30.0) -> GradcheckReport:
    plan = plan_gradcheck(text, str(script))
    if plan.problem is not None:
        return GradcheckReport(plan)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False,
                                     encoding="utf-8") as handle:
        json.dump(plan.config, handle)
        config_path = handle.name
    try:
        result = _spawn(["gradcheck", config_path], script, timeout)
    finally:
        os.unlink(config_path)
    return GradcheckReport(plan, result)


@dataclass
class ParameterCheck:
    path: str
    shape: tuple
    cosine: float
    relative_error: float
    verdict: str  # "ok", "wrong", "copy"
    explanation: str = ""
    sampled: int = 0
    size: int = 0


def compare(params: list[dict]) -> tuple[list[ParameterCheck], float]:
    """Per parameter: cosine(update, -gradient) and the relative error against one learning
    rate for all parameters (the median rate of the parameters whose updates point along the
    negative gradient). Returns the checks and that learning rate."""
    deltas = [np.asarray(p["delta"], dtype=float) for p in params]
    grads = [-np.asarray(p["grad"], dtype=float) for p in params]
    # The learning rate: the median of the per-parameter rates of the parameters whose update
    # points along -gradient (one wrong parameter must not make the right ones look wrong).
    rates, aligned = [], []
    for d, g in zip(deltas, grads):
        gg = float(g @ g)
        if gg > 0 and np.linalg.norm(d) > 0:
            rate_p = float(d @ g) / gg
            rates.append(rate_p)
            if float(d @ g) / (np.linalg.norm(d) * np.sqrt(gg)) >= COSINE_OK:
                aligned.append(rate_p)
    chosen = aligned or rates
    rate = float(np.median(chosen)) if chosen else float("nan")
    checks = []
    for p, d, g in zip(params, deltas, grads):
        nd, ng = float(np.linalg.norm(d)), float(np.linalg.norm(g))
        cosine = float(d @ g) / (nd * ng) if nd > 0 and ng > 0 else (1.0 if nd == ng == 0 else 0.0)
        scaled = rate * g if np.isfinite(rate) else g
        scale = max(nd, float(np.linalg.norm(scaled)), 1e-12)
        relative = float(np.linalg.norm(d - scaled)) / scale
        verdict = "ok" if cosine >= COSINE_OK and relative <= RELATIVE_OK else "wrong"
        checks.append(ParameterCheck(p["path"], tuple(p["shape"]), cosine, relative, verdict,
                                     sampled=p.get("sampled", 0), size=p.get("size", 0)))
    # An update that is exactly another parameter's update.
    for i, (p, d) in enumerate(zip(params, deltas)):
        for j, (q, e) in enumerate(zip(params, deltas)):
            # The same increment added to two arrays: equal up to the rounding of `W + u - W`.
            if i != j and p["shape"] == q["shape"] and d.size \
                    and np.allclose(d, e, rtol=1e-7, atol=0.0) \
                    and np.any(d != 0):
                if checks[i].verdict == "ok" and _looks_like_bias(p["path"]) \
                        and not _looks_like_bias(q["path"]):
                    checks[i].verdict = "copy"
                    checks[i].explanation = q["path"]
    return checks, rate


def _looks_like_bias(path: str) -> bool:
    tail = path.rsplit(".", 1)[-1].lower().strip("[]'\"")
    return tail.startswith("b") or "bias" in tail


def describe_gradcheck(report: GradcheckReport, findings) -> list[str]:
    lines = ["Gradient check (--gradcheck: one update on the script's own data, in a subprocess)"]
    plan = report.plan
    if plan.problem is not None:
        lines.append(f"  not possible: {plan.problem}.")
        return lines
    result = report.result
    lines.append(f"  loss assumed: {plan.loss_text}")
    if result.status == "timeout":
        lines.append(f"  stopped after {result.data['timeout']:g} s (--timeout) before the first "
                     "update was checked.")
        return lines
    if result.status == "raised":
        frames = result.data.get("frames", [])
        where = f" at line {frames[-1]['line']}" if frames else ""
        predicted = _predicted_by(result, findings)
        said = (", as " + " and ".join(f"{f.code} (line {f.line})" for f in predicted) + " said"
                ) if predicted else ""
        lines.append(f"  the script raised {result.data['type']}{where}{said} before one update "
                     f"could be checked: {result.data.get('message', '')}")
        return lines
    if result.status != "checked":
        detail = result.data.get("detail") or result.status
        lines.append(f"  not possible: {detail}.")
        return lines
    checks, rate = compare(result.data["params"])
    if not checks:
        lines.append("  no parameter named by the updates was found at run time.")
        return lines
    width = max(len("parameter"), *(len(c.path) for c in checks))
    lines.append(f"  {'parameter'.ljust(width)}  {'shape':<9} {'cosine':>7}  {'rel. error':>10}"
                 "  verdict")
    for check in checks:
        shape = "(" + ", ".join(map(str, check.shape)) + (",)" if len(check.shape) == 1 else ")")
        shape = shape if check.shape else "scalar"
        verdict = {"ok": "ok", "wrong": "WRONG", "copy": "SUSPECT"}[check.verdict]
        sampled = "" if check.sampled == check.size else f" ({check.sampled} of {check.size})"
        lines.append(f"  {check.path.ljust(width)}  {shape:<9} {check.cosine:>7.4f}  "
                     f"{check.relative_error:>10.2e}  {verdict}{sampled}")
    lines.append(f"  learning rate implied by the updates: {rate:.4g}")
    for check in checks:
        if check.verdict == "ok":
            continue
        name = _tail(check.path)
        related = _related(findings, name, plan)
        consistent = False
        if not related and check.verdict == "wrong":
            # A derivative that is wrong in a later layer corrupts every earlier update.
            related = [f for f in findings if f.code in BACKWARD_CODES]
            consistent = bool(related)
        cited = "; ".join(f"{f.code}, line {f.line}" for f in related)
        if check.verdict == "copy":
            text = (f"  {check.path}: its update is an exact copy of the update of "
                    f"{check.explanation}")
            if any(f.code == "NN302" for f in related) or any(f.code == "NN302" for f in findings):
                text += (": it matches the numerical gradient only because the bias is added "
                         "inside the product, which makes the weights and the bias one parameter "
                         "and leaves the layer without an offset")
            text += f" ({cited})" if cited else " (no finding explains it)"
        else:
            text = (f"  {check.path}: its update does not follow the gradient of the loss "
                    f"(cosine {check.cosine:.3f})")
            if consistent:
                text += f"; consistent with {cited}, a wrong factor in the backward pass"
            else:
                text += f"; explained by {cited}" if cited else "; no finding explains it"
        lines.append(text)
    if all(c.verdict == "ok" for c in checks):
        lines.append("  every update follows the negative gradient of the loss.")
    return lines


def _tail(path: str) -> str:
    tail = path.rsplit(".", 1)[-1]
    return tail.split("[")[-1].strip("]'\"") if tail.endswith("]") else tail


def _related(findings, name: str, plan: GradcheckPlan) -> list:
    written = plan.param_codes.get(name, name)
    update_lines = set(plan.param_lines.get(name, []))
    found = [f for f in findings if f.code in GRADIENT_CODES and (
        f.line in update_lines or f"'{written}'" in f.message)]
    return sorted({(f.code, f.line): f for f in found}.values(), key=lambda f: (f.code, f.line))
