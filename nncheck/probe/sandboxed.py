"""`--run` and `--gradcheck`: the user's own script, run in a sandbox, never in this process.

Both start `python nncheck/probe/child.py` (a file that imports nothing from nncheck) in a
private temporary folder that holds copies of the script and of the data files beside it (its
folder, three levels down, without hidden files and tool folders, at most COPY_FILES files and
COPY_BYTES bytes): the script reads its data and writes whatever it writes there, and the
folder is deleted afterwards (the report names the files it wrote). The child runs with no
stdin, HOME and TMPDIR inside that folder, a new session (a timeout kills everything it
started), one BLAS thread, a non-interactive matplotlib backend, and limits set before it
starts (resource.setrlimit): address space (MEMORY_LIMIT), CPU time, size of any file it
writes (FILE_LIMIT), open files, core dumps, and on Linux for an unprivileged user the number
of processes. The child then confines itself (nncheck/probe/confine.py: namespaces, Landlock,
seccomp, audit hooks, each where the system offers it) before the script's first line runs; the
report says which of those held and what the script tried that they refused. Its output is
captured, at most OUTPUT_LIMIT bytes of each stream kept, and only its last lines are shown.

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
FILE_LIMIT = 256 * 1024 ** 2  # bytes in any one file the script writes
OPEN_FILES = 256
COPY_FILES = 1000
COPY_BYTES = 256 * 1024 ** 2
COPY_DEPTH = 3
OUTPUT_LIMIT = 64 * 1024
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
    # What the sandbox was: the layers that held (confine.py), what was copied in, what the
    # script wrote there, and what it tried that was refused.
    layers: list = field(default_factory=list)
    copied: tuple = (0, 0)  # files, bytes
    skipped: int = 0  # data files not copied (over the limits)
    wrote: list = field(default_factory=list)

    @property
    def blocked(self) -> list:
        return list(self.data.get("blocked", []))


# Folders that hold no data of the script's (tool folders, environments), as discover skips them.
_NOT_DATA = {"__pycache__", "node_modules", "site-packages", "venv", "env", "build", "dist"}


def private_copy(script: pathlib.Path, work: pathlib.Path) -> tuple[pathlib.Path, tuple, int]:
    """Copy the script and the data beside it into `work`: the files of its folder, breadth
    first (nearest first) and COPY_DEPTH levels down, skipping hidden files and folders, tool
    folders and symlinks that lead out of the folder, within COPY_FILES files and COPY_BYTES
    bytes. Returns the copy of the script, (files, bytes) copied, and how many were left out."""
    import shutil

    source = script.resolve().parent
    target = work / script.name
    shutil.copyfile(script, target)
    files, size, skipped = 1, target.stat().st_size, 0
    queue = [(source, work, 0)]
    while queue:
        folder, into, depth = queue.pop(0)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or (folder == source and entry.name == script.name):
                continue
            try:
                real = pathlib.Path(os.path.realpath(entry.path))
                if real != source and source not in real.parents:
                    continue  # a link out of the script's folder: not the script's data
                if entry.is_dir():
                    if depth + 1 < COPY_DEPTH and entry.name not in _NOT_DATA \
                            and not entry.name.endswith(".egg-info"):
                        (into / entry.name).mkdir(exist_ok=True)
                        queue.append((pathlib.Path(entry.path), into / entry.name, depth + 1))
                    continue
                if not entry.is_file():
                    continue
                length = entry.stat().st_size
                if files >= COPY_FILES or size + length > COPY_BYTES:
                    skipped += 1
                    continue
                shutil.copyfile(entry.path, into / entry.name)
                files, size = files + 1, size + length
            except OSError:
                skipped += 1
    return target, (files, size), skipped


def _listing(work: pathlib.Path) -> dict[str, tuple]:
    found = {}
    for folder, _, names in os.walk(work):
        for name in names:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found[os.path.relpath(path, work)] = (info.st_size, info.st_mtime_ns)
    return found


def _user_tasks() -> int | None:
    """How many processes and threads this user has (RLIMIT_NPROC counts them all)."""
    uid, count = os.getuid(), 0
    try:
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as stream:
                    status = stream.read()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("Uid", "").split()[:1] == [str(uid)]:
                count += int(fields.get("Threads", "1").strip() or 1)
    except OSError:
        return None
    return count


def _limits(memory: int, seconds: float, tasks: int | None):
    def apply() -> None:  # runs in the child, between fork and exec: system calls only
        import resource

        limits = [(resource.RLIMIT_AS, memory), (resource.RLIMIT_CORE, 0),
                  (resource.RLIMIT_CPU, int(seconds) + 2), (resource.RLIMIT_FSIZE, FILE_LIMIT),
                  (resource.RLIMIT_NOFILE, OPEN_FILES)]
        if tasks is not None and hasattr(resource, "RLIMIT_NPROC"):
            # Counts every process and thread of the user: a few more threads, no fork bomb.
            limits.append((resource.RLIMIT_NPROC, tasks + 16))
        for kind, value in limits:
            try:
                soft, hard = resource.getrlimit(kind)
                if hard != resource.RLIM_INFINITY:
                    value = min(value, hard)
                resource.setrlimit(kind, (value, value if hard == resource.RLIM_INFINITY else hard))
            except (ValueError, OSError):
                pass
    return apply


def _spawn(arguments: Sequence[str], script: pathlib.Path, timeout: float,
           memory: int = MEMORY_LIMIT) -> ChildResult:
    import shutil
    import time

    private = pathlib.Path(tempfile.mkdtemp(prefix="nncheck-run-"))
    control = pathlib.Path(tempfile.mkdtemp(prefix="nncheck-control-"))
    try:
        work, home, temporary = private / "work", private / "home", private / "tmp"
        for folder in (work, home, temporary):
            folder.mkdir()
        try:
            copy, copied, skipped = private_copy(script, work)
        except OSError as error:
            return ChildResult("unreadable", {"detail": f"it could not be copied: {error}"})
        before = _listing(work)
        result_path = control / "result.json"
        command = [sys.executable, str(CHILD), arguments[0], str(copy), str(result_path),
                   str(private), *arguments[1:]]
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                    "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1",
                    "PYTHONIOENCODING": "utf-8", "HOME": str(home), "TMPDIR": str(temporary),
                    "MPLCONFIGDIR": str(home / ".matplotlib"),
                    "XDG_CACHE_HOME": str(home / ".cache"), "XDG_CONFIG_HOME": str(home / ".config")})
        tasks = _user_tasks() if sys.platform.startswith("linux") and os.geteuid() != 0 else None
        start = time.perf_counter()
        posix = os.name == "posix"
        process = subprocess.Popen(
            command, cwd=str(work), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
            start_new_session=posix, preexec_fn=_limits(memory, timeout, tasks) if posix else None,
        )
        out, err, finished = _collect(process, timeout)
        seconds = time.perf_counter() - start
        wrote = sorted(name for name, stamp in _listing(work).items() if before.get(name) != stamp)
        sandbox = {"copied": copied, "skipped": skipped, "wrote": wrote}
        if not finished:
            _kill(process)
            process.wait()
            return ChildResult("timeout", {"timeout": timeout}, out, err, seconds, **sandbox)
        try:
            with open(result_path, encoding="utf-8") as handle:
                data = json.load(handle)
            if not isinstance(data, dict):
                raise ValueError("not a result")
        except (OSError, ValueError):
            memory_hint = "MemoryError" in err or process.returncode in (-9, 137)
            status = "memory" if memory_hint else "killed"
            return ChildResult(status, {"returncode": process.returncode}, out, err, seconds, **sandbox)
        return ChildResult(str(data.get("status", "finished")), data, out, err, seconds,
                           layers=[str(layer) for layer in data.get("layers", [])], **sandbox)
    finally:
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(control, ignore_errors=True)


def _collect(process: subprocess.Popen, timeout: float) -> tuple[str, str, bool]:
    """The child's stdout and stderr (the first and last OUTPUT_LIMIT / 2 bytes of each: a
    script may print without end), and whether it ended within `timeout`."""
    import selectors
    import time

    if os.name != "posix":  # pipes cannot be selected on Windows: all of it, then cut
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            return "", "", False
        return _text(out[-OUTPUT_LIMIT:]), _text(err[-OUTPUT_LIMIT:]), True
    kept = {process.stdout: [bytearray(), bytearray()], process.stderr: [bytearray(), bytearray()]}
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        for stream in kept:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return _joined(kept[process.stdout]), _joined(kept[process.stderr]), False
            for key, _ in selector.select(min(remaining, 0.5)):
                chunk = os.read(key.fileobj.fileno(), 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                head, tail = kept[key.fileobj]
                room = OUTPUT_LIMIT // 2 - len(head)
                head += chunk[:max(room, 0)]
                tail += chunk[max(room, 0):]
                del tail[:-(OUTPUT_LIMIT // 2)]
    try:
        process.wait(max(deadline - time.monotonic(), 0.1))
    except subprocess.TimeoutExpired:
        return _joined(kept[process.stdout]), _joined(kept[process.stderr]), False
    return _joined(kept[process.stdout]), _joined(kept[process.stderr]), True


def _joined(parts: list) -> str:
    head, tail = parts
    return _text(bytes(head) + (b"\n...\n" if tail and len(head) >= OUTPUT_LIMIT // 2 else b"") + bytes(tail))


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


def describe_sandbox(result: ChildResult) -> list[str]:
    """What the sandbox refused, what the script wrote in its private folder, and what the
    sandbox was."""
    lines = [f"  the sandbox refused: {attempt}" for attempt in result.blocked]
    if result.wrote:
        shown = ", ".join(result.wrote[:8]) + (f" and {len(result.wrote) - 8} more" if len(result.wrote) > 8 else "")
        lines.append(f"  it wrote in its private folder (deleted since): {shown}")
    files, size = result.copied
    if files:
        copied = f"a private copy of its folder ({files} {'file' if files == 1 else 'files'}, {_size(size)}"
        copied += f"; {result.skipped} left out, over the limits)" if result.skipped else ")"
        guards = ", ".join(result.layers) if result.layers else "no confinement could be applied"
        lines.append(f"  sandbox: {copied}; {guards}; at most {MEMORY_LIMIT // 1024 ** 3} GiB of "
                     f"memory and {FILE_LIMIT // 1024 ** 2} MiB per file written")
    return lines


def _size(count: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count} bytes"


def describe_run(result: ChildResult, findings, script: pathlib.Path) -> list[str]:
    head = f"Running {script.name} itself (--run: a sandboxed subprocess, {result.seconds:.1f} s)"
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
    lines.extend(describe_sandbox(result))
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
    from nncheck.budget import Budget, BudgetExceeded, guard
    from nncheck.model import NetworkModel
    from nncheck.model.parse import SyntaxProblem, Unparsed, parse

    budget = Budget()
    parsed = parse(text, budget=budget)
    if isinstance(parsed, Unparsed):
        return GradcheckPlan(f"nncheck did not read its network: {parsed.reason}")
    if isinstance(parsed, SyntaxProblem):
        return GradcheckPlan("the script does not parse")
    try:
        with guard(budget):
            model = NetworkModel.build(parsed, path=path, source=text, budget=budget)
            return _plan(model)
    except (BudgetExceeded, RecursionError, MemoryError):
        return GradcheckPlan("reading its network took more than nncheck's budget per file")
    except Exception:  # noqa: BLE001 - the watchdog's exception may surface as another one
        if budget.exceeded is None:
            raise
        return GradcheckPlan("reading its network took more than nncheck's budget per file")


def _plan(model) -> GradcheckPlan:
    import libcst as cst

    from nncheck.model.values import code as code_of

    if not model.updates:
        return GradcheckPlan("no parameter update (`W -= ...`, `W += ...`, `W = W - ...`) was "
                             "found")
    errors = [e for e in model.errors if e.source is not None and e.is_difference]
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
    lines = ["Gradient check (--gradcheck: one update on the script's own data, in a sandboxed "
             "subprocess)"]
    plan = report.plan
    if plan.problem is not None:
        lines.append(f"  not possible: {plan.problem}.")
        return lines
    result = report.result
    lines.append(f"  loss assumed: {plan.loss_text}")
    lines.extend(f"  the sandbox refused: {attempt}" for attempt in result.blocked)
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
