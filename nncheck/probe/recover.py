"""Recover a user's network from the static model, for `nncheck --demo SCRIPT`.

Nothing of the script runs here. The data comes from the script's own data-preparation
statements, evaluated by `nncheck.probe.evaluate` (literal arrays, `np.random` with its seed,
arithmetic, reshapes, slicing, small helper functions); the architecture from the model:

* the output is what the script compares with the labels (`model.errors`); walking back from
  it through activations (`model.applications`) and dense layers (`model.layers`) gives the
  layers in order, down to the input data;
* each layer's size comes from its weights' shape, its activation from the classified function
  (sigmoid, tanh, ReLU, leaky ReLU and its slope, softmax, or none);
* the learning rate is the product of the numeric factors of the weight update (following
  names into their definitions, so `W -= lr * dW` with `dW = X.T @ d / m` gives lr / m with a
  summed loss, the same arithmetic as lr with a mean);
* the epochs come from the `range(...)` of the loop that, directly or through calls, performs
  the updates; the seed from `np.random.seed(k)` / `default_rng(k)`;
* the loss: the error `y - out` times the output activation's derivative is (half) squared
  error; with no derivative factor, a sigmoid/softmax output means the fused cross-entropy
  delta and an identity output squared error.

Every static finding is mapped to the reference network's `Bug` toggle that reproduces it, on
the layer it was reported on; "fixed" clears the toggles and applies the fixes that change the
architecture (a sigmoid or softmax output for NN101/NN102). What cannot be recovered is said in
`Recovery.missing`, one sentence each, and then nothing is trained.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

import libcst as cst
import numpy as np

from nncheck.model.values import ClassInfo, Scope, call_name, code
from nncheck.probe.evaluate import (
    MAX_FILE_BYTES,
    NUMPY,
    OS,
    DataFiles,
    Evaluator,
    Function,
    Unknown,
    assigned_names,
)
from nncheck.probe.network import ACTIVATION_ITSELF, DERIVATIVES, Bug, NetworkSpec

MAX_EPOCHS = 5000  # the demo trains at most this many epochs (said when it cuts)
MAX_WORK = 3e7  # epochs * samples * weights: beyond this, fewer epochs (said too)
MAX_STEPS = 20000  # updates in one run (mini-batch and per-sample training)
DEFAULT_EPOCHS = 1000
DEFAULT_LEARNING_RATE = 0.5

KINDS = {"sigmoid", "tanh", "relu", "leaky_relu", "softmax", "identity"}

# Findings whose mistake the reference network reproduces, by toggle.
_SIMPLE = {
    "NN103": Bug.ARRAY_TRUTH_VALUE,
    "NN104": Bug.SOFTMAX_OVER_BATCH,
    "NN203": Bug.GRADIENT_SIGN,
    "NN204": Bug.BIAS_GRADIENT_LIKE_WEIGHTS,
    "NN205": Bug.MISSING_ACTIVATION_DERIVATIVE,
    "NN208": Bug.RELU_MASK_ON_UPSTREAM,
    "NN209": Bug.BIAS_GRADIENT_SUMMED_OVER_ALL,
    "NN301": Bug.BIAS_SHAPED_LIKE_WEIGHTS,
    "NN302": Bug.BIAS_INSIDE_PRODUCT,
    "NN304": Bug.SYMMETRIC_INIT,
    "NN105": Bug.UNSTABLE_SOFTMAX,
    "NN206": Bug.DERIVATIVE_OF_ERROR,
    "NN210": Bug.DEAD_HIDDEN_DELTA,
    "NN212": Bug.FUSED_TIMES_DERIVATIVE,
    "NN213": Bug.STALE_WEIGHTS,
    "NN214": Bug.ACCUMULATED_GRADIENT,
    "NN504": Bug.UNPAIRED_SHUFFLE,
}
# Toggles about the whole training step rather than one layer.
_GLOBAL = {Bug.ARRAY_TRUTH_VALUE, Bug.GRADIENT_SIGN, Bug.SYMMETRIC_INIT, Bug.DEAD_HIDDEN_DELTA,
           Bug.STALE_WEIGHTS, Bug.ACCUMULATED_GRADIENT, Bug.UNPAIRED_SHUFFLE}
# Toggles that only exist at the output layer.
_AT_OUTPUT = {Bug.DERIVATIVE_OF_ERROR, Bug.FUSED_TIMES_DERIVATIVE}
# Findings that do not change the arithmetic of training (said, not reproduced).
NO_EFFECT = {
    "NN401": "a progress figure, not the gradient",
    "NN402": "the printed loss, not the gradient",
    "NN403": "the accuracy the script prints",
    "NN405": "the accuracy the script prints",
    "NN501": "a NameError when that line runs; the demo trains as if `self.` were there",
}


@dataclass(frozen=True)
class Finding:
    code: str
    line: int
    message: str = ""


@dataclass
class Recovery:
    """What the demo recovered from a script, and what it could not."""

    X: np.ndarray | None = None
    y: np.ndarray | None = None
    written: NetworkSpec | None = None
    fixed: NetworkSpec | None = None
    facts: list[str] = field(default_factory=list)  # what was recovered, one line each
    notes: list[str] = field(default_factory=list)  # assumptions the demo made
    missing: list[str] = field(default_factory=list)  # why nothing can be trained
    # (what differs between the runs, the finding code it comes from)
    differences: list[tuple[str, str]] = field(default_factory=list)
    not_reproduced: list[tuple[str, str]] = field(default_factory=list)  # (code, why)
    crashes: bool = False  # NN103: the as-written code raises on the first array
    sample_divided: bool = False  # the update divides by the sample count (a mean loss)
    # The finding each toggle reproduces, when it is not the toggle's own code (an NN202
    # derivative evaluated at the output also needs the NN201 toggle).
    origins: dict = field(default_factory=dict)
    epochs_written: int | None = None
    batch_size: int | None = None  # samples per update, None: the whole data set
    one_sample_steps: bool = False  # each pass of the training loop takes one sample
    divisors: list = field(default_factory=list)  # numbers the update divides by
    shuffle: bool = False
    synthetic: bool = False  # the labels are the demo's own, with the script's shapes
    synthetic_inputs: bool = False  # and so are the inputs
    # The inputs the fixed run trains on when a fix changes them (NN108: standardised).
    fixed_X: np.ndarray | None = None
    # The numeric factors and divisors of the expression the error term is part of, when the
    # update does not reach it through names (a stack of layer objects passes it back by calls).
    error_factor: tuple | None = None

    @property
    def ok(self) -> bool:
        return not self.missing and self.written is not None


# --------------------------------------------------------------------------------------------
# The module's data, evaluated statement by statement
# --------------------------------------------------------------------------------------------


def _complete(reason: str) -> Unknown:
    """An Unknown whose sentence already says where the value comes from."""
    unknown = Unknown(reason)
    unknown.complete = True
    return unknown


class ModuleData:
    """Module-level names and their values (or the Unknown saying why not), computed by running
    the module's statements through the restricted evaluator, in order. Loops, classes and
    functions that train are never run; after one of them, np.random draws are refused (the
    random state is no longer known)."""

    def __init__(self, source: str, training_functions: dict[str, str],
                 files: DataFiles | None = None, path: str | None = None) -> None:
        self.env: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        self.training_functions = training_functions
        self.files = files
        self.evaluator = Evaluator(blocked_calls=self._blocked, files=files)
        if files is not None and path is not None:
            self.env["__file__"] = str(path)
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return
        self._run_block(tree.body)

    def _blocked(self, name: str) -> str | None:
        return self.training_functions.get(name)

    def _run_block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self._statement(statement)

    def _statement(self, statement: ast.stmt) -> None:
        ev = self.evaluator
        ev.steps = 0
        line = statement.lineno
        text = _short(ast.unparse(statement).splitlines()[0] if not isinstance(
            statement, (ast.For, ast.While, ast.If, ast.With, ast.Try)) else
            ast.unparse(statement).splitlines()[0].rstrip(":"))
        if isinstance(statement, ast.Import):
            for alias in statement.names:
                name = alias.asname or alias.name.split(".")[0]
                if alias.name == "numpy":
                    self.env[name] = NUMPY
                elif alias.name in ("os", "os.path") and self.files is not None:
                    self.env[name] = OS
                else:
                    self.env[name] = _complete(
                        f"the module {alias.name}, imported at line {line}, which nncheck "
                        "does not run")
            return
        if isinstance(statement, ast.ImportFrom):
            for alias in statement.names:
                name = alias.asname or alias.name
                self.env[name] = _complete(
                    f"`{alias.name}`, imported from {statement.module} at line {line}, which "
                    "nncheck does not run")
            return
        if isinstance(statement, ast.FunctionDef):
            self.env[statement.name] = Function(statement, self.env)
            return
        if isinstance(statement, ast.ClassDef):
            self.env[statement.name] = _complete(
                f"the class {statement.name} (line {line}), which the demo does not run")
            return
        if isinstance(statement, ast.If) and _is_main_guard(statement.test):
            self._run_block(statement.body)
            return
        if isinstance(statement, ast.If):
            try:
                branch = statement.body if ev.eval(statement.test, self.env) else statement.orelse
            except Unknown as why:
                self._unknown(statement, f"`{text}` (line {line}), which nncheck does not "
                                         f"evaluate ({why})")
                return
            self._run_block(branch)
            return
        if isinstance(statement, (ast.For, ast.While, ast.With, ast.Try, ast.AsyncFor,
                                  ast.AsyncWith)):
            kind = "a loop" if isinstance(statement, (ast.For, ast.While, ast.AsyncFor)) else \
                "a block"
            self._unknown(statement, f"{kind} at line {line} (`{text}`), which the demo does "
                                     "not run", keep_known=True)
            # `X[rows] = ...` in the loop fills an array made before it (np.empty, np.zeros):
            # its values before the loop are not the data.
            for name in _filled_names(statement):
                if isinstance(self.env.get(name), np.ndarray):
                    self.env[name] = _complete(f"{_FILLED} {kind} at line {line} "
                                               f"(`{text}`), which the demo does not run")
            return
        try:
            ev.execute(statement, self.env)
        except Unknown as why:
            if isinstance(statement, ast.Expr) and _is_print(statement.value):
                return
            reason = str(why)
            if getattr(why, "complete", False):
                reason = f"`{text}` (line {line}), which uses {reason}"
            else:
                reason = f"`{text}` (line {line}), which nncheck does not evaluate ({reason})"
            self._unknown(statement, reason)
            return
        for name in assigned_names(statement):
            self.lines[name] = line

    def _unknown(self, statement: ast.stmt, reason: str, keep_known: bool = False) -> None:
        for name in assigned_names(statement):
            if keep_known and name in self.env and not isinstance(self.env[name], Unknown):
                continue  # a loop starts from the values set before it: the initial state
            self.env[name] = _complete(reason)
            self.lines[name] = statement.lineno
        if any(isinstance(node, ast.Call) and not _is_print(node) and not _is_numpy_call(node)
               for node in ast.walk(statement)):
            if self.evaluator.tainted is None:
                self.evaluator.tainted = f"line {statement.lineno}"

    def value(self, name: str) -> Any:
        if name not in self.env:
            raise Unknown(f"'{name}', which is not defined at module level")
        value = self.env[name]
        if isinstance(value, Unknown):
            raise value
        return value


_FILLED = "values filled in by"


def _filled_names(statement: ast.stmt) -> set[str]:
    """Names whose elements a statement's body assigns with a plain `=` (`X[i] = ...`)."""
    names = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.Assign):
            read = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
            for target in node.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                        and target.value.id not in read:  # not a step `W[i] = W[i] - ...`
                    names.add(target.value.id)
    return names


def _is_main_guard(test: ast.expr) -> bool:
    return (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__")


def _is_print(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        isinstance(node.func, ast.Name) and node.func.id == "print"
        or isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
        and node.func.value.id in ("plt", "pyplot")
    )


def _is_numpy_call(node: ast.Call) -> bool:
    func = node.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in ("np", "numpy")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# Values inside functions and classes: names followed through the model's definitions
# --------------------------------------------------------------------------------------------


class _SelfRef:
    """`self` inside a method: attributes resolve through the class's assignments."""

    def __init__(self, values: "Values", scope: Scope, depth: int) -> None:
        self.values, self.scope, self.depth = values, scope, depth

    def nncheck_attribute(self, name: str) -> Any:
        node = cst.Attribute(value=cst.Name(self.scope_self()), attr=cst.Name(name))
        return self.values.of(node, self.scope, self.depth + 1)

    def scope_self(self) -> str:
        walker = self.scope
        while walker is not None and walker.self_name is None:
            walker = walker.parent
        return walker.self_name if walker is not None else "self"


class Values:
    """The value of an expression anywhere in the script, or Unknown."""

    def __init__(self, model, data: ModuleData) -> None:
        self.model = model
        self.data = data

    def of(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0, seed: int = 12345):
        if depth > 12:
            raise Unknown("a chain of definitions too long to follow")
        if expr in self.model.builder.synthetic:
            # A stand-in the model made for what a call returns (`X, y = make_moons(200)` gives
            # arrays of the right shapes): its shape is known, its numbers are not.
            raise Unknown(f"`{code(self.model.builder.synthetic[expr])}`, which nncheck does not run")
        key = self.model.key(expr, scope)
        if key is not None and key[0] == "global" and isinstance(expr, cst.Name):
            try:
                return self.data.value(expr.value)
            except Unknown as why:
                if str(why).startswith(_FILLED):
                    raise  # its definition is a placeholder the loop fills in
                # Assigned only inside the training loop (`l0 = X`): its definitions, when
                # they can be evaluated before training.
                try:
                    return self._key_value(key, expr, scope, depth, seed)
                except Unknown:
                    raise why from None
        if key is not None and key[0] == "item":
            # params["W1"]: index the dict the base holds, when it can be computed.
            try:
                return self._evaluate(expr, scope, depth, seed)
            except Unknown:
                pass
        if key is not None and key[0] != "global":
            return self._key_value(key, expr, scope, depth, seed)
        return self._evaluate(expr, scope, depth, seed)

    def _evaluate(self, expr, scope: Scope, depth: int, seed: int):
        try:
            node = ast.parse(code(expr), mode="eval").body
        except SyntaxError:
            raise Unknown(f"`{code(expr)}`") from None
        if scope.is_module:
            # A module-level expression evaluated after the fact: its draws use a scratch
            # generator so they never disturb the data.
            evaluator = Evaluator(lookup=self.data.value, rng=np.random.RandomState(seed),
                                  seeded=seed)
            return evaluator.eval(node, {})
        evaluator = Evaluator(lookup=lambda name: self._name(name, scope, depth, seed),
                              rng=np.random.RandomState(seed), seeded=seed)
        return evaluator.eval(node, {})

    def _name(self, name: str, scope: Scope, depth: int, seed: int) -> Any:
        walker = scope
        while walker is not None and walker.self_name is None and not walker.is_module:
            walker = walker.parent
        if walker is not None and walker.self_name == name:
            return _SelfRef(self, scope, depth)
        return self.of(cst.Name(name), scope, depth + 1, seed)

    def _key_value(self, key, expr, scope: Scope, depth: int, seed: int) -> Any:
        defs = [d for d in self.model.defs(key) if d.value is not None and d.augmented is None]
        problem: Unknown | None = None
        for definition in defs:
            try:
                return self.of(definition.value, definition.scope, depth + 1, seed)
            except Unknown as why:
                problem = problem or why
        if key[0] == "local" and isinstance(key[1].node, cst.FunctionDef):
            default = _param_default(key[1].node, key[2])
            if default is not None:
                return self.of(default, self.model.module_scope, depth + 1, seed)
        if problem is not None:
            raise problem
        if key[0] == "local" and isinstance(key[1].node, cst.FunctionDef) \
                and key[2] in key[1].params:
            raise Unknown(f"'{key[2]}', a parameter of {key[1].node.name.value}() whose call "
                          "nncheck cannot follow")
        raise Unknown(f"'{code(expr)}', whose value nncheck cannot follow")


def _param_default(function: cst.FunctionDef, name: str) -> cst.BaseExpression | None:
    for param in list(function.params.params) + list(function.params.kwonly_params):
        if param.name.value == name and param.default is not None:
            return param.default
    return None


# --------------------------------------------------------------------------------------------
# The recovery
# --------------------------------------------------------------------------------------------


@dataclass
class _Layer:
    layer: Any  # model Layer
    application: Any | None  # model Application, None for no activation
    kind: str
    alpha: float | None
    n_in: int = 0
    n_out: int = 0
    weight_rms: float = 1.0
    bias_random: bool = False
    bias_shape: tuple | None = None
    lines: set = field(default_factory=set)
    # The script's own starting values (rows layout), when they could be computed.
    initial_W: np.ndarray | None = None
    initial_b: np.ndarray | None = None
    # The starting values of a layer unrolled from a loop over the weights (else evaluated
    # from the layer's own weight and bias expressions).
    weight_value: np.ndarray | None = None
    bias_value: np.ndarray | None = None


def recover(model, source: str, findings: Iterable[Finding], data_file=None) -> Recovery:
    """data_file: a file (`--data`) the script's loads of a file of that name read instead."""
    findings = list(findings)
    result = Recovery()
    try:
        _recover(model, source, findings, result, data_file)
    except Unknown as why:
        result.missing.append(str(why))
    except (RecursionError, MemoryError, ArithmeticError, LookupError, TypeError,
            ValueError, AttributeError) as error:
        # A gap in the recovery, not in the user's script: say so, train nothing.
        result.missing.append(f"nncheck failed while reading the network ({type(error).__name__}:"
                              f" {error}; please report this)")
    return result


def _training_functions(model) -> dict[str, str]:
    found = {}
    for update in model.updates:
        scope = update.scope
        while scope is not None and not scope.is_module:
            if isinstance(scope.node, cst.FunctionDef) and scope.parent is not None \
                    and scope.parent.is_module:
                name = scope.node.name.value
                found[name] = (f"`{name}(...)` (line {model.line(scope.node)}) trains the "
                               "network, which the demo does not run")
            scope = scope.parent
    return found


def _recover(model, source: str, findings: list[Finding], out: Recovery,
             data_file=None) -> None:
    import pathlib

    script = pathlib.Path(model.path) if model.path else None
    folder = script.parent if script is not None and script.is_file() else None
    files = DataFiles(folder, data_file) if folder is not None or data_file is not None \
        else None
    data = ModuleData(source, _training_functions(model), files,
                      str(script.resolve()) if folder is not None else None)
    values = Values(model, data)

    # -- the layers, from the output back to the input ----------------------------------------
    # A network kept as a list of layer objects, run by a loop (`for layer in layers:`): the
    # model's stack of objects gives the layers in order (following the products back from the
    # error would see one object's layer only).
    from nncheck.probe.stack import stack_chain

    inputs = None
    stacked: Unknown | None = None
    try:
        found = stack_chain(model, values, _Layer, KINDS, out)
    except Unknown as why:
        found, stacked = None, why
    if found is not None:
        chain, labels, labels_scope, inputs, error = found
        for item in chain:
            item.lines = _layer_lines(model, item)
        statement = model.statement_of(error.node)
        assigned = getattr(statement, "value", None) if isinstance(statement, cst.Assign) \
            else None
        if assigned is not None and assigned is not error.node:
            # `g = 2 * (h - y) / len(X)`: the factors of the signal the layers pass back
            divisors: list = []
            out.error_factor = (abs(_scale_of(model, values, assigned, error.scope,
                                              divisors=divisors)), divisors)
    else:
        try:
            chain, labels, labels_scope, error = _chain(model)
            chain = _unrolled(model, values, chain, out)
        except Unknown:
            if stacked is not None:
                raise stacked from None
            raise
    if out.error_factor is None:
        out.error_factor = _divided_in_place(model, values, error)

    X, y = _training_data(model, values, chain, labels, labels_scope, findings, out, inputs)
    try:
        _size_layers(values, chain, X, y)
    except Unknown:
        # `dscores[np.arange(n), y] -= 1`: the labels are class indices, one per sample.
        one_hot = _class_indices(model, labels, y, chain[-1].n_out) if error.indexed else None
        if one_hot is None:
            raise
        y = out.y = one_hot
        out.notes.append(f"the labels {_origin_name(model, labels, labels_scope)} are class "
                         f"indices (`{code(error.node)}`): trained as one-hot rows")
    no_bias = [i for i, item in enumerate(chain) if item.layer.bias is None]
    if no_bias and len(no_bias) != len(chain):
        raise Unknown(
            "some layers have a bias and others ("
            + ", ".join(f"'{code(chain[i].layer.weight)}'" for i in no_bias)
            + ") do not; the reference network has biases in every layer or in none")

    hidden_kind, alpha = _activations(chain)
    output = chain[-1]
    base, loss, seed = _reference_spec(model, values, chain, out, X, hidden_kind, alpha, no_bias)

    # -- the findings, as toggles ----------------------------------------------------------------
    t = _Toggles(output=output.kind, loss=loss, hidden=hidden_kind,
                 layer_bugs=[set() for _ in chain])
    for finding in findings:
        _toggle(t, finding, model, chain, loss, X, y, out)
    written, fixed = _runs(t, base, model, chain, hidden_kind, out)
    _describe(model, values, chain, X, y, (labels, labels_scope), findings, files, data, seed,
              written, out)


def _training_data(model, values, chain, labels, labels_scope, findings, out, inputs=None):
    """The inputs and labels as rows: the script's own where the demo can compute them, else
    data synthesised with the shapes it knows (and a note that says so). `inputs`: the
    expression and scope that hold the inputs, when they are not the first layer's own input."""
    first = chain[0].layer
    layout = first.layout
    problem: Unknown | None = None
    input_expr, input_scope = inputs if inputs is not None else (first.input, first.scope)
    try:
        X = _data(values, input_expr, input_scope, "inputs", out.notes)
        if X.ndim == 1:
            X = X.reshape(-1, 1) if layout == "rows" else X.reshape(1, -1)
        if layout == "columns":
            X = X.T
    except Unknown as why:
        X, problem = None, why
    try:
        y = _data(values, labels, labels_scope, "labels", out.notes)
        if y.ndim == 1:
            y = y.reshape(-1, 1) if layout == "rows" else y.reshape(1, -1)
        if layout == "columns":
            y = y.T
    except Unknown as why:
        y, problem = None, problem or why
    if problem is None and y.ndim == 2 and len(y) == 1:
        # One sample, as a step that picks one (`training_data[np.random.randint(4)]`) sees it:
        # neither a data set to train on nor evidence that the labels are constant.
        problem = _complete(
            f"the labels {_origin_name(model, labels, labels_scope)} evaluate to a single "
            "sample (the script feeds one sample per step, and the demo does not rebuild the "
            "data set it is drawn from)")
        X = None
        out.one_sample_steps = True
    if problem is not None:
        X, y = _synthesised(model, values, chain, labels, labels_scope, findings, X, problem,
                            out)
    if X.ndim != 2 or y.ndim != 2:
        raise Unknown(f"the data has shapes {X.shape} and {y.shape}; the demo needs 2-D arrays")
    if len(X) != len(y):
        raise Unknown(f"the inputs ({len(X)} samples) and the labels ({len(y)} samples) do not "
                      "pair up")
    if not (np.issubdtype(X.dtype, np.number) and np.issubdtype(y.dtype, np.number)):
        raise Unknown("the data is not numeric")
    X = X.astype(float)
    y = y.astype(float)
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise Unknown("the data holds NaN or infinite values")
    if y.size and np.all(y == y.flat[0]):
        # Training on one constant target teaches nothing and would look like a success.
        raise Unknown(f"the labels {_origin_name(model, labels, labels_scope)} are all "
                      f"{y.flat[0]:g}: nothing to learn")
    out.X, out.y = X, y
    return X, y


def _size_layers(values, chain, X, y) -> None:
    """Each layer's sizes, starting weights and bias, checked against the data's columns."""
    previous = X.shape[1]
    for item in chain:
        weight = item.weight_value if item.weight_value is not None else \
            _weight_value(values, item.layer)
        if weight.ndim != 2:
            raise Unknown(f"the weights '{code(item.layer.weight)}' are not a matrix "
                          f"(shape {weight.shape})")
        n_in, n_out = weight.shape if item.layer.layout == "rows" else weight.shape[::-1]
        if n_in != previous:
            raise Unknown(f"the weights '{code(item.layer.weight)}' have shape {weight.shape}, "
                          f"which does not take {previous} inputs")
        item.n_in, item.n_out = int(n_in), int(n_out)
        if item.weight_value is not None:
            item.weight_rms = float(np.sqrt(np.mean(np.asarray(weight, dtype=float) ** 2)))
        else:
            try:
                item.weight_rms = _rms(values, item.layer.weight, item.layer.scope)
            except Unknown:
                # Redrawing failed (the name is rebound in the training loop): the one value
                # that was computed gives the scale.
                item.weight_rms = float(np.sqrt(np.mean(np.asarray(weight, dtype=float) ** 2)))
        if np.issubdtype(weight.dtype, np.number):
            item.initial_W = weight if item.layer.layout == "rows" else weight.T
        if item.weight_value is not None:
            bias = item.bias_value
            if bias is not None and np.issubdtype(bias.dtype, np.number):
                item.bias_shape = tuple(bias.shape)
                item.bias_random = bool(np.any(bias))
                item.initial_b = bias if item.layer.layout == "rows" or bias.ndim != 2 \
                    else bias.T
        elif item.layer.bias is not None:
            try:
                item.bias_random = _rms(values, item.layer.bias, item.layer.scope) > 0
                bias = np.asarray(values.of(item.layer.bias, item.layer.scope))
                item.bias_shape = tuple(bias.shape)
                if np.issubdtype(bias.dtype, np.number):
                    item.initial_b = bias if item.layer.layout == "rows" or bias.ndim != 2 \
                        else bias.T
            except Unknown:
                item.bias_random = False
        previous = item.n_out
    if y.shape[1] != chain[-1].n_out:
        raise Unknown(f"the output layer has {chain[-1].n_out} units but the labels have "
                      f"{y.shape[1]} columns")


def _activations(chain) -> tuple[str, float]:
    """The hidden activation (the reference network has one) and the leaky slope."""
    hidden = {(c.kind, c.alpha) for c in chain[:-1]}
    if len(hidden) > 1:
        raise Unknown("the hidden layers use different activations ("
                      + ", ".join(sorted(k for k, _ in hidden))
                      + "); the reference network has one hidden activation")
    hidden_kind, hidden_alpha = hidden.pop() if hidden else (chain[-1].kind, chain[-1].alpha)
    output = chain[-1]
    alpha = hidden_alpha if hidden_kind == "leaky_relu" else output.alpha
    if alpha is None:
        alpha = 0.01
    return hidden_kind, alpha


def _reference_spec(model, values, chain, out, X, hidden_kind, alpha, no_bias):
    """The reference network as the script trains it: loss, learning rate and reduction, epochs
    (capped by the time budget, with a note), batches, seed and starting weights."""
    output = chain[-1]
    loss, loss_note = _loss(model, output)
    if loss_note:
        out.notes.append(loss_note)
    # `step` is the product of the update's numeric factors, divisions by counts it could
    # evaluate included: a mean over n samples is the summed gradient times lr / n.
    step = _learning_rate(model, values, chain, out, len(X))
    epochs_written = _epochs(model, values, out, chain)
    divisors = out.divisors
    batch_count = out.batch_size if out.batch_size is not None and out.batch_size < len(X) \
        else len(X)
    if batch_count in divisors and batch_count > 1:
        reduction, lr = "mean", step * batch_count
    elif batch_count != len(X) and len(X) in divisors:
        reduction, lr = "sum", step  # mini-batches, each divided by the whole set's size
    elif SAMPLE_COUNT in divisors:
        reduction, lr = "mean", step  # divided by a count the demo could not evaluate
    else:
        reduction, lr = "sum", step
    out.epochs_written = epochs_written
    seed = _seed(model)
    epochs = epochs_written if epochs_written is not None else DEFAULT_EPOCHS
    if out.one_sample_steps:
        # Each pass of the script's loop is one step on one sample.
        out.batch_size, out.shuffle = 1, True
        if epochs_written is not None:
            epochs = max(1, epochs_written // len(X))
            out.notes.append(f"the script's {epochs_written} steps of one sample each are "
                             f"{epochs} epochs of the {len(X)} samples")
            epochs_written = epochs
    if epochs_written is None:
        out.notes.append(f"no training loop `for ... in range(N)` found: {DEFAULT_EPOCHS} epochs")
    work_per_epoch = len(X) * sum(c.n_in * c.n_out for c in chain)
    cap = min(MAX_EPOCHS, max(100, int(MAX_WORK / max(work_per_epoch, 1))))
    batch = out.batch_size if out.batch_size is not None and out.batch_size < len(X) else None
    if batch is not None:
        # Each update costs a Python step whatever its size: the budget counts updates too.
        steps = -(-len(X) // batch)
        cap = min(cap, max(20, MAX_STEPS // steps))
    if epochs > cap:
        out.notes.append(f"the script trains {epochs} epochs; the demo runs the first {cap}")
        epochs = cap
    scale = float(np.mean([c.weight_rms for c in chain]))
    task = "auto"

    base = NetworkSpec(
        layers=(X.shape[1], *(c.n_out for c in chain)),
        hidden_activation=hidden_kind,
        output_activation=output.kind,
        loss=loss,
        learning_rate=lr,
        epochs=epochs,
        seed=seed if seed is not None else 0,
        alpha=float(alpha),
        reduction=reduction,
        weight_scale=scale if scale > 0 else 1.0,
        bias_init="randn" if any(c.bias_random for c in chain) else "zeros",
        task=task,
        biases=not no_bias,
        initial=tuple((c.initial_W, c.initial_b) for c in chain),
        batch_size=batch,
        shuffle=out.shuffle and batch is not None,
    )
    return base, loss, seed


@dataclass
class _Toggles:
    """The findings turned into the reference network's switches: the mistakes each layer (or
    the whole run) reproduces as written, and what the fixed run changes."""

    output: str  # the fixed run's output activation
    loss: str  # the fixed run's loss
    hidden: str  # the fixed run's hidden activation
    layer_bugs: list
    bugs_global: set = field(default_factory=set)
    wrong_derivative: str = "sigmoid_output_form"
    seen_codes: set = field(default_factory=set)


def _toggle(t: _Toggles, finding, model, chain, loss, X, y, out) -> None:
    """Turn one finding into a switch of the as-written run or a change of the fixed one; what
    the reference network cannot reproduce is named in `out.not_reproduced`."""
    if finding.code in t.seen_codes and finding.code not in _SIMPLE and \
            finding.code not in ("NN201", "NN202"):
        return
    t.seen_codes.add(finding.code)
    code_ = finding.code
    where = _layers_for(finding, chain, model)
    if _changes_the_network(t, code_, model, chain, loss, X, y, out):
        return
    if code_ in ("NN201", "NN202"):
        _toggle_derivative(t, finding, where, model, chain, out)
        return
    _toggle_simple(t, code_, where, chain, out)


def _changes_the_network(t: _Toggles, code_, model, chain, loss, X, y, out) -> bool:
    """The findings whose fix changes the network, the loss or the data: True when handled."""
    output = chain[-1]
    if code_ == "NN101":
        if output.kind in ("identity", "relu", "leaky_relu") and loss == "mse":
            t.layer_bugs[-1].add(Bug.UNBOUNDED_OUTPUT_BINARY_LABELS)
            t.output = "sigmoid" if output.n_out == 1 else "softmax"
            if not _has_derivative(model, output):
                # The delta stays the plain error: with a sigmoid / softmax output that is
                # the cross-entropy gradient.
                t.loss = "bce" if t.output == "sigmoid" else "cce"
        else:
            out.not_reproduced.append((code_, "the output and loss do not fit the "
                                              "reference network's reproduction"))
        return True
    if code_ == "NN106" and any(item.kind == "softmax" for item in chain[:-1]):
        # The rule's fix names ReLU-family, tanh or sigmoid; tanh cannot die.
        t.hidden = "tanh"
        return True
    if code_ == "NN107" and output.kind in ("sigmoid", "tanh", "softmax"):
        if output.kind == "sigmoid" and y.min() >= -1 and y.max() <= 1:
            t.output = "tanh"  # targets such as {-1, 1}: the range that reaches them
        else:
            t.output, t.loss = "identity", "mse"
        return True
    if code_ == "NN108":
        spread = X.std(axis=0)
        out.fixed_X = (X - X.mean(axis=0)) / np.where(spread > 0, spread, 1.0)
        out.differences.append(("raw inputs → standardised (mean 0, standard deviation "
                                "1 per feature)", code_))
        return True
    if code_ == "NN404":
        if output.kind in ("identity", "relu", "leaky_relu", "tanh"):
            t.layer_bugs[-1].add(Bug.LOG_LOSS_OF_UNBOUNDED)
            # The rule's fix: the matching pair, a sigmoid (one unit) or softmax output
            # with its cross-entropy.
            t.output = "sigmoid" if output.n_out == 1 else "softmax"
            t.loss = "bce" if output.n_out == 1 else "cce"
        else:
            out.not_reproduced.append((code_, "the log loss is on a softmax output (per-unit "
                                              "binary cross-entropy), which the reference "
                                              "network does not compute"))
        return True
    if code_ == "NN102":
        t.output = "sigmoid"
        if loss == "cce":
            t.loss = "bce"  # one unit: the fused delta p - y is the same arithmetic
        return True
    return False


def _toggle_derivative(t: _Toggles, finding, where, model, chain, out) -> None:
    code_ = finding.code
    toggles, name = _derivative_toggles(model, finding, chain)
    if toggles is None:
        out.not_reproduced.append((code_, "the derivative could not be matched to one "
                                          "the reference network knows"))
        return
    for i in (where or range(len(chain))):
        t.layer_bugs[i] |= toggles
    for toggle in toggles:
        out.origins.setdefault(toggle, code_)
    if name is not None:
        t.wrong_derivative = name
    return


def _toggle_simple(t: _Toggles, code_, where, chain, out) -> None:
    bug = _SIMPLE.get(code_)
    if bug is Bug.BIAS_SHAPED_LIKE_WEIGHTS:
        odd = [i for i in (where or range(len(chain)))
               if chain[i].bias_shape is not None
               and tuple(chain[i].bias_shape) != _weight_shape(chain[i])]
        if odd:
            out.not_reproduced.append((code_, f"the bias has shape {chain[odd[0]].bias_shape}"
                                              ", which the reference network cannot hold"))
            return
    if bug is Bug.UNSTABLE_SOFTMAX:
        softmax = [i for i, item in enumerate(chain) if item.kind == "softmax"]
        if not softmax:
            out.not_reproduced.append((code_, "the unstable exp is not a softmax of the "
                                              "reference network (a sigmoid's overflow "
                                              "gives 0 or 1, not NaN)"))
            return
        where = [i for i in (where or softmax) if i in softmax] or softmax
    if bug in _AT_OUTPUT:
        where = [len(chain) - 1]
    if bug is Bug.DEAD_HIDDEN_DELTA and len(chain) < 2:
        out.not_reproduced.append((code_, "the network has no hidden layer"))
        return
    if bug is not None:
        if bug in _GLOBAL:
            t.bugs_global.add(bug)
        elif where:
            for i in where:
                t.layer_bugs[i].add(bug)
        else:
            for i in range(len(chain)):
                t.layer_bugs[i].add(bug)
            out.notes.append(f"{code_} could not be placed on one layer: reproduced on all")
        return
    if code_ in NO_EFFECT:
        out.not_reproduced.append((code_, NO_EFFECT[code_]))
    else:
        out.not_reproduced.append((code_, "the reference network cannot reproduce it; the "
                                          "as-written run leaves it out"))


def _runs(t: _Toggles, base, model, chain, hidden_kind, out):
    """The as-written and the fixed reference networks, and the differences between them."""
    output = chain[-1]
    if Bug.ARRAY_TRUTH_VALUE in t.bugs_global:
        out.crashes = True
        t.bugs_global.discard(Bug.ARRAY_TRUTH_VALUE)
    # An output whose delta has no derivative factor and is not one of the fused pairs (a ReLU
    # or tanh output trained with the plain error): the script's own arithmetic, in both runs
    # unless a fix replaces that output.
    kept: set[Bug] = set()
    if output.kind in ("relu", "leaky_relu", "tanh") and not _has_derivative(model, output) \
            and Bug.MISSING_ACTIVATION_DERIVATIVE not in t.layer_bugs[-1]:
        kept.add(Bug.MISSING_ACTIVATION_DERIVATIVE)
        t.layer_bugs[-1].add(Bug.MISSING_ACTIVATION_DERIVATIVE)
        out.notes = [n for n in out.notes if "no derivative factor on the" not in n]
        out.notes.append(f"the delta of the {_NAMES[output.kind]} output has no derivative "
                         "factor, as in the script")
    written = replace(base, bugs=frozenset(t.bugs_global),
                      layer_bugs=tuple(frozenset(b) for b in t.layer_bugs),
                      wrong_derivative=t.wrong_derivative)
    try:
        written.validate()
    except ValueError as problem:
        raise Unknown(f"the as-written network cannot be reproduced: {problem}") from None
    if t.output != output.kind:
        out.differences.insert(0, (
            f"output activation {_NAMES.get(output.kind, output.kind)} → "
            f"{_NAMES[t.output]}", next(
                (c for c in ("NN101", "NN102", "NN107", "NN404") if c in t.seen_codes),
                "NN102")))
    if t.hidden != hidden_kind:
        out.differences.insert(0, (f"hidden activation {_NAMES[hidden_kind]} → "
                                   f"{_NAMES[t.hidden]}", "NN106"))
    fixed = written.corrected(output_activation=t.output, loss=t.loss,
                              hidden_activation=t.hidden)
    if Bug.SYMMETRIC_INIT in written.all_bugs:
        # The fix is random starting weights: constant ones are drawn instead.
        fixed = fixed.drawn_where_constant()
    if kept and t.output == output.kind:
        fixed = replace(fixed, layer_bugs=tuple(frozenset(kept) if i == len(chain) - 1
                                                else frozenset() for i in range(len(chain))))
    for bug in sorted(written.all_bugs, key=lambda b: (b.code, b.name)):
        if bug is Bug.UNBOUNDED_OUTPUT_BINARY_LABELS:
            continue  # said by the output activation's change
        if bug in kept:
            continue  # in both runs, or replaced with the output activation
        out.differences.append((_BUG_FIX[bug], out.origins.get(bug, bug.code)))
    out.written, out.fixed = written, fixed
    return written, fixed


def _describe(model, values, chain, X, y, labels_at, findings, files, data, seed, written, out):
    """The facts about the data and the notes about what was taken from the script."""
    labels, labels_scope = labels_at
    first = chain[0].layer
    layout = first.layout
    made = " (synthesised by the demo, see the note)"
    inputs_made = out.synthetic and out.synthetic_inputs
    out.facts.append(
        "inputs  " + _describe_data(first.input, X, "rows" if inputs_made else layout,
                                    _origin_name(model, first.input, first.scope))
        + (made if inputs_made else ""))
    out.facts.append(
        "labels  " + _describe_data(labels, y, "rows" if out.synthetic else layout,
                                    _origin_name(model, labels, labels_scope))
        + (made if out.synthetic else ""))
    for finding in findings:
        if finding.code == "NN501":
            out.notes.append(f"the script itself stops with NameError when line {finding.line} "
                             "runs (NN501)")
    if files is not None and files.read_files:
        out.notes.append("the data is read from " + ", ".join(files.read_files)
                         + f" (at most {MAX_FILE_BYTES // 1024 ** 2} MB a file)")
    if data.evaluator.unseeded_draw:
        out.notes.append("the data is drawn from np.random without a seed: the script sees "
                         "different data each run; the demo draws it from seed 0")
    if seed is None:
        out.notes.append("no np.random.seed in the script: the demo uses seed 0")
    own = [i for i, (w, _) in enumerate(written.initial) if w is not None]
    exact = all(_module_level(model, c.layer.weight, c.layer.scope)
                or _fixed_value(values, c) for c in chain)
    if len(own) == len(chain) and exact:
        out.notes.append("weights start at the script's own values (computed from its "
                         "initialisation without running it)")
    elif own:
        out.notes.append(
            "weights start as the script's own initialisation draws them (its distribution and "
            "scale" + ("" if len(own) == len(chain) else
                       f", for {len(own)} of the {len(chain)} layers; the others N(0, "
                       f"{written.weight_scale:.3g}²)")
            + "); the random numbers themselves differ from the script's")
    else:
        out.notes.append(
            "weights start as the reference network's own draws, N(0, "
            f"{written.weight_scale:.3g}²), scaled like the script's; the script's exact "
            "numbers differ")


_NAMES = {"identity": "linear", "relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh",
          "sigmoid": "sigmoid", "softmax": "softmax"}

_BUG_FIX = {
    Bug.UNBOUNDED_OUTPUT_BINARY_LABELS: "0/1 labels fitted by an unbounded output → probabilities",
    Bug.BIAS_SHAPED_LIKE_WEIGHTS: "bias shaped like the weights → one bias per unit, (1, n)",
    Bug.BIAS_INSIDE_PRODUCT: "X @ (W + b) → X @ W + b",
    Bug.BIAS_GRADIENT_LIKE_WEIGHTS: "bias updated with X.T @ delta → delta summed over samples",
    Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION: "derivative f'(a) at the output → f'(z)",
    Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION: "output-form derivative at z → at f(z)",
    Bug.DERIVATIVE_MISMATCH: "another activation's derivative → the activation's own",
    Bug.MISSING_ACTIVATION_DERIVATIVE: "no derivative factor → f'(z) in the delta",
    Bug.GRADIENT_SIGN: "update that climbs the loss → descends it",
    Bug.RELU_MASK_ON_UPSTREAM: "ReLU mask on the upstream gradient → on z",
    Bug.BIAS_GRADIENT_SUMMED_OVER_ALL: "bias gradient summed to a scalar → per unit",
    Bug.SOFTMAX_OVER_BATCH: "softmax over the samples → over each row",
    Bug.SYMMETRIC_INIT: "constant initial weights → random",
    Bug.ARRAY_TRUTH_VALUE: "`if x > 0` on an array → elementwise",
    Bug.UNSTABLE_SOFTMAX: "np.exp of raw logits → of logits minus the row max",
    Bug.DERIVATIVE_OF_ERROR: "derivative of the error → of the activation",
    Bug.DEAD_HIDDEN_DELTA: "hidden delta from the output error → from delta @ W.T",
    Bug.FUSED_TIMES_DERIVATIVE: "(p - y) * f'(p) → p - y",
    Bug.STALE_WEIGHTS: "updates between the deltas → every delta before any update",
    Bug.ACCUMULATED_GRADIENT: "gradient summed over all steps → reset each step",
    Bug.UNPAIRED_SHUFFLE: "two shuffles → one permutation for inputs and labels",
    Bug.LOG_LOSS_OF_UNBOUNDED: "log loss of an unbounded output → of probabilities",
}


def _weight_shape(item: _Layer) -> tuple[int, int]:
    """The weights' shape as the script creates them (the layout decides the order)."""
    return (item.n_in, item.n_out) if item.layer.layout == "rows" else (item.n_out, item.n_in)


def _chain(model) -> tuple[list[_Layer], cst.BaseExpression, Scope, Any]:
    errors = [e for e in model.errors if e.source is not None and e.is_difference]
    if not errors:
        errors = _indexed_errors(model)
    if not errors:
        raise Unknown(_no_error_reason(model))
    error = errors[0]
    chain: list[_Layer] = []
    node = _trained_source(model, error)
    seen = set()
    while node is not None and id(node) not in seen and len(chain) < 10:
        seen.add(id(node))
        if hasattr(node, "behaviour"):  # an Application
            layer = model.layer_of(node.argument, node.scope) or _shifted_layer(model, node)
            if layer is None:
                raise Unknown(
                    f"nncheck does not trace the argument of '{node.name}' (line "
                    f"{model.line(node.node)}) to a product `inputs @ W` whose W it sees "
                    "created and then updated by the training step" + _LIMIT)
            kind = node.behaviour.kind
            if kind not in KINDS:
                raise Unknown(f"the activation '{node.name}' ({node.behaviour.description}) has "
                              "no counterpart in the reference network")
            item = _Layer(layer, node, kind, node.behaviour.alpha)
        else:
            layer = node
            item = _Layer(layer, None, "identity", None)
        chain.insert(0, item)
        node = model.producer(layer.input, layer.scope)
        if node is None:
            for value, _ in model.values(layer.input, layer.scope):
                for application in model.applications:
                    if application.node is value and application.behaviour.kind not in KINDS:
                        raise Unknown(
                            f"the activation '{application.name}' (line "
                            f"{model.line(application.node)}, "
                            f"{application.behaviour.description}) has no counterpart in the "
                            "reference network")
    if len(chain) >= 10:
        raise Unknown("the layers could not be followed back to the input data")

    for item in chain:
        item.lines = _layer_lines(model, item)
    return chain, error.labels, error.scope, error


# Said after each refusal that comes from what nncheck's model cannot follow, so that it is
# never read as a mistake in the script.
_LIMIT = (": a limit of how far nncheck follows the script's values (through lists, loops over "
          "layers, unpacked arguments, objects), not a mistake in the script")


def _shifted_layer(model, application):
    """The layer a softmax of `z - z.max(axis=1, keepdims=True)` is applied to."""
    from nncheck.probe.stack import unshifted_values

    for value, scope in unshifted_values(model, application.argument, application.scope):
        layer = model.layer_of(value, scope)
        if layer is not None:
            return layer
    return None


def _trained_source(model, error):
    """The output the error reads in the training step: of the values its output name can
    hold, the one computed in the loop around the error (`A2 = sigmoid(...)` in the loop, not
    the prediction `A2 = sigmoid(...)` written after training), when that is one."""
    loops = set(_loops_around(model, error.node))
    if not loops:
        return error.source
    inside = []
    for value, scope in model.values(error.output, error.scope):
        try:
            if loops & set(_loops_around(model, value)):
                inside.append((value, scope))
        except KeyError:
            continue
    if len(inside) == 1:
        source = model.producer(*inside[0])
        if source is not None:
            return source
    return error.source


def _loops_around(model, node) -> list:
    found, walker = [], model.parent(node)
    while walker is not None and not isinstance(walker, (cst.FunctionDef, cst.Module)):
        if isinstance(walker, (cst.For, cst.While)):
            found.append(walker)
        walker = model.parent(walker)
    return found


def _indexed_errors(model) -> list:
    """`dscores[np.arange(n), y] -= 1` on a softmax output: the labels are class indices."""
    return [e for e in model.errors if e.indexed and _is_softmax(e.source)]


def _is_softmax(source) -> bool:
    return getattr(source, "behaviour", None) is not None and source.behaviour.kind == "softmax"


def _divided_in_place(model, values: Values, error) -> tuple | None:
    """`dscores /= N` after `dscores[np.arange(N), y] -= 1`: the factor and divisor of the
    signal that the updates reach through the name's first definition only."""
    if not error.indexed:
        return None
    # the name written in place: `dscores` of `dscores = probs.copy()`
    statement = model.statement_of(error.node)
    written = statement.targets[0].target if isinstance(statement, cst.Assign) \
        and len(statement.targets) == 1 else error.output
    key = model.key(written, error.scope)
    if key is None:
        return None
    scale, divisors = 1.0, []
    divisions = [(d.value, d.scope) for d in model.defs(key)
                 if isinstance(d.augmented, cst.DivideAssign) and d.value is not None]
    if not divisions:
        # `return loss, dscores / n`: the signal passed on is the output divided
        divisions = [(node.right, error.scope) for node in model.walk(error.scope.node)
                     if isinstance(node, cst.BinaryOperation)
                     and isinstance(node.operator, cst.Divide)
                     and model.key(node.left, error.scope) == key][:1]
    for value, scope in divisions:
        try:
            number = _numeric(values.of(value, scope))
        except Unknown:
            number = None
        if _size_like(model, value, scope):
            divisors.append(SAMPLE_COUNT)
        if number:
            scale /= number
            divisors.append(number)
    return (scale, divisors) if divisors else None


def _class_indices(model, labels, y: np.ndarray, units: int) -> np.ndarray | None:
    """Integer class labels in one column (`y` indexes the output's columns) as one-hot rows
    for an output of `units` units; None when they are not."""
    if units < 2 or y.ndim != 2 or y.shape[1] != 1 or not np.all(y == np.round(y)):
        return None
    if y.min() < 0 or y.max() >= units:
        return None
    return np.eye(units)[y[:, 0].astype(int)]


def _labels_taken_away(model):
    """`d[np.arange(n), y] -= 1` anywhere in the script (the first), or None."""
    for node in model.builder.scope_of_node:
        if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.SubtractAssign) \
                and isinstance(node.value, cst.Integer) and node.value.value == "1" \
                and isinstance(node.target, cst.Subscript) and len(node.target.slice) == 2:
            rows = node.target.slice[0].slice
            if isinstance(rows, cst.Index) and isinstance(rows.value, cst.Call) \
                    and call_name(rows.value) in ("np.arange", "numpy.arange", "range", "arange"):
                return node
    return None


def _no_error_reason(model) -> str:
    """Why the output and labels could not be told apart, from what the model does see."""
    if not model.updates:
        return ("nncheck sees no update of a weight in the script, so the demo cannot tell "
                "which arrays are the weights, the output and the labels" + _LIMIT)
    if not model.layers:
        lines = sorted({model.line(u.statement) for u in model.updates})
        shown = ", ".join(map(str, lines[:4])) + (", ..." if len(lines) > 4 else "")
        return (f"nncheck sees the updates (line{'s' if len(lines) > 1 else ''} {shown}) but "
                "does not trace the updated arrays to a product `inputs @ W` in the forward "
                "pass, so the demo cannot tell which arrays are the layers" + _LIMIT)
    taken = _labels_taken_away(model)
    if taken is not None:
        return (f"`{code(taken)}` (line {model.line(taken)}) is the gradient of softmax "
                f"cross-entropy, but nncheck does not trace `{code(taken.target.value)}` to a "
                "softmax it recognises" + _LIMIT)
    last = max(model.layers, key=lambda layer: model.line(layer.whole))
    return (f"nncheck sees the layers (the last at line {model.line(last.whole)}) but does not "
            "trace their output to a subtraction from the labels (`y - output` or "
            "`output - y`), so the demo cannot tell which arrays are the output and the labels"
            + _LIMIT)


SYNTHETIC_SAMPLES = 200


def _synthesised(model, values: Values, chain: list[_Layer], labels, labels_scope,
                 findings: list[Finding], X: np.ndarray | None, problem: Unknown,
                 out: Recovery) -> tuple[np.ndarray, np.ndarray]:
    """Data with the shapes the script's weights give, when the script's own data cannot be
    computed: inputs drawn from N(0, 1) (or the script's, when only the labels are unknown),
    labels from a fixed random teacher network of the kind the output and loss call for.
    Raises the original problem when the weights' shapes are unknown too."""
    try:
        first, last = (item.weight_value if item.weight_value is not None
                       else _weight_value(values, item.layer) for item in (chain[0], chain[-1]))
    except Unknown:
        raise problem from None
    if first.ndim != 2 or last.ndim != 2:
        raise problem
    n_in = first.shape[0] if chain[0].layer.layout == "rows" else first.shape[1]
    n_out = last.shape[1] if chain[-1].layer.layout == "rows" else last.shape[0]
    if X is not None and (X.ndim != 2 or X.shape[1] != n_in):
        raise problem
    rng = np.random.default_rng(20261207)
    own_inputs = X is not None
    if X is None:
        X = rng.standard_normal((SYNTHETIC_SAMPLES, n_in))
    scores = np.tanh(np.asarray(X, dtype=float) @ rng.standard_normal((n_in, 8))) \
        @ rng.standard_normal((8, n_out))
    output = chain[-1].kind
    known = model.value_set(labels, labels_scope)
    binary = known is not None and set(known) <= {0, 1, 0.0, 1.0, True, False}
    codes = {f.code for f in findings}
    if output == "softmax" or (n_out > 1 and (binary or "NN101" in codes)
                               and output != "sigmoid"):
        kind, y = "one-hot classes", np.eye(n_out)[np.argmax(scores, axis=1)]
    elif output == "sigmoid" or binary or "NN101" in codes:
        kind, y = "0/1 labels", (scores > np.median(scores, axis=0)).astype(float)
    else:
        y = (scores - scores.mean(axis=0)) / np.where(scores.std(axis=0) > 0,
                                                      scores.std(axis=0), 1.0)
        kind = "real-valued targets"
        if output == "tanh":
            y = 0.8 * y / np.abs(y).max()
            kind += " in (-1, 1)"
    what = "the labels" if own_inputs else "the inputs and labels"
    out.notes.append(
        f"{problem}; so the demo trains on {what} it synthesised instead: "
        + ("" if own_inputs else f"{len(X)} samples of {n_in} features drawn from N(0, 1), ")
        + f"{kind} from a fixed random teacher network. The script's own data would train "
        "differently")
    out.synthetic, out.synthetic_inputs = True, not own_inputs
    return np.asarray(X, dtype=float), y


def _fixed_value(values: Values, item: _Layer) -> bool:
    """The starting weights do not depend on the random draws (np.full, literals, zeros)."""
    try:
        first = np.asarray(values.of(item.layer.weight, item.layer.scope, seed=1))
        second = np.asarray(values.of(item.layer.weight, item.layer.scope, seed=2))
    except Unknown:
        return False
    return first.shape == second.shape and bool(np.array_equal(first, second))


def _unrolled(model, values: Values, chain: list[_Layer], out: Recovery) -> list[_Layer]:
    """A layer computed by one product in a loop over the weights (`for W, b in layers:`)
    becomes one layer per element of the list the loop walks, each with its own starting
    values; the loop's activation applies to all of them."""
    result: list[_Layer] = []
    for item in chain:
        loop = _layer_loop(model, item.layer)
        if loop is None:
            result.append(item)
            continue
        refusal = Unknown(
            f"the layers are computed by one product in a loop over the weights (line "
            f"{model.line(loop)}, `for {code(loop.target)} in {code(loop.iter)}`), whose list "
            "the demo cannot compute: a limit of the demo, not a mistake in the script")
        try:
            elements = values.of(loop.iter, model.scope_of(loop))
        except Unknown:
            raise refusal from None
        if not isinstance(elements, (list, tuple)) or not elements or len(elements) > 12:
            raise refusal
        weight_at, bias_at = _target_positions(loop.target, item.layer)
        for element in elements:
            parts = element if isinstance(element, (list, tuple)) else (element,)
            if weight_at is None or weight_at >= len(parts):
                raise refusal
            W = np.asarray(parts[weight_at])
            b = np.asarray(parts[bias_at]) if bias_at is not None and bias_at < len(parts) \
                else None
            if W.ndim != 2 or not np.issubdtype(W.dtype, np.number):
                raise refusal
            result.append(replace(item, weight_value=W, bias_value=b))
        out.notes.append(f"the loop over the weights at line {model.line(loop)} is unrolled "
                         f"into {len(elements)} layers")
    return result


def _target_positions(target, layer) -> tuple[int | None, int | None]:
    """Where the weight and the bias sit in a loop target (`W, b` gives 0, 1; `W` gives 0)."""
    def name(expr):
        while isinstance(expr, (cst.Subscript, cst.Attribute)):
            expr = expr.value
        return expr.value if isinstance(expr, cst.Name) else None

    weight, bias = name(layer.weight), name(layer.bias) if layer.bias is not None else None
    if isinstance(target, cst.Name):
        return (0 if target.value == weight else None), None
    if isinstance(target, (cst.Tuple, cst.List)):
        names = [e.value.value if isinstance(e.value, cst.Name) else None
                 for e in target.elements]
        return (names.index(weight) if weight in names else None,
                names.index(bias) if bias in names else None)
    return None, None


def _layer_loop(model, layer):
    """The `for` loop whose target is this layer's weight (`for W, b in layers:`), if any."""
    weight = layer.weight
    while isinstance(weight, (cst.Subscript, cst.Attribute)) and not isinstance(weight, cst.Name):
        weight = weight.value
    if not isinstance(weight, cst.Name):
        return None
    walker = model.parent(layer.product)
    while walker is not None and not isinstance(walker, (cst.FunctionDef, cst.Module)):
        if isinstance(walker, cst.For):
            names = {n.value for n in model.walk(walker.target) if isinstance(n, cst.Name)}
            if weight.value in names:
                return walker
        walker = model.parent(walker)
    return None


def _module_level(model, expr, scope: Scope) -> bool:
    """A module-level name: its value comes from the module's statements run in order, with
    the script's own seed, so the numbers are the script's."""
    key = model.key(expr, scope)
    return key is not None and key[0] == "global" and isinstance(expr, cst.Name)


def _per_sample(values: Values, expr, scope: Scope):
    """`xi = X[i]` / `X[i:i+1]` inside a loop over the samples: the whole array X."""
    key = values.model.key(expr, scope)
    defs = [d for d in values.model.defs(key) if d.value is not None] if key else []
    if isinstance(expr, cst.Subscript):
        defs_values = [(expr, scope)]
    else:
        defs_values = [(d.value, d.scope) for d in defs]
    for value, value_scope in defs_values:
        if isinstance(value, cst.Subscript):
            try:
                base = values.of(value.value, value_scope)
            except Unknown:
                continue
            if isinstance(base, np.ndarray) and base.ndim >= 1:
                return base, code(value)
    return None


def _per_sample_base_problem(values: Values, expr, scope: Scope):
    """(the array, why it is unknown) when `expr` is a slice of an array that cannot be
    evaluated."""
    key = values.model.key(expr, scope)
    defs = [d for d in values.model.defs(key) if d.value is not None] if key else []
    pairs = [(expr, scope)] if isinstance(expr, cst.Subscript) else \
        [(d.value, d.scope) for d in defs]
    for value, value_scope in pairs:
        if isinstance(value, cst.Subscript):
            try:
                values.of(value.value, value_scope)
            except Unknown as why:
                return value.value, why
    return None


def _data(values: Values, expr, scope: Scope, role: str, notes: list | None = None) -> np.ndarray:
    try:
        value = values.of(expr, scope)
        if isinstance(value, np.ndarray) and notes is not None:
            pass
    except Unknown as why:
        whole = _per_sample(values, expr, scope)
        if whole is not None:
            if notes is not None:
                notes.append(f"the script feeds the {role} slice by slice (`{whole[1]}`); the "
                             "demo starts from the whole array")
            return whole[0]
        reason = str(why)
        base = _per_sample_base_problem(values, expr, scope)
        if base is not None:
            # `xb = X[rows]` in a loop over batches: what is missing is X itself.
            expr, reason = base[0], str(base[1])
        if reason.startswith("`") or reason.startswith("a loop") or reason.startswith("the "):
            raise Unknown(f"the {role} '{code(expr)}' come from {reason}") from None
        raise Unknown(f"the {role} '{code(expr)}' could not be evaluated: {reason}") from None
    if isinstance(value, (list, tuple)):
        try:
            value = np.asarray(value, dtype=float)
        except (ValueError, TypeError):
            raise Unknown(f"the {role} '{code(expr)}' are not an array") from None
    if not isinstance(value, np.ndarray):
        raise Unknown(f"the {role} '{code(expr)}' are not an array")
    return value


def _weight_value(values: Values, layer) -> np.ndarray:
    try:
        value = values.of(layer.weight, layer.scope)
    except Unknown as why:
        raise Unknown(f"the shape of the weights '{code(layer.weight)}' is unknown: {why}") \
            from None
    value = np.asarray(value)
    return value


def _rms(values: Values, expr, scope: Scope) -> float:
    """The root mean square of an initial parameter, pooled over a few draws."""
    # Follow the name to the expression that creates it, so each seed draws anew.
    model = values.model
    for _ in range(8):
        key = model.key(expr, scope)
        if key is None:
            break
        defs = [d for d in model.defs(key) if d.value is not None and d.augmented is None]
        if not defs:
            break
        expr, scope = defs[0].value, defs[0].scope
    pooled = []
    for seed in range(64):
        value = np.asarray(values.of(expr, scope, seed=seed), dtype=float)
        pooled.append(value.ravel())
        if sum(p.size for p in pooled) >= 256 or not np.any(value):
            break
    flat = np.concatenate(pooled)
    rms = float(np.sqrt(np.mean(flat ** 2))) if flat.size else 0.0
    # A few hundred draws estimate the scale to about 5%: snap to the usual scales (randn,
    # randn * 0.5, ..., uniform(-1, 1)) when within 8% of one.
    for usual in (1.0, 0.5, 0.1, 0.01, 0.2, 0.05, 0.25, 1 / np.sqrt(3)):
        if abs(rms - usual) <= 0.08 * usual:
            return float(f"{usual:.3g}")
    return float(f"{rms:.2g}")


def _origin_name(model, expr, scope: Scope) -> str:
    """The module-level name the data comes from ('y' for `self.labels`), else the text."""
    text = code(expr)
    for _ in range(8):
        key = model.key(expr, scope)
        if key is None:
            break
        if key[0] == "global":
            return f"'{key[1]}'" if key[1] == text else f"'{key[1]}' (as '{text}')"
        defs = [d for d in model.defs(key) if d.value is not None and d.augmented is None]
        if not defs:
            break
        expr, scope = defs[0].value, defs[0].scope
    return text


def _describe_data(expr, array: np.ndarray, layout: str, name: str) -> str:
    values = np.unique(array)
    kind = ("{" + ", ".join(f"{v:g}" for v in values) + "}") if values.size <= 4 else \
        f"values {array.min():.3g} to {array.max():.3g}"
    shown = "×".join(str(n) for n in array.shape)
    extra = " (samples as columns, transposed)" if layout == "columns" else ""
    return f"{name} {shown}, {kind}{extra}"


def _layer_lines(model, item: _Layer) -> set[int]:
    layer = item.layer
    lines = {model.line(layer.product), model.line(layer.whole)}
    keys = {layer.weight_key, layer.bias_key} - {None}
    for key in keys:
        for definition in model.defs(key):
            if definition.value is not None:
                for value, _ in model.values(definition.value, definition.scope):
                    try:
                        lines.add(model.line(value))
                    except KeyError:
                        pass
                try:
                    lines.add(model.line(definition.statement))
                except KeyError:
                    pass
    for update in model.updates:
        if update.key in keys or update.key is None:
            try:
                lines.add(model.line(update.statement))
            except KeyError:
                pass
    if item.application is not None:
        lines.add(model.line(item.application.node))
        for use in model.derivative_uses:
            if use.forward is item.application:
                lines.add(model.line(use.node))
    return lines


def _layers_for(finding: Finding, chain: list[_Layer], model) -> list[int]:
    if finding.code in ("NN101", "NN102", "NN104"):
        return [len(chain) - 1]
    hits = [i for i, item in enumerate(chain) if finding.line in item.lines]
    if hits:
        return hits
    if len(chain) == 1:
        return [0]
    return []


def _derivative_toggles(model, finding: Finding, chain: list[_Layer]):
    """The toggles reproducing an NN201/NN202 finding, and the wrong derivative's name."""
    use = next((u for u in model.derivative_uses if model.line(u.node) == finding.line), None)
    if use is None:
        return None, None
    toggles: set[Bug] = set()
    if finding.code == "NN201" or (use.forms is not None and use.forms.matches):
        forms = use.forms
        if forms is None:
            return None, None
        if use.at == "input" and forms.output_form and not forms.input_form:
            toggles.add(Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION)
        elif use.at == "output" and forms.input_form and not forms.output_form:
            toggles.add(Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION)
        return (toggles or None), None
    # NN202: which derivative is it?
    probe = np.linspace(-3, 3, 13) + 0.05
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(np.vectorize(lambda v: float(use.callable(v)))(probe), dtype=float)
    except Exception:  # noqa: BLE001 - closed code; anything it raises means "unknown"
        return None, None
    forward = use.forward.callable
    try:
        with np.errstate(all="ignore"):
            itself = np.asarray(np.vectorize(lambda v: float(forward(v)))(probe), dtype=float)
        if np.allclose(got, itself, atol=1e-6):
            toggles.add(Bug.DERIVATIVE_MISMATCH)
            if use.at == "output":
                toggles.add(Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION)
            return toggles, ACTIVATION_ITSELF
    except Exception:  # noqa: BLE001
        pass
    alpha = use.forward.behaviour.alpha or 0.01
    for name, derivative in DERIVATIVES.items():
        with np.errstate(all="ignore"):
            expected = derivative.fn(probe, alpha)
        if np.allclose(got, expected, atol=1e-6):
            toggles.add(Bug.DERIVATIVE_MISMATCH)
            if use.at == "output" and derivative.form == "input":
                toggles.add(Bug.DERIVATIVE_INPUT_FORM_AT_POST_ACTIVATION)
            elif use.at == "input" and derivative.form == "output":
                toggles.add(Bug.DERIVATIVE_OUTPUT_FORM_AT_PRE_ACTIVATION)
            return toggles, name
    return None, None


def _has_derivative(model, output: _Layer) -> bool:
    return output.application is not None and any(
        use.forward is output.application for use in model.derivative_uses)


def _loss(model, output: _Layer) -> tuple[str, str | None]:
    if _has_derivative(model, output):
        return "mse", None
    if output.kind == "sigmoid":
        return "bce", "no derivative factor on the sigmoid output: the error is the fused " \
                      "cross-entropy delta p - y (binary cross-entropy)"
    if output.kind == "softmax":
        return "cce", None
    if output.kind == "identity":
        return "mse", None
    return "mse", (f"no derivative factor on the {_NAMES[output.kind]} output found; the demo "
                   "trains squared error with the derivative")


def _numeric(value: Any) -> float | None:
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.ndim == 0:
        return float(value)
    return None


def _scale_of(model, values: Values, expr, scope: Scope, depth: int = 0,
              divisors: list | None = None) -> float:
    """The product of the numeric factors of an update expression (see the module docstring)."""
    if depth > 14:
        return 1.0
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply):
        return _scale_of(model, values, expr.left, scope, depth + 1, divisors) * \
            _scale_of(model, values, expr.right, scope, depth + 1, divisors)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
        denominator = _scale_of(model, values, expr.right, scope, depth + 1, divisors)
        if divisors is not None:
            divisors.append(denominator)
            if _size_like(model, expr.right, scope):
                divisors.append(SAMPLE_COUNT)
        return _scale_of(model, values, expr.left, scope, depth + 1, divisors) / denominator \
            if denominator else 1.0
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        return _scale_of(model, values, expr.expression, scope, depth + 1, divisors)
    if any(e.node is expr for e in model.errors):
        return 1.0
    try:
        number = _numeric(values.of(expr, scope))
    except Unknown:
        number = None
    except Exception:  # noqa: BLE001 - evaluation of odd code: not a number
        number = None
    if number is not None:
        return number
    from nncheck.model.values import matrix_product
    product = matrix_product(expr)
    if product is not None:
        return _scale_of(model, values, product[0], scope, depth + 1, divisors) * \
            _scale_of(model, values, product[1], scope, depth + 1, divisors)
    if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
        return _scale_of(model, values, expr.value, scope, depth + 1, divisors)
    key = model.key(expr, scope)
    if key is not None and (model.is_trained(expr, scope) or model.is_created_parameter(key)):
        return 1.0  # a weight's own initial scale is not a factor of the step
    if key is not None:
        defs = [d for d in model.defs(key) if d.value is not None and d.augmented is None]
        if not defs:
            # grads["dW1"] where grads holds a dict literal {"dW1": dW1, ...}
            held = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
            if len(held) == 1 and not any(a.node is held[0][0] for a in model.applications):
                return _scale_of(model, values, held[0][0], held[0][1], depth + 1, divisors)
        elif len(defs) == 1 and not any(a.node is defs[0].value for a in model.applications):
            return _scale_of(model, values, defs[0].value, defs[0].scope, depth + 1, divisors)
    return 1.0


# Stands in the divisors of an update for a count of samples the demo could not evaluate
# (`/ xb.shape[0]`, `/ len(batch)`, `m = X.shape[1]` in a function).
SAMPLE_COUNT = "samples"


def _size_like(model, expr, scope: Scope, depth: int = 0) -> bool:
    """The expression is an array's length or size, directly or through one-definition names."""
    text = code(expr)
    if ".shape" in text or "len(" in text or ".size" in text:
        return True
    if depth > 4 or not isinstance(expr, (cst.Name, cst.Attribute)):
        return False
    key = model.key(expr, scope)
    defs = [d for d in model.defs(key) if d.value is not None and d.augmented is None] \
        if key is not None else []
    return len(defs) == 1 and _size_like(model, defs[0].value, defs[0].scope, depth + 1)


def _learning_rate(model, values: Values, chain: list[_Layer], out: Recovery,
                   n_samples: int) -> float:
    # The output layer's weight update: the shortest way back to the error.
    weight_keys = [item.layer.weight_key for item in reversed(chain)]
    updates = sorted((u for u in model.updates if u.key in weight_keys),
                     key=lambda u: weight_keys.index(u.key)) or list(model.updates)
    if not updates:
        out.notes.append(f"no parameter update found: learning rate {DEFAULT_LEARNING_RATE}")
        return DEFAULT_LEARNING_RATE
    update = updates[0]
    divisors: list[float] = []
    scale = abs(_scale_of(model, values, update.rhs, update.scope, divisors=divisors))
    if out.error_factor is not None and not divisors:
        # (only when the update's own factors did not reach that division already)
        scale *= out.error_factor[0]
        divisors.extend(out.error_factor[1])
    # A count the demo could not evaluate is the samples of the step (all of them full-batch).
    out.sample_divided = n_samples in divisors or SAMPLE_COUNT in divisors
    out.divisors = divisors
    if not np.isfinite(scale) or scale <= 0:
        out.notes.append(f"the learning rate could not be read: {DEFAULT_LEARNING_RATE}")
        return DEFAULT_LEARNING_RATE
    return float(scale)


def _epochs(model, values: Values, out: Recovery, chain: list | None = None) -> int | None:
    """The count of the outermost `for ... in range(N)` around the updates."""
    loops: list[tuple[cst.For, Scope]] = []
    pending = [(u.statement, u.scope) for u in model.updates]
    visited: set = set()
    while pending:
        node, scope = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        walker = model.parent(node)
        while walker is not None and not isinstance(walker, (cst.FunctionDef, cst.Module)):
            if isinstance(walker, cst.For):
                loops.append((walker, model.scope_of(walker)))
            walker = model.parent(walker)
        if isinstance(walker, cst.FunctionDef):
            for call, call_scope in model.builder.calls:
                target = model.resolve_callable(call.func, call_scope)
                if getattr(target, "node", None) is walker or (
                        isinstance(target, ClassInfo) and walker.name.value == "__init__"
                        and target.methods.get("__init__") is walker) or (
                        target is None and isinstance(call.func, cst.Attribute)
                        and call.func.attr.value == walker.name.value and any(
                            function.node is walker for function, _ in
                            model.objects.dispatch(call.func, call_scope))):
                    # (the last: `layer.backward(g)` on each object a list of layers holds)
                    pending.append((call, call_scope))
    ranged = []
    for loop, scope in loops:
        iterator = loop.iter
        if isinstance(iterator, cst.Call) and isinstance(iterator.func, cst.Name) \
                and iterator.func.value == "range" and iterator.args:
            try:
                count = values.of(iterator.args[-1].value if len(iterator.args) == 1
                                  else iterator.args[1].value, scope)
            except Unknown:
                continue
            if isinstance(count, (int, np.integer)):
                ranged.append((model.line(loop), int(count), loop))
    if not ranged:
        return None
    ranged.sort()
    outer = ranged[0]
    # The outermost loop by nesting: the one no other loop contains.
    for line, count, loop in ranged:
        if not any(other is not loop and _contains(model, other, loop) for _, _, other in ranged):
            outer = (line, count, loop)
            break
    forward = _forward_functions(model, chain) if chain else set()
    inner = [(loop, scope) for loop, scope in loops
             if loop is not outer[2] and _contains(model, outer[2], loop)
             and _runs_forward(model, loop, chain, forward)]
    if inner:
        loop, scope = inner[-1]  # the outermost of them: loops were collected inside out
        batch = _batch_of(values, loop, scope)
        if batch is None:
            out.notes.append(f"the script updates inside an inner loop (line "
                             f"{model.line(loop)}) whose batch size the demo cannot read; it "
                             "trains full-batch, one update per epoch")
        else:
            out.batch_size = batch
            out.shuffle = any(
                isinstance(node, cst.Call) and (call_name(node) or "").split(".")[-1]
                in ("permutation", "shuffle") for node in model.walk(outer[2]))
    return outer[1]


def _forward_functions(model, chain: list[_Layer]) -> set:
    """The functions that run the first layer's product, directly or through calls."""
    def enclosing(node):
        walker = model.parent(node)
        while walker is not None and not isinstance(walker, (cst.FunctionDef, cst.Module)):
            walker = model.parent(walker)
        return walker if isinstance(walker, cst.FunctionDef) else None

    found = set()
    first = enclosing(chain[0].layer.product)
    pending = [first] if first is not None else []
    while pending and len(found) < 20:
        function = pending.pop()
        if function in found:
            continue
        found.add(function)
        for call, call_scope in model.builder.calls:
            target = model.resolve_callable(call.func, call_scope)
            if getattr(target, "node", None) is function:
                caller = enclosing(call)
                if caller is not None:
                    pending.append(caller)
    return found


def _runs_forward(model, loop, chain: list[_Layer], forward: set) -> bool:
    """The loop computes the network's output (a loop over batches or samples), rather than
    only stepping the parameters (`for p, g in zip(params, grads)`)."""
    if not chain:
        return False
    product = chain[0].layer.product
    for node in model.walk(loop):
        if node is product:
            return True
        if isinstance(node, cst.Call):
            target = model.resolve_callable(node.func, model.scope_of(loop))
            if getattr(target, "node", None) in forward:
                return True
    return False


def _batch_of(values: Values, loop, scope: Scope) -> int | None:
    """Samples per update of a loop over the data: `range(0, n, B)` gives B; a loop over
    `range(n)`, `zip(X, y)` or the rows themselves gives 1."""
    iterator = loop.iter
    if isinstance(iterator, cst.Call) and isinstance(iterator.func, cst.Name):
        name = iterator.func.value
        if name == "range" and len(iterator.args) == 3:
            try:
                step = values.of(iterator.args[2].value, scope)
            except Unknown:
                return None
            return int(step) if isinstance(step, (int, np.integer)) and step > 0 else None
        if name in ("range", "zip", "enumerate"):
            return 1
    if isinstance(iterator, cst.Call) and isinstance(iterator.func, cst.Attribute) \
            and iterator.func.attr.value in ("permutation", "arange"):
        return 1  # `for i in rng.permutation(n)`: one sample index per step
    if isinstance(iterator, (cst.Name, cst.Attribute, cst.Subscript)):
        return 1
    return None


def _contains(model, outer, inner) -> bool:
    walker = model.parent(inner)
    while walker is not None:
        if walker is outer:
            return True
        walker = model.parent(walker)
    return False


def _seed(model) -> int | None:
    from nncheck.model.values import call_name, positional_args
    for call, _ in model.builder.calls:
        name = call_name(call) or ""
        if name.split(".")[-1] in ("seed", "default_rng", "RandomState"):
            args = positional_args(call)
            if args:
                try:
                    value = ast.literal_eval(code(args[0]))
                except (ValueError, SyntaxError):
                    continue
                if isinstance(value, int):
                    return value
    return None
