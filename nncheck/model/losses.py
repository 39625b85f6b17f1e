"""Losses and metrics: facts about how a network's output is scored, read from the NetworkModel.

  producer_of     the one forward Application (or identity Layer) an expression holds, when
                  every value it can hold comes from the same place
  batch_of        whether an output is computed for a 2-D batch, with its layout and its
                  number of samples (from the data's creation shape, through the layers)
  units_of        the number of output units of the layer an activation is applied to
  class_scores_of whether an output is a batch of class scores, with its sample axis: from the
                  layers' batch and units, or from the axis a softmax normalises (the class axis)
  log_terms       `np.log(p)` / `np.log(1 - p)` of a network output, and whether it is guarded
                  by a clip or an epsilon
  comparisons     `out == y` (or np.equal) of a network output against labels
  arg_reductions  `np.argmax(p, axis=...)`, `p.argmax(...)`, `np.max(p, axis=...)` of an output
  is_labels       data from outside the network (not a number, parameter or activation)
  rewrite, rewritten_callable  a rule's rewritten copy of a closed function, compiled to check a fix

Like the rest of the model, nothing here reads names: an output is whatever an activation or a
layer produced, labels are whatever data the network did not compute.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import libcst as cst

from nncheck.model import sandbox
from nncheck.model.functions import function_text, lambda_text
from nncheck.model.network import Application, Layer, NetworkModel
from nncheck.model.shapes import shapes
from nncheck.model.values import Scope, code, keyword_arg, numpy_attribute, positional_args

LOG_FUNCTIONS = {"log", "log2", "log10"}
_GUARDS = {"clip", "maximum", "minimum", "fmax", "fmin", "nan_to_num"}


# -- where an output comes from --------------------------------------------------------------------

def producer_of(model: NetworkModel, expr: cst.BaseExpression, scope: Scope):
    """The forward Application or Layer that every value `expr` can hold comes from, or None
    when any of them is something else (a clipped copy, data, an unknown call)."""
    found = set()
    values = model.values(expr, scope)
    if not values:
        return None
    for value, value_scope in values:
        source = model.producer(value, value_scope)
        if source is None:
            return None
        found.add(source)
    return found.pop() if len(found) == 1 else None


def layer_under(model: NetworkModel, source) -> Layer | None:
    """The layer an output comes from: the Layer itself, or the one an activation is applied to."""
    if isinstance(source, Layer):
        return source
    if isinstance(source, Application):
        return model.layer_of(source.argument, source.scope)
    return None


@dataclass(frozen=True)
class Batch:
    layout: str  # "rows" (samples as rows) or "columns"
    samples: int

    @property
    def sample_axis(self) -> int:
        return 0 if self.layout == "rows" else 1

    @property
    def feature_axis(self) -> int:
        return 1 - self.sample_axis


def batch_of(model: NetworkModel, source, depth: int = 0) -> Batch | None:
    """The batch an output (Application or Layer) is computed for, when it is certainly a 2-D
    batch of more than one sample: the data's creation shape, followed through the layers."""
    if depth > 8:
        return None
    layer = layer_under(model, source)
    if layer is None:
        return None
    inner = producer_of(model, layer.input, layer.scope)
    if inner is not None:
        if inner is source:
            return None
        batch = batch_of(model, inner, depth + 1)
        return batch if batch is not None and batch.layout == layer.layout else None
    shape = model.shape(layer.input, layer.scope) or shapes(model).shape_of(layer.input, layer.scope)
    if shape is None:
        return _loop_batch(model, source, layer, depth)
    if len(shape) != 2:
        return None
    samples, features = (shape[0], shape[1]) if layer.layout == "rows" else (shape[1], shape[0])
    if not isinstance(samples, int) or samples < 2:
        return None
    weight = model.shape(layer.weight, layer.scope)
    if weight is not None and len(weight) == 2:
        fan_in = weight[0] if layer.layout == "rows" else weight[1]
        if isinstance(fan_in, int) and isinstance(features, int) and fan_in != features:
            return None  # the layout was misread
    return Batch(layer.layout, samples)


def _loop_batch(model: NetworkModel, source, layer: Layer, depth: int) -> Batch | None:
    """The batch of a layer whose input is carried around a loop (`A = X`, then `A = f(W @ A + b)`
    for each layer): a layer keeps its input's samples, so every value that is not this layer's
    own output must give the same batch, and at least one must be the data."""
    batches = set()
    for value, value_scope in model.values(layer.input, layer.scope):
        inner = model.producer(value, value_scope)
        if inner is source:
            continue  # the layer's own output, fed back: the same samples
        if inner is not None:
            found = batch_of(model, inner, depth + 1)
        else:
            shape = shapes(model).shape_of(value, value_scope)
            if shape is None or len(shape) != 2:
                return None
            samples = shape[0] if layer.layout == "rows" else shape[1]
            found = Batch(layer.layout, samples) if isinstance(samples, int) and samples >= 2 else None
        if found is None or found.layout != layer.layout:
            return None
        batches.add(found)
    return batches.pop() if len(batches) == 1 else None


def units_of(model: NetworkModel, source) -> Any:
    """The number of output units of the layer under an output (an int, or None if unknown)."""
    layer = layer_under(model, source)
    if layer is None:
        return None
    shape = model.shape(layer.weight, layer.scope)
    if shape is None or len(shape) != 2:
        return None
    units = shape[1] if layer.layout == "rows" else shape[0]
    return units if isinstance(units, int) else None


@dataclass(frozen=True)
class ClassScores:
    """An output that holds, for a batch, one score per class: which axis runs over the samples,
    and how many samples and classes there are (None when not known)."""

    layout: str  # "rows" (samples as rows, classes as columns) or "columns"
    samples: int | None
    classes: int | None

    @property
    def sample_axis(self) -> int:
        return 0 if self.layout == "rows" else 1

    @property
    def class_axis(self) -> int:
        return 1 - self.sample_axis


def class_scores_of(model: NetworkModel, source, expr: cst.BaseExpression | None = None,
                    scope: Scope | None = None) -> ClassScores | None:
    """Whether an output (Application or Layer), held by `expr` in `scope` when given, is a 2-D
    batch of scores over more than one class, and along which axis its samples run.

    The layers say it when they know the batch (the data's shape followed through the layers)
    and the units. Otherwise the layout comes from the layer under the output (`X @ W` or
    `W @ X`) or, with no layer known, from a softmax over each row; a softmax must agree with
    the layout (the axis it normalises is the class axis); and the sizes come from the shape
    engine, which follows the file's own functions per call site. A softmax over axis 0 of an
    unknown batch is not taken at its word: it may be the bug itself (samples normalised
    together)."""
    batch = batch_of(model, source)
    units = units_of(model, source)
    if isinstance(units, int) and units < 2:
        return None
    if batch is not None and isinstance(units, int):
        return ClassScores(batch.layout, batch.samples, units)
    behaviour = source.behaviour if isinstance(source, Application) else None
    softmax = behaviour.normalised_axis if behaviour is not None and behaviour.kind == "softmax" else None
    if softmax is not None and softmax not in (0, 1):
        return None
    layer = layer_under(model, source)
    if batch is not None:
        layout = batch.layout
    elif layer is not None:
        layout = layer.layout
    elif softmax == 1:
        layout = "rows"
    else:
        return None
    scores = ClassScores(layout, batch.samples if batch is not None else None, units if isinstance(units, int) else None)
    if softmax is not None and softmax != scores.class_axis:
        return None  # the softmax normalises over the samples: another rule's finding
    shape = shapes(model).shape_of(expr, scope) if expr is not None and scope is not None else None
    if shape is not None:
        if len(shape) != 2:
            return None
        samples, classes = shape[scores.sample_axis], shape[scores.class_axis]
        if isinstance(samples, int) and isinstance(classes, int):
            if samples < 2 or classes < 2:
                return None
            return ClassScores(layout, samples, classes)
    return scores if softmax is not None else None


# -- labels ------------------------------------------------------------------------------------------

def is_labels(model: NetworkModel, expr: cst.BaseExpression, scope: Scope) -> bool:
    """Data from outside the network: a name, attribute or item that is not a number, not a
    parameter, not updated, and not computed by the network."""
    if isinstance(expr, (cst.Integer, cst.Float, cst.UnaryOperation)):
        return False
    if model.constant(expr, scope) is not None:
        return False
    key = model.key(expr, scope)
    if key is None:
        return False
    if not model.defs(key) and not (key[0] == "local" and key[2] in key[1].params):
        return False  # np, a builtin, an undefined name; a parameter may come from unseen callers
    if model.is_updated(key) or model.is_trained(expr, scope):
        return False
    if any(model.producer(value, value_scope) is not None for value, value_scope in model.values(expr, scope)):
        return False
    return True


# -- log terms ---------------------------------------------------------------------------------------

@dataclass(eq=False)
class LogTerm:
    """`np.log(p)` (or `np.log(1 - p)`) where `p` is a network output."""

    node: cst.Call
    output: cst.BaseExpression  # the expression holding the output, as written inside the log
    complement: bool  # log(1 - p)
    guard: str | None  # "clip" (np.clip / np.maximum ...), "epsilon" (p + eps) or None
    source: Any  # Application or Layer
    scope: Scope
    statement: cst.CSTNode | None


def log_terms(model: NetworkModel) -> list[LogTerm]:
    found = []
    for node, scope in model.nodes(cst.Call):
        if numpy_attribute(node.func) not in LOG_FUNCTIONS:
            continue
        args = positional_args(node)
        if len(args) != 1 or len(node.args) != 1:
            continue
        term = _log_term(model, node, args[0], scope)
        if term is not None:
            found.append(term)
    return found


def _log_term(model: NetworkModel, call: cst.Call, argument, scope: Scope) -> LogTerm | None:
    guard = None
    expr = argument
    # `p + eps`, `eps + p`, `1 - p + eps`
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        left_small, right_small = _is_small(model, expr.left, scope), _is_small(model, expr.right, scope)
        if right_small and not left_small:
            expr, guard = expr.left, "epsilon"
        elif left_small and not right_small:
            expr, guard = expr.right, "epsilon"
        else:
            return None
    complement = False
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) and _is_one(expr.left):
        expr, complement = expr.right, True
    expr, scope = _guarded_copy(model, expr, scope)
    if isinstance(expr, cst.Call) and numpy_attribute(expr.func) in _GUARDS:
        inner = positional_args(expr)
        if not inner:
            return None
        expr, guard = inner[0], "clip"
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) and _is_one(expr.left):
            expr, complement = expr.right, not complement
    output = expr
    base = output.value if isinstance(output, cst.Subscript) and model.key(output, scope) is None else output
    if not isinstance(base, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
        return None
    source = producer_of(model, base, scope)
    if source is None:
        return None
    return LogTerm(call, output, complement, guard, source, scope, _statement_of(model, call))


def _guarded_copy(model: NetworkModel, expr, scope: Scope):
    """`pc = np.clip(p, eps, 1 - eps)` then `np.log(pc)`: the log reads the clipped output
    through a name assigned once; (the clip call, its scope), else (expr, scope) unchanged."""
    if not isinstance(expr, (cst.Name, cst.Attribute)):
        return expr, scope
    key = model.key(expr, scope)
    if key is None:
        return expr, scope
    defs = model.defs(key)
    if len(defs) != 1 or defs[0].augmented is not None:
        return expr, scope
    value = defs[0].value
    if isinstance(value, cst.Call) and numpy_attribute(value.func) in _GUARDS:
        return value, defs[0].scope
    return expr, scope


def _is_one(expr) -> bool:
    return isinstance(expr, (cst.Integer, cst.Float)) and float(expr.value) == 1.0


def _is_small(model: NetworkModel, expr, scope: Scope) -> bool:
    """A positive constant below 0.01: an epsilon."""
    value = model.constant(expr, scope)
    if value is None:
        try:
            value = ast.literal_eval(code(expr))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return False
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 0.01


def _statement_of(model: NetworkModel, node: cst.CSTNode) -> cst.CSTNode | None:
    current = node
    while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        current = model.parent(current)
    return current


def mentions_labels(model: NetworkModel, term: LogTerm) -> bool:
    """The log's statement (or the function it is written in, for a `return`) also reads labels:
    the log is part of a loss, not some other use of the output."""
    statement = term.statement
    if statement is None:
        return False
    for node in model.walk(statement):
        if node is term.output or not isinstance(node, (cst.Name, cst.Attribute)):
            continue
        parent = model.parent(node)
        if isinstance(parent, cst.Attribute) and node in (parent.value, parent.attr):
            continue  # `np` and `log` of np.log; `self` of self.y is read through the attribute
        if isinstance(parent, cst.Call) and parent.func is node:
            continue
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            continue
        if is_labels(model, node, term.scope) and _is_data_array(model, node, term.scope):
            return True
    return False


def _is_data_array(model: NetworkModel, expr, scope: Scope) -> bool:
    """Not a number or a string: a value whose definitions are array literals, creations,
    comparisons or parameters bound to such values (unknown values count, numbers do not)."""
    for value, value_scope in model.values(expr, scope):
        if model.constant(value, value_scope) is not None:
            return False
        if isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            return False
    return True


# -- comparisons for accuracy ---------------------------------------------------------------------------

@dataclass(eq=False)
class OutputComparison:
    """`out == y` or `np.equal(out, y)`: a network output compared with labels for equality."""

    node: cst.BaseExpression
    output: cst.BaseExpression
    labels: cst.BaseExpression
    source: Any
    scope: Scope


def comparisons(model: NetworkModel) -> list[OutputComparison]:
    found = []
    for node, scope in model.nodes(cst.Comparison, cst.Call):
        pair = None
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1 and isinstance(
            node.comparisons[0].operator, cst.Equal
        ):
            pair = (node.left, node.comparisons[0].comparator)
        elif isinstance(node, cst.Call) and numpy_attribute(node.func) == "equal":
            args = positional_args(node)
            if len(args) == 2:
                pair = (args[0], args[1])
        if pair is None:
            continue
        for output, labels in (pair, pair[::-1]):
            if not isinstance(output, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
                continue
            source = producer_of(model, output, scope)
            if source is None or not is_labels(model, labels, scope):
                continue
            found.append(OutputComparison(node, output, labels, source, scope))
            break
    return found


# -- argmax / max over an output -------------------------------------------------------------------------

@dataclass(eq=False)
class ArgReduction:
    """`np.argmax(p, axis=a)`, `p.argmax(axis=a)`, `np.max(p, a)` over a network output."""

    node: cst.Call
    function: str  # "argmax" or "max"
    array: cst.BaseExpression
    axis_node: cst.BaseExpression | None
    axis: Any  # the literal axis, or None when absent / unknown
    source: Any
    scope: Scope


_ARG_FUNCTIONS = {"argmax": "argmax", "max": "max", "amax": "max", "nanargmax": "argmax"}


def arg_reductions(model: NetworkModel) -> list[ArgReduction]:
    found = []
    for node, scope in model.nodes(cst.Call):
        name = numpy_attribute(node.func)
        args = positional_args(node)
        if name in _ARG_FUNCTIONS and args:
            array, axis_node = args[0], (args[1] if len(args) > 1 else keyword_arg(node, "axis"))
            function = _ARG_FUNCTIONS[name]
        elif name is None and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("argmax", "max"):
            array, axis_node = node.func.value, (args[0] if args else keyword_arg(node, "axis"))
            function = node.func.attr.value
        else:
            continue
        if not isinstance(array, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)):
            continue
        source = producer_of(model, array, scope)
        if source is None:
            continue
        axis = None
        if axis_node is not None:
            value = model.constant(axis_node, scope)
            axis = value if isinstance(value, int) and not isinstance(value, bool) else None
        found.append(ArgReduction(node, function, array, axis_node, axis, source, scope))
    return found


# -- checking a rewritten function (for fixes) -----------------------------------------------------

def walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


class _Rewrite(cst.CSTTransformer):
    def __init__(self, replacements: dict) -> None:
        self.replacements = replacements

    def on_leave(self, original, updated):
        text = self.replacements.get(original)
        return cst.parse_expression(text) if text is not None else updated


def rewrite(node: cst.CSTNode, replacements: dict) -> cst.CSTNode:
    """A copy of `node` with each sub-node in `replacements` (by identity) replaced by the
    expression text it maps to, all in one pass."""
    return node.visit(_Rewrite(replacements))


def numpy_alias(container: cst.CSTNode) -> str | None:
    """The name NumPy is called through in this code (`np`), if it calls NumPy at all."""
    for node in walk(container):
        if isinstance(node, cst.Call) and numpy_attribute(node.func) is not None:
            root = node.func
            while isinstance(root, cst.Attribute):
                root = root.value
            return root.value
    return None


def rewritten_callable(model: NetworkModel, application: Application, node) -> Callable | None:
    """The function of `application` with its definition replaced by `node` (a rule's rewritten
    copy, to check a fix), compiled under the same closedness rules and bound to the call's mode
    (and, for a method, to the class's stand-in `self`). None when it is not closed or does not
    compile. Nothing runs here."""
    info = application.function
    if info is None or not isinstance(node, (cst.FunctionDef, cst.Lambda)):
        return None
    if isinstance(node, cst.Lambda):
        if info.cls is not None:
            return None
        text = lambda_text(model.module, node, info.ident, 1)
    else:
        text = function_text(model.module, node, 1)
    module_functions = {
        other.ident: other.compiled for other in model.functions.values()
        if other.compiled is not None and other.cls is None and other is not info
        and other.scope.parent is not None and other.scope.parent.is_module
    }
    methods = frozenset(
        other.ident for other in model.functions.values()
        if info.cls is not None and other.cls is info.cls and other.compiled is not None and other is not info
    )
    try:
        tree = sandbox.quiet_parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    statement = tree.body[0] if len(tree.body) == 1 else None
    syntax = statement.value if isinstance(statement, ast.Assign) else statement
    if not isinstance(syntax, (ast.FunctionDef, ast.Lambda)):
        return None
    environment = sandbox.Environment(
        constants=model.module_constants,
        self_constants=model.self_constants.get(info.cls, {}) if info.cls is not None else {},
        closed_functions=frozenset(module_functions),
        closed_methods=methods if info.has_self else frozenset(),
    )
    if sandbox.why_not_closed(syntax, environment) is not None:
        return None  # only closed code is ever run, rewritten or not
    try:
        compiled = sandbox.compile_closed(
            {info.ident: text},
            sandbox.Environment(constants={**model.module_constants, **module_functions}),
        )
    except Exception:  # noqa: BLE001 - a fix we cannot check is not offered
        return None
    function = compiled.get(info.ident)
    if function is None:
        return None
    kwargs = dict(application.mode)
    if info.has_self:
        stand_in = model._stand_ins.get(info.cls)
        if stand_in is None:
            return None
        return lambda x: function(stand_in, x, **kwargs)
    return lambda x: function(x, **kwargs)
