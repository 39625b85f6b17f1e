"""Data facts: the values the data arrays hold (ranges of inputs and targets), which forward
arrays are 2-D batches of samples, and how arrays are shuffled.

Ranges are read from how the data is made, never by running the user's code: literals,
`np.random.uniform(500, 4000, n)`, `rng.integers(18, 80, m)`, arithmetic with constants,
`np.clip`, `np.where`, stacking, reshaping and row selection. A normal draw counts as its mean
± 3 standard deviations (marked approximate). Anything else (a file, a mean or std computed
from the data, an in-place scaling, a call the model cannot follow) makes the range unknown,
so the rules that read it stay silent.
"""
from __future__ import annotations

import ast
import functools
import itertools
import math
import os
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

import libcst as cst
import numpy as np

from nncheck.model.values import (
    Key,
    Scope,
    call_name,
    code,
    keyword_arg,
    matrix_product,
    numpy_attribute,
    positional_args,
)

if TYPE_CHECKING:
    from nncheck.model.network import NetworkModel

_DEPTH = 12
# Dimensions are followed from the softmax back to the data, through every layer: deeper.
_NDIM_DEPTH = 60
# Forward activations whose outputs are bounded: what a later layer receives from them.
_ACTIVATION_RANGES = {"sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "tanh": (-1.0, 1.0)}
_SAME_RANGE_METHODS = {"reshape", "ravel", "flatten", "copy", "squeeze", "transpose", "astype", "round", "view"}
_SAME_RANGE_FUNCTIONS = {"reshape", "ravel", "squeeze", "transpose", "copy", "asarray", "array", "atleast_2d",
                         "expand_dims", "round", "around", "rint", "float32", "float64", "asfarray"}
_STACKS = {"column_stack", "vstack", "hstack", "concatenate", "stack", "row_stack", "dstack"}


@dataclass(frozen=True)
class Range:
    """Every value of the array lies in [low, high]; `approximate` when a normal draw was
    counted as its mean ± 3 standard deviations."""

    low: float
    high: float
    approximate: bool = False
    # made of parts with different ranges (a stack of columns, a literal of several values): a
    # column picked out of it may hold only part of the range
    mixed: bool = False

    def hull(self, other: "Range") -> "Range":
        differ = (self.low, self.high) != (other.low, other.high)
        return Range(min(self.low, other.low), max(self.high, other.high), self.approximate or other.approximate,
                     self.mixed or other.mixed or differ)

    @property
    def magnitude(self) -> float:
        return max(abs(self.low), abs(self.high))

    def show(self) -> str:
        text = f"{_number(self.low)}..{_number(self.high)}"
        return f"about {text}" if self.approximate else text


def _number(value: float) -> str:
    if abs(value) >= 1e9:
        return f"{value:.3g}"
    if value == int(value):
        return str(int(value))
    if abs(value) >= 100:
        return f"{value:.0f}"  # 1034.5 reads better as 1034 than as 1.03e+03
    return f"{value:.3g}"


def _interval(op, a: Range, b: Range) -> Range | None:
    found = _interval_bounds(op, a, b)
    if found is None:
        return None
    return Range(found.low, found.high, found.approximate, a.mixed or b.mixed)


def _interval_bounds(op, a: Range, b: Range) -> Range | None:
    approx = a.approximate or b.approximate
    if isinstance(op, cst.Add):
        return Range(a.low + b.low, a.high + b.high, approx)
    if isinstance(op, cst.Subtract):
        return Range(a.low - b.high, a.high - b.low, approx)
    if isinstance(op, cst.Multiply):
        products = [a.low * b.low, a.low * b.high, a.high * b.low, a.high * b.high]
        return Range(min(products), max(products), approx)
    if isinstance(op, cst.Divide):
        if b.low <= 0 <= b.high:
            return None
        quotients = [a.low / b.low, a.low / b.high, a.high / b.low, a.high / b.high]
        return Range(min(quotients), max(quotients), approx)
    if isinstance(op, cst.Power) and b.low == b.high and b.low in (2, 2.0):
        squares = [a.low ** 2, a.high ** 2]
        low = 0.0 if a.low <= 0 <= a.high else min(squares)
        return Range(low, max(squares), approx)
    return None


@dataclass(eq=False)
class LayerInput:
    """`array` multiplied with `weight` in the pre-activation of a saturating `application`."""

    application: object
    product: cst.BaseExpression
    array: cst.BaseExpression
    weight: cst.BaseExpression
    scope: Scope
    range: Range


@dataclass(eq=False)
class RowSum:
    """`division` = `array / total`, with `total` a row sum of the 2-D `array` without keepdims."""

    division: cst.BinaryOperation
    total: cst.Call
    array: cst.BaseExpression
    scope: Scope


@dataclass(eq=False)
class Shuffle:
    """A random reordering of an array: in place (`np.random.shuffle(X)`) or `Xs = X[perm]`."""

    statement: cst.CSTNode
    key: Key  # the array reordered (in place) or the name given the reordered copy
    source_key: Key
    source: cst.BaseExpression
    draw: cst.CSTNode  # the call or definition that made the order
    index: cst.BaseExpression  # the shuffle call, or the index expression
    scope: Scope
    kind: str  # "in-place" or "indexed"


@dataclass(eq=False)
class DenseProduct:
    """`input @ weight` (or `weight @ input`) in the forward pass; `added`: something is added
    to its result (a bias)."""

    product: cst.BaseExpression
    input: cst.BaseExpression
    weight: cst.BaseExpression
    scope: Scope
    added: bool
    identity: object


class DataFacts:
    """Range, batch and shuffle queries over one NetworkModel (cached per model: `data()`)."""

    def __init__(self, model: "NetworkModel") -> None:
        self.model = model
        self._active: set[int] = set()
        self._memo: dict[tuple[int, int], Range | None] = {}

    # -- ranges -------------------------------------------------------------------------------
    def value_range(self, expr: cst.BaseExpression, scope: Scope) -> Range | None:
        """Where every value `expr` can hold lies, or None when any of it is unknown."""
        return self._range(expr, scope, 0)

    def _range(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> Range | None:
        ident = (id(expr), id(scope))
        if ident in self._memo:
            return self._memo[ident]
        if ident in self._active or depth > _DEPTH:
            return None  # defined through itself (`X = X / 255`): not a value we can know
        self._active.add(ident)
        try:
            found = self._range_uncached(expr, scope, depth + 1)
        finally:
            self._active.discard(ident)
        self._memo[ident] = found
        return found

    def _range_uncached(self, expr, scope: Scope, depth: int) -> Range | None:
        model = self.model
        key = model.key(expr, scope)
        if key is not None:
            return self._range_of_key(expr, key, scope, depth)
        return self._range_of_value(expr, scope, depth)

    def _range_of_key(self, expr, key: Key, scope: Scope, depth: int) -> Range | None:
        model = self.model
        constant = model.constant(expr, scope)
        if isinstance(constant, (int, float)) and not isinstance(constant, bool):
            return Range(float(constant), float(constant))
        added = self._added_in_place(key, depth)
        if added is None:
            return None  # scaled or filled in place somewhere: its values depend on where it is read
        if any(d.augmented is not None for d in model.defs(key)):
            return None
        loops = [d for d in model.defs(key) if isinstance(d.statement, cst.For) and d.value is None]
        if loops:
            if len(loops) != len(model.defs(key)):
                return None
            found = None
            for definition in loops:
                part = self._loop_range(definition, key, depth)
                if part is None:
                    return None
                found = part if found is None else found.hull(part)
            return found
        values = model.values(expr, scope)
        if not values or any(value is expr for value, _ in values):
            return None
        found: Range | None = None
        for value, value_scope in values:
            if self._reshaped_self(value, key, value_scope):
                continue  # `y = y.T`, `X = X.reshape(-1, 1)`: the values the other definitions give
            if model.key(value, value_scope) is not None:
                return None  # a name the model could not follow further (a loop variable)
            part = self._range_of_value(value, value_scope, depth)
            if part is None:
                return None
            found = part if found is None else found.hull(part)
        if found is not None:
            for extra in added:
                found = found.hull(_interval(cst.Add(), found, extra))
        return found

    def _reshaped_self(self, value, key: Key, scope: Scope) -> bool:
        changed = False
        while True:
            if isinstance(value, cst.Attribute) and value.attr.value == "T":
                value = value.value
            elif isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
                    numpy_attribute(value.func) is None and value.func.attr.value in (
                        "reshape", "ravel", "flatten", "copy", "squeeze", "transpose"):
                value = value.func.value
            else:
                break
            changed = True
        return changed and self.model.key(value, scope) == key

    def _loop_range(self, definition, key: Key, depth: int) -> Range | None:
        """The values of a `for` target: the elements of an array (`for row in X`) or of one
        of the zipped arrays (`for x, t in zip(X, y)`, also through `samples = list(zip(X, y))`)."""
        statement = definition.statement
        target, source, scope = statement.target, statement.iter, definition.scope
        for _ in range(3):
            if isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "list" \
                    and len(source.args) == 1:
                source = source.args[0].value
                continue
            source_key = self.model.key(source, scope)
            defs = self.model.defs(source_key) if source_key is not None else []
            if len(defs) == 1 and defs[0].value is not None and defs[0].augmented is None and \
                    isinstance(defs[0].value, cst.Call) and isinstance(defs[0].value.func, cst.Name) and \
                    defs[0].value.func.value in ("zip", "list"):
                source, scope = defs[0].value, defs[0].scope
                continue
            break
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "zip":
            if not isinstance(target, (cst.Tuple, cst.List)):
                return None
            elements = [e.value for e in target.elements]
            position = next((i for i, e in enumerate(elements) if self.model.key(e, definition.scope) == key), None)
            arrays = positional_args(source)
            if position is None or position >= len(arrays) or len(arrays) != len(source.args):
                return None
            return self._range(arrays[position], scope, depth)
        if isinstance(target, cst.Name) and not (isinstance(source, cst.Call) and isinstance(source.func, cst.Name)):
            return self._range(source, scope, depth)
        return None

    def _range_of_value(self, expr, scope: Scope, depth: int) -> Range | None:
        model = self.model
        if isinstance(expr, (cst.Integer, cst.Float)):
            value = float(expr.evaluated_value)
            return Range(value, value)
        forward = model.forward_at(expr)
        if forward is not None:
            bounds = _ACTIVATION_RANGES.get(forward.behaviour.kind)
            return Range(*bounds) if bounds is not None else None
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            inner = self._range(expr.expression, scope, depth)
            return None if inner is None else Range(-inner.high, -inner.low, inner.approximate, inner.mixed)
        if isinstance(expr, cst.BinaryOperation):
            left = self._range(expr.left, scope, depth)
            if left is None:
                return None
            right = self._range(expr.right, scope, depth)
            return None if right is None else _interval(expr.operator, left, right)
        if isinstance(expr, cst.Comparison):
            return Range(0.0, 1.0)
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            return self._range(expr.value, scope, depth)
        if isinstance(expr, (cst.List, cst.Tuple)):
            return self._literal(expr, scope)
        if isinstance(expr, cst.Call) and (numpy_attribute(expr.func) or "") in ("loadtxt", "genfromtxt"):
            return _range_of_array(self._load(expr, scope))
        if isinstance(expr, cst.Subscript):
            return self._subscript(expr, scope, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, depth)
        return None

    def _literal(self, expr, scope: Scope) -> Range | None:
        return _range_of_array(self.model.literal(expr, scope))

    def _concrete(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0):
        """The array itself, when it is a literal or a data file read beside the script."""
        if depth > _DEPTH:
            return None
        model = self.model
        key = model.key(expr, scope)
        if key is not None:
            defs = model.defs(key)
            if len(defs) != 1 or defs[0].value is None or defs[0].augmented is not None or key in self._writes:
                return None
            return self._concrete(defs[0].value, defs[0].scope, depth + 1)
        literal = model.literal(expr, scope)
        if literal is not None:
            return literal
        if isinstance(expr, cst.Call) and (numpy_attribute(expr.func) or "") in ("loadtxt", "genfromtxt"):
            return self._load(expr, scope)
        return None

    def _load(self, call: cst.Call, scope: Scope):
        """`np.loadtxt("data.csv", delimiter=",", skiprows=1)` of a small file beside the
        script, read as numbers (reading data runs none of the user's code)."""
        args = positional_args(call)
        if not args or len(args) > 1:
            return None
        name = self._file_name(args[0], scope)
        if name is None or self.model.path in ("<stdin>", "-"):
            return None
        path = os.path.join(os.path.dirname(os.path.abspath(self.model.path)), name)
        options = {}
        allowed = {"delimiter", "skiprows", "skip_header", "usecols", "dtype", "comments"}
        for arg in call.args[1:] if call.args and call.args[0].keyword is None else call.args:
            if arg.keyword is None or arg.keyword.value not in allowed:
                return None
            try:
                options[arg.keyword.value] = ast.literal_eval(code(arg.value))
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                if arg.keyword.value != "dtype" or code(arg.value) not in ("float", "np.float64", "numpy.float64"):
                    return None
        options.pop("dtype", None)
        return _read_table(path, numpy_attribute(call.func), tuple(sorted(options.items(), key=lambda kv: kv[0])))

    def _file_name(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> str | None:
        """The file's name relative to the script: a plain literal, or a literal joined to the
        script's own folder (`os.path.join(os.path.dirname(__file__), "data.csv")`)."""
        if depth > 4:
            return None
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            return value if isinstance(value, str) and not os.path.isabs(value) and ".." not in value else None
        key = self.model.key(node, scope)
        if key is not None:
            defs = self.model.defs(key)
            if len(defs) == 1 and defs[0].value is not None:
                return self._file_name(defs[0].value, defs[0].scope, depth + 1)
            return None
        if isinstance(node, cst.Call) and code(node.func) in ("os.path.join", "path.join") and len(node.args) == 2:
            folder, name = positional_args(node) if len(positional_args(node)) == 2 else (None, None)
            if folder is not None and self._script_folder(folder, scope):
                return self._file_name(name, scope, depth + 1)
        return None

    def _script_folder(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> bool:
        if depth > 4:
            return False
        key = self.model.key(node, scope)
        if key is not None and key != ("global", "__file__"):
            defs = self.model.defs(key)
            return len(defs) == 1 and defs[0].value is not None and self._script_folder(defs[0].value, defs[0].scope, depth + 1)
        return code(node) in (
            "os.path.dirname(__file__)", "os.path.dirname(os.path.abspath(__file__))",
            "os.path.dirname(os.path.realpath(__file__))",
        )

    def _subscript(self, expr: cst.Subscript, scope: Scope, depth: int) -> Range | None:
        # Rows picked out of an array (`X[idx]`, `X[:split]`, `X[i:i + b]`, `X[:, :]`) hold
        # values of that array; a column picked out of a stack of different columns does not
        # (its range would be the whole stack's), so column selections are left unknown.
        base = expr.value
        if isinstance(base, cst.Call) and call_name(base) in ("eye", "identity"):
            return Range(0.0, 1.0)
        literal = self._concrete(base, scope)
        if literal is not None:
            index = _constant_index(expr)
            try:
                picked = literal[index] if index is not None else None
            except (IndexError, TypeError, ValueError):
                picked = None
            if picked is not None:
                return _range_of_array(np.asarray(picked))
        whole = self._range(base, scope, depth)
        if len(expr.slice) > 1:
            rest = expr.slice[1:]
            if not all(isinstance(e.slice, cst.Slice) and e.slice.lower is None and e.slice.upper is None
                       for e in rest) and (whole is None or whole.mixed):
                return None
        return whole

    def _call(self, call: cst.Call, scope: Scope, depth: int) -> Range | None:
        model = self.model
        args = positional_args(call)
        func = call.func
        numpy_name = numpy_attribute(func)
        if numpy_name is None and isinstance(func, cst.Attribute):
            generator = self._generator(func.value, scope)
            if generator is not None:
                return self._random(func.attr.value, call, args, scope, stdlib=generator == "stdlib")
        if numpy_name is not None:
            return self._numpy_call(numpy_name, call, args, scope, depth)
        if isinstance(func, cst.Attribute):
            method = func.attr.value
            if method in _SAME_RANGE_METHODS:
                if method == "astype" and args and code(args[0]) in ("bool", "np.bool_"):
                    return Range(0.0, 1.0)
                return self._range(func.value, scope, depth)
            if method == "clip" and len(args) == 2:
                return self._clip(func.value, args[0], args[1], scope, depth)
            return None
        if isinstance(func, cst.Name) and func.value in ("float", "abs", "round"):
            inner = self._range(args[0], scope, depth) if len(args) == 1 else None
            if inner is not None and func.value == "abs":
                return _absolute(inner)
            return inner
        target = model.resolve_callable(func, scope)
        from nncheck.model.functions import FunctionInfo

        if isinstance(target, FunctionInfo) and target.scope.returns:
            found = None
            for returned in target.scope.returns:
                part = self._range(returned, target.scope, depth)
                if part is None:
                    return None
                found = part if found is None else found.hull(part)
            return found
        return None

    def _numpy_call(self, name: str, call: cst.Call, args: list, scope: Scope, depth: int) -> Range | None:
        last = name.split(".")[-1]
        is_random = name.startswith("random.")
        if is_random:
            return self._random(last, call, args, scope)
        if last in _SAME_RANGE_FUNCTIONS and args:
            if last in ("array", "asarray", "asfarray") and isinstance(args[0], (cst.List, cst.Tuple)):
                literal = self._literal(call, scope)
                if literal is not None:
                    return literal
                return self._hull(_elements(args[0]), scope, depth)
            return self._range(args[0], scope, depth)
        if last in _STACKS and args and isinstance(args[0], (cst.List, cst.Tuple)):
            return self._hull(_elements(args[0]), scope, depth)
        if last == "clip" and len(args) == 3:
            return self._clip(args[0], args[1], args[2], scope, depth)
        if last == "where" and len(args) == 3:
            return self._hull(args[1:], scope, depth)
        if last in ("abs", "absolute", "fabs") and len(args) == 1:
            inner = self._range(args[0], scope, depth)
            return None if inner is None else _absolute(inner)
        if last in ("floor", "ceil", "sign") and len(args) == 1:
            inner = self._range(args[0], scope, depth)
            if inner is None:
                return None
            return Range(-1.0, 1.0) if last == "sign" else Range(math.floor(inner.low), math.ceil(inner.high), inner.approximate, inner.mixed)
        if last in ("zeros", "zeros_like"):
            return Range(0.0, 0.0)
        if last in ("ones", "ones_like"):
            return Range(1.0, 1.0)
        if last in ("eye", "identity"):
            return Range(0.0, 1.0)
        if last == "full" and len(args) >= 2:
            return self._range(args[1], scope, depth)
        if last in ("linspace", "arange") and args:
            bounds = [self._constant(a, scope) for a in args[:2]]
            if any(b is None for b in bounds):
                return None
            if len(bounds) == 1:
                return Range(0.0, max(bounds[0] - 1, 0.0))
            return Range(min(bounds), max(bounds))
        return None

    def _random(self, last: str, call: cst.Call, args: list, scope: Scope, stdlib: bool = False) -> Range | None:
        def number(position: int, keyword: str, default=None):
            node = keyword_arg(call, keyword)
            if node is None and len(args) > position:
                node = args[position]
            if node is None:
                return default
            return self._constant(node, scope)

        if last in ("rand", "random", "random_sample", "ranf", "sample"):
            return Range(0.0, 1.0)
        if last in ("randn", "standard_normal"):
            return Range(-3.0, 3.0, approximate=True)
        if last == "uniform":
            low, high = number(0, "low", 0.0), number(1, "high", 1.0)
            return None if low is None or high is None else Range(min(low, high), max(low, high))
        if last == "normal":
            mean, spread = number(0, "loc", 0.0), number(1, "scale", 1.0)
            if mean is None or spread is None:
                return None
            return Range(mean - 3 * abs(spread), mean + 3 * abs(spread), approximate=True)
        if last in ("randint", "integers", "random_integers"):
            low, high = number(0, "low"), number(1, "high")
            if low is None:
                return None
            if high is None:
                low, high = 0.0, low
            # NumPy's randint and integers exclude `high`; the standard library's randint,
            # random_integers and integers(..., endpoint=True) include it
            inclusive = last == "random_integers" or stdlib
            endpoint = keyword_arg(call, "endpoint")
            if endpoint is not None and code(endpoint) == "True":
                inclusive = True
            if not inclusive and low == int(low) and high == int(high) and high > low:
                high -= 1
            return Range(low, high)
        if last in ("binomial",):
            trials = number(0, "n")
            return None if trials is None else Range(0.0, trials)
        if last in ("choice", "permutation", "shuffle", "seed", "default_rng", "RandomState"):
            return None
        return None

    def _constant(self, node: cst.BaseExpression, scope: Scope) -> float | None:
        try:
            value = ast.literal_eval(code(node))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = self.model.constant(node, scope)
            if value is None:
                found = self._range(node, scope, 0)
                if found is not None and found.low == found.high:
                    return found.low
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        return None

    def _clip(self, array, low, high, scope: Scope, depth: int) -> Range | None:
        bounds = [None if code(b) == "None" else self._constant(b, scope) for b in (low, high)]
        inner = self._range(array, scope, depth)
        if inner is None:
            if bounds[0] is None or bounds[1] is None:
                return None
            return Range(bounds[0], bounds[1])
        lower = inner.low if bounds[0] is None else min(max(inner.low, bounds[0]), bounds[1] if bounds[1] is not None else math.inf)
        upper = inner.high if bounds[1] is None else max(min(inner.high, bounds[1]), bounds[0] if bounds[0] is not None else -math.inf)
        return Range(lower, upper, inner.approximate, inner.mixed)

    def _hull(self, parts, scope: Scope, depth: int) -> Range | None:
        found = None
        for part in parts:
            value = None if part is None else self._range(part, scope, depth)
            if value is None:
                return None
            found = value if found is None else found.hull(value)
        return found

    def _generator(self, receiver: cst.BaseExpression, scope: Scope) -> str | None:
        """"numpy" for `rng` in `rng.uniform(...)` made by np.random.default_rng(...) or
        RandomState(...), "stdlib" for the standard library's `random` module, else None."""
        model = self.model
        if isinstance(receiver, cst.Name) and receiver.value == "random" and "random" in model.builder.imported \
                and not model.defs(("global", "random")):
            return "stdlib"
        values = model.values(receiver, scope)
        if values and all(
            isinstance(value, cst.Call)
            and (numpy_attribute(value.func) or "") in ("random.default_rng", "random.RandomState", "random.Generator")
            for value, _ in values
        ):
            return "numpy"
        return None

    # -- number of dimensions -----------------------------------------------------------------
    def ndim(self, expr: cst.BaseExpression, scope: Scope) -> int | None:
        """How many dimensions the array `expr` holds has (0 for a scalar), when every value it
        can hold agrees: 2 for a batch `X @ W1 + b1` of a 2-D `X`, 1 for one sample `X[i]`."""
        found = self._ndim(expr, scope, 0)
        return None if found is _CYCLE else found

    def _ndim(self, expr, scope: Scope, depth: int):
        ident = ("ndim", id(expr), id(scope))
        if ident in self._memo:
            return self._memo[ident]
        if ident in self._active:
            return _CYCLE  # `X = (X - X.mean(axis=0)) / X.std(axis=0)`: as many as X's other values
        if depth > _NDIM_DEPTH:
            return None
        self._active.add(ident)
        try:
            found = self._ndim_uncached(expr, scope, depth + 1)
        finally:
            self._active.discard(ident)
        if found is not _CYCLE:
            self._memo[ident] = found
        return found

    def _ndim_uncached(self, expr, scope: Scope, depth: int):
        model = self.model
        if isinstance(expr, (cst.Integer, cst.Float)):
            return 0
        key = model.key(expr, scope)
        if key is None and isinstance(expr, cst.Attribute):
            key = self._object_attribute(expr, scope)
        if key is not None:
            if model.constant(expr, scope) is not None:
                return 0
            defs = [d for d in model.defs(key) if d.augmented is None]
            if not defs:
                values = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
                return _agree([self._ndim(v, s, depth) for v, s in values]) if values else None
            parts = []
            for definition in defs:
                if model.is_update(definition):
                    continue  # `W = W - lr * dW` keeps W's shape
                if definition.value is not None:
                    parts.append(self._ndim(definition.value, definition.scope, depth))
                elif isinstance(definition.statement, cst.For):
                    parts.append(self._loop_element(definition, key, depth))
                # else: `X, y = load()`, whose elements the model binds as definitions of their own
            return _agree(parts) if parts else None
        forward = model.forward_at(expr)
        if forward is not None:
            return self._ndim(forward.argument, forward.scope, depth)
        if isinstance(expr, cst.UnaryOperation):
            return self._ndim(expr.expression, scope, depth)
        factors = matrix_product(expr)
        if factors is not None:
            left, right = (self._ndim_or_created(f, scope, depth) for f in factors)
            if not isinstance(left, int) or not isinstance(right, int) or min(left, right) < 1 or max(left, right) > 2:
                return None
            return left + right - 2
        if isinstance(expr, cst.BinaryOperation):
            return _broadcast([self._ndim_or_created(expr.left, scope, depth),
                               self._ndim_or_created(expr.right, scope, depth)])
        if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
            return _broadcast([self._ndim(expr.left, scope, depth),
                               self._ndim(expr.comparisons[0].comparator, scope, depth)])
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            return self._ndim(expr.value, scope, depth)
        if isinstance(expr, cst.Subscript):
            return self._ndim_subscript(expr, scope, depth)
        if isinstance(expr, cst.Call):
            return self._ndim_call(expr, scope, depth)
        if isinstance(expr, (cst.List, cst.Tuple)):
            literal = model.literal(expr, scope)
            return None if literal is None else literal.ndim
        return None

    def _ndim_or_created(self, expr, scope: Scope, depth: int):
        """The dimensions an array was created with, when what it holds cannot be followed (a
        parameter updated through a helper such as `update(W1, dW1)`: updates keep shapes; a
        function's argument that is a batch at one call and unknown at another)."""
        found = self._ndim(expr, scope, depth)
        if found is None and isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)):
            created = {self.model.shape(origin, scope) for origin in self.model.origins(expr, scope)}
            if len(created) == 1:
                shape = created.pop()
                return None if shape is None else len(shape)
        return found

    def _object_attribute(self, expr: cst.Attribute, scope: Scope) -> Key | None:
        """`dense2.output` where `dense2 = Dense(32, 4)`: the `self.output` of class Dense."""
        from nncheck.model.values import ClassInfo

        owners = set()
        values = self.model.values(expr.value, scope)
        for value, value_scope in values:
            owner = self.model.resolve_callable(value.func, value_scope) if isinstance(value, cst.Call) else None
            if not isinstance(owner, ClassInfo):
                return None
            owners.add(owner)
        if len(owners) != 1:
            return None
        return ("attr", owners.pop(), expr.attr.value)

    def _loop_element(self, definition, key: Key, depth: int):
        """A `for` target: an element of what the loop runs over (`for x_i, y_i in zip(X, Y)`,
        `for i in range(n)`, `for row in X`)."""
        statement = definition.statement
        if not isinstance(statement, cst.For):
            return None
        target, source = statement.target, statement.iter
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value in ("range", "enumerate", "zip"):
            name = source.func.value
            if name == "range":
                return 0 if isinstance(target, cst.Name) else None
            sources = positional_args(source)
            if not isinstance(target, (cst.Tuple, cst.List)):
                return None
            elements = [e.value for e in target.elements]
            position = next((i for i, e in enumerate(elements) if self.model.key(e, definition.scope) == key), None)
            if position is None:
                return None
            if name == "enumerate":
                if position == 0:
                    return 0
                sources = sources[:1]
                position = 0
            if position >= len(sources):
                return None
            whole = self._ndim(sources[position], definition.scope, depth)
        elif isinstance(target, cst.Name):
            whole = self._ndim(source, definition.scope, depth)
        else:
            return None
        return whole - 1 if isinstance(whole, int) and whole >= 1 else None

    def _ndim_subscript(self, expr: cst.Subscript, scope: Scope, depth: int):
        base = self._ndim(expr.value, scope, depth)
        if not isinstance(base, int):
            return base
        dropped = 0
        for element in expr.slice:
            index = element.slice
            if isinstance(index, cst.Slice):
                continue
            value = index.value
            if isinstance(value, cst.Name) and value.value == "None":
                dropped -= 1
                continue
            if isinstance(value, cst.Name) and value.value == "__element__":
                dropped += 1  # the model's stand-in for one element: a loop's `x_i` in `for x_i in X`
                continue
            inner = self._ndim(value, scope, depth)
            if inner == 0:
                dropped += 1
            elif inner == 1 and len(expr.slice) == 1:
                continue  # rows picked by an index array
            else:
                return None
        found = base - dropped
        return found if found >= 0 else None

    def _ndim_call(self, call: cst.Call, scope: Scope, depth: int):
        model = self.model
        args = positional_args(call)
        name = numpy_attribute(call.func)
        method = call.func.attr.value if name is None and isinstance(call.func, cst.Attribute) else None
        if name is None and method is not None and self._generator(call.func.value, scope) is not None:
            name = "random." + method
            method = None
        if name is not None:
            last = name.split(".")[-1]
            if name.startswith("random."):
                shape = model.shape(call, scope)
                if shape is not None:
                    return len(shape)
                size = keyword_arg(call, "size")
                if size is None:
                    positions = {"normal": 2, "uniform": 2, "randint": 2, "integers": 2, "choice": 1, "binomial": 2}
                    position = positions.get(last)
                    if position is not None and len(args) > position:
                        size = args[position]
                    elif last in ("rand", "randn"):
                        return len(args)
                    elif last in ("random", "random_sample", "standard_normal") and args:
                        size = args[0]
                    elif last in ("permutation",):
                        return 1
                    elif position is not None:
                        return 0
                if size is None:
                    return None
                if isinstance(size, (cst.Tuple, cst.List)):
                    return len(size.elements)
                return 1 if self._ndim(size, scope, depth) == 0 else None
            if last in ("zeros", "ones", "empty", "full", "zeros_like", "ones_like", "empty_like", "full_like"):
                shape = model.shape(call, scope)
                return None if shape is None else len(shape)
            if last in ("eye", "identity", "outer", "vstack", "column_stack", "row_stack", "atleast_2d"):
                return 2
            if last in ("arange", "linspace", "repeat", "bincount", "flatnonzero"):
                return 1
            if last in ("exp", "log", "tanh", "abs", "absolute", "sqrt", "square", "sign", "maximum", "minimum",
                        "clip", "where", "round", "floor", "ceil", "log1p", "expm1", "power", "multiply", "divide",
                        "add", "subtract", "copy", "array", "asarray", "float64", "float32"):
                if last in ("array", "asarray") and args and isinstance(args[0], (cst.List, cst.Tuple)):
                    literal = model.literal(call, scope)
                    return None if literal is None else literal.ndim
                return _broadcast([self._ndim(a, scope, depth) for a in args]) if args else None
            if last in ("sum", "max", "min", "mean", "std", "var", "amax", "amin", "argmax", "argmin", "prod") and args:
                return self._reduced(call, self._ndim(args[0], scope, depth))
            if last in ("hstack", "concatenate") and args and isinstance(args[0], (cst.List, cst.Tuple)):
                return _agree([self._ndim(e.value, scope, depth) for e in args[0].elements])
            if last in ("reshape",) and len(args) >= 2:
                return _reshaped(args[1:])
            if last in ("transpose",) and args:
                return self._ndim(args[0], scope, depth)
            return None
        if method is not None:
            base = call.func.value
            if method in ("sum", "max", "min", "mean", "std", "var", "argmax", "argmin", "prod"):
                return self._reduced(call, self._ndim(base, scope, depth))
            if method in ("copy", "astype", "clip", "round", "transpose"):
                return self._ndim(base, scope, depth)
            if method in ("ravel", "flatten"):
                return 1
            if method == "reshape" and args:
                return _reshaped(args)
            if method == "item":
                return 0
        target = model.resolve_callable(call.func, scope)
        from nncheck.model.functions import FunctionInfo

        if isinstance(target, FunctionInfo) and target.scope.returns:
            return _agree([self._ndim(r, target.scope, depth) for r in target.scope.returns])
        return None

    def _reduced(self, call: cst.Call, base):
        if not isinstance(base, int):
            return base
        axis = keyword_arg(call, "axis")
        args = positional_args(call)
        if axis is None and numpy_attribute(call.func) is not None and len(args) >= 2:
            axis = args[1]
        elif axis is None and numpy_attribute(call.func) is None and args:
            axis = args[0]
        keepdims = keyword_arg(call, "keepdims")
        if keepdims is not None and code(keepdims) == "True":
            return base
        if axis is None or code(axis) == "None":
            return 0
        return base - 1 if base >= 1 else None

    # -- softmax row sums ------------------------------------------------------------------------
    @functools.cached_property
    def row_sums_without_keepdims(self) -> list["RowSum"]:
        """Softmax normalisations `e / e.sum(axis=1)` of a 2-D array, the sum taken over its
        last axis without `keepdims`: `e` holds exponentials (`e = np.exp(z - ...)`)."""
        model = self.model
        if model.layout == "columns":
            return []  # there the classes are axis 0, and a sum over axis 1 is NN104's wrong axis
        if self._one_row_batches:
            # `x = X[i:i + 1]` trains on 2-D batches of one row, where `e / e.sum(axis=1)` is
            # right: the (1,) sum broadcasts over the classes
            return []
        found = []
        for node, scope in model.builder.scope_of_node.items():
            if not (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide)):
                continue
            summed = _last_axis_sum(node.right)
            if summed is None or code(summed) != code(node.left):
                continue
            if not self._exponentials(node.left, scope):
                continue
            if self.ndim(node.left, scope) != 2:
                continue
            found.append(RowSum(node, node.right, node.left, scope))
        return found

    @functools.cached_property
    def _one_row_batches(self) -> bool:
        """Whether the file cuts one-row batches: `X[i:i + 1]`, `X[[i]]`, `x.reshape(1, -1)`."""
        for node in self.model.builder.scope_of_node:
            if isinstance(node, cst.Subscript) and node.slice:
                first = node.slice[0].slice
                if isinstance(first, cst.Slice) and first.lower is not None and first.upper is not None:
                    upper = code(first.upper).replace(" ", "")
                    if upper in (code(first.lower).replace(" ", "") + "+1", "1+" + code(first.lower).replace(" ", "")):
                        return True
                if isinstance(first, cst.Index) and isinstance(first.value, cst.List) and len(first.value.elements) == 1:
                    return True
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "reshape":
                args = positional_args(node)
                if args and code(args[0]) == "1":
                    return True
        return False

    def _exponentials(self, expr, scope: Scope) -> bool:
        values = self.model.values(expr, scope) if self.model.key(expr, scope) is not None else [(expr, scope)]
        return bool(values) and all(
            isinstance(value, cst.Call) and numpy_attribute(value.func) == "exp" for value, _ in values
        )

    # -- shuffles ------------------------------------------------------------------------------
    @functools.cached_property
    def shuffles(self) -> list["Shuffle"]:
        """Every random reordering of an array: `np.random.shuffle(X)` (`rng.shuffle`,
        `random.shuffle`) in place, and `Xs = X[np.random.permutation(n)]` (or an index name
        holding one such draw). Each has its `draw`: the call, or the name, that made the order."""
        model = self.model
        found = []
        for call, scope in model.builder.calls:
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value == "shuffle"):
                continue
            if numpy_attribute(func) != "random.shuffle" and self._generator(func.value, scope) is None:
                continue
            args = positional_args(call)
            if len(args) != 1 or len(call.args) != 1:
                continue
            key = model.key(args[0], scope)
            statement = model.parent(call)
            if key is None or not isinstance(statement, cst.Expr):
                continue
            found.append(Shuffle(statement, key, key, args[0], call, call, scope, "in-place"))
        for definition in itertools.chain.from_iterable(model.definitions.values()):
            value = definition.value
            if not isinstance(value, cst.Subscript) or definition.augmented is not None:
                continue
            # `X[order]`, `X[order, ...]`, `X[order, :]`: rows picked, every column kept
            if any(not _keeps_axis(element.slice) for element in value.slice[1:]):
                continue
            index = value.slice[0].slice
            if not isinstance(index, cst.Index):
                continue
            source_key = model.key(value.value, definition.scope)
            draw = self._draw(index.value, definition.scope)
            if source_key is None or draw is None:
                continue
            found.append(Shuffle(definition.statement, definition.key, source_key, value.value, draw, index.value,
                                 definition.scope, "indexed"))
        return found

    def _draw(self, index, scope: Scope):
        """The permutation call an index holds: the call itself, or the one call a name was
        given; None for anything else (a slice, an index computed otherwise)."""
        if self._is_permutation(index, scope):
            return index
        key = self.model.key(index, scope)
        if key is None:
            return None
        defs = self.model.defs(key)
        if len(defs) == 1 and defs[0].value is not None and self._is_permutation(defs[0].value, defs[0].scope):
            return defs[0].value
        return None

    def _is_permutation(self, node, scope: Scope) -> bool:
        """A random draw of row indices: `np.random.permutation(n)` (or part of one,
        `np.random.permutation(n)[:batch]`), `np.random.choice(n, batch)`, `rng.permutation`."""
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Slice):
            node = node.value
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return False
        if node.func.attr.value not in ("permutation", "choice"):
            return False
        if numpy_attribute(node.func) in ("random.permutation", "random.choice"):
            return True
        receiver = node.func.value
        # `np.random.default_rng(0).permutation(n)` twice gives the same order twice
        return not isinstance(receiver, cst.Call) and self._generator(receiver, scope) == "numpy"

    @functools.cached_property
    def unpaired_shuffles(self) -> list[tuple["Shuffle", "Shuffle"]]:
        """Two arrays that belong together (used side by side: `X[:split], y[:split]`,
        `zip(X, y)`, `train(X, y)`) reordered in one block by two separate random draws."""
        model = self.model
        by_block: dict = {}
        for shuffle in self.shuffles:
            line = _enclosing_line(model, shuffle.statement)
            if line is None:
                continue
            by_block.setdefault(model.parent(line), []).append((line, shuffle))
        found = []
        for block, members in by_block.items():
            body = list(getattr(block, "body", ()))
            members.sort(key=lambda pair: body.index(pair[0]) if pair[0] in body else -1)
            for (first_line, first), (second_line, second) in zip(members, members[1:]):
                if first.key == second.key or first.draw is second.draw or first_line not in body \
                        or second_line not in body:
                    continue
                between = body[body.index(first_line) + 1:body.index(second_line)]
                if any("set_state" in code(line) or "seed" in code(line) for line in between):
                    continue  # the second draw replays the first
                if not self._used_together(first, second):
                    continue
                found.append((first, second))
        return found

    def _used_together(self, first: "Shuffle", second: "Shuffle") -> bool:
        pairs = [(first.key, second.key), (first.source_key, second.source_key)]
        return any(keys in self._keys_used_together for keys in pairs) or any(
            tuple(reversed(keys)) in self._keys_used_together for keys in pairs
        )

    @functools.cached_property
    def _keys_used_together(self) -> set:
        """Pairs of arrays used row for row: passed side by side to one call (`zip(X, y)`,
        `train(X, y)`, `fit(X[:80], y[:80])`) or selected with the same rows (`X[i:i + b]` and
        `y[i:i + b]`, `X[:split]` and `y[:split]`)."""
        model = self.model
        together = set()
        groups: list[set] = []
        by_index: dict = {}
        for node, scope in model.builder.scope_of_node.items():
            if isinstance(node, cst.Subscript) and model.key(node, scope) is None and node.slice:
                base = model.key(node.value, scope)
                first = node.slice[0].slice
                by_rows = (
                    isinstance(first, cst.Slice) and (first.lower is not None or first.upper is not None)
                ) or (isinstance(first, cst.Index) and isinstance(first.value, (cst.Name, cst.BinaryOperation)))
                if base is not None and by_rows:
                    index = code(cst.Subscript(value=cst.Name("_"), slice=node.slice))
                    by_index.setdefault((id(scope), index), set()).add(base)
            elif isinstance(node, cst.Call):
                arrays = set()
                for arg in node.args:
                    value = arg.value
                    while True:
                        if isinstance(value, cst.Subscript):
                            value = value.value
                        elif isinstance(value, cst.Call) and positional_args(value) and (
                            numpy_attribute(value.func) in ("array_split", "split", "asarray", "array")
                        ):
                            value = positional_args(value)[0]  # the same rows, cut into batches
                        else:
                            break
                    key = model.key(value, scope) if isinstance(value, (cst.Name, cst.Attribute)) else None
                    if key is not None:
                        arrays.add(key)
                groups.append(arrays)
        groups.extend(by_index.values())
        # the network's inputs and the labels its error is computed against belong together
        inputs = self._named(((layer.input, layer.scope) for layer in model.layers))
        labels = self._named(((error.labels, error.scope) for error in model.errors))
        for a in inputs:
            for b in labels:
                groups.append({a, b})
        for keys in groups:
            for a in keys:
                for b in keys:
                    if a != b:
                        together.add((a, b))
        return together

    def _named(self, pairs) -> set:
        """The keys of these expressions and of the names they were assigned from (`l0 = X`)."""
        model = self.model
        found = set()
        pending = [(expr, scope, 0) for expr, scope in pairs]
        while pending:
            expr, scope, depth = pending.pop()
            key = model.key(expr, scope)
            if key is None or key in found:
                continue
            found.add(key)
            if depth < 4:
                pending.extend(
                    (d.value, d.scope, depth + 1) for d in model.defs(key)
                    if isinstance(d.value, (cst.Name, cst.Attribute)) and d.augmented is None
                )
        return found

    # -- layers without a bias -------------------------------------------------------------------
    @functools.cached_property
    def layers_without_bias(self) -> list["DenseProduct"]:
        """Dense products `inp @ W` of the forward pass (under an activation, or compared with
        the labels) to which nothing is ever added, whose weight gets no bias anywhere else
        either, and whose input carries no column of ones (the bias folded into W)."""
        model = self.model
        products: list[DenseProduct] = []
        for application in model.applications:
            if application.is_forward:
                products.extend(self._dense_under(application.argument, application.scope, False, 0))
        for error in model.errors:
            if not hasattr(error.source, "behaviour") and error.source is not None:
                layer = error.source
                products.extend(self._dense_under(layer.whole, layer.scope, False, 0))
        biased = set()
        for layer in model.layers:
            if layer.bias is not None or layer.bias_inside:
                biased.add(self._identity(layer.weight, layer.scope))
        for product in products:
            if product.added:
                biased.add(product.identity)
        found, seen = [], set()
        for product in products:
            if product.identity in biased or product.product in seen:
                continue
            seen.add(product.product)
            if self._fan_in(product) != 1 and self._carries_ones(product.input, product.scope, 0):
                continue
            found.append(product)
        return found

    def _is_weight(self, expr, scope: Scope) -> bool:
        """A trained parameter: made by np.random/np.zeros and updated, or updated under a name
        that was passed in for it (`forward(X, w)` with `w = w - lr * grad` in the caller)."""
        model = self.model
        if model.is_trained(expr, scope):
            return True
        key = model.key(expr, scope)
        if key is None:
            return False
        if model.is_updated(key):
            return True
        return any(
            d.from_call and d.value is not None and model.is_updated(model.key(d.value, d.scope))
            for d in model.defs(key)
        )

    def _fan_in(self, product: "DenseProduct"):
        """How many inputs the weight takes (1 leaves no room for a column of ones)."""
        shapes = {self.model.shape(origin, product.scope) for origin in self.model.origins(product.weight, product.scope)}
        if len(shapes) != 1:
            return None
        shape = shapes.pop()
        if shape is None or len(shape) != 2:
            return None
        factors = matrix_product(product.product)
        return shape[0] if factors is not None and factors[1] is product.weight else shape[1]

    def _identity(self, weight, scope: Scope):
        origins = self.model.origins(weight, scope)
        return origins if origins else code(weight)

    def _dense_under(self, expr, scope: Scope, added: bool, depth: int) -> Iterator["DenseProduct"]:
        if depth > 4:
            return
        model = self.model
        factors = matrix_product(expr)
        if factors is not None:
            left, right = factors
            if any(isinstance(f, cst.Attribute) and f.attr.value == "T" for f in factors):
                return
            if isinstance(expr, cst.Call) and len(expr.args) > 2:
                return  # `np.dot(h, W, b)`: a bias meant as the third argument (NN307)
            left_made, right_made = (self._is_weight(f, scope) for f in factors)
            if left_made == right_made:
                return
            weight, inp = (right, left) if right_made else (left, right)
            yield DenseProduct(expr, inp, weight, scope, added, self._identity(weight, scope))
            return
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Subtract)):
            yield from self._dense_under(expr.left, scope, True, depth + 1)
            yield from self._dense_under(expr.right, scope, True, depth + 1)
            return
        key = model.key(expr, scope)
        if key is not None:
            grown = added or any(isinstance(d.augmented, (cst.AddAssign, cst.SubtractAssign)) for d in model.defs(key))
            for value, value_scope in model.values(expr, scope):
                if value is not expr:
                    yield from self._dense_under(value, value_scope, grown, depth + 1)

    def _carries_ones(self, expr, scope: Scope, depth: int) -> bool:
        """Whether the array may hold a constant column (a bias folded into the weights):
        built with ones, inserted, appended or padded, a literal with a constant column, or
        anything not known at all (read from a file, an unknown call)."""
        if depth > 8:
            return True
        ident = ("ones", id(expr), id(scope))
        if ident in self._active:
            return False  # `out = layer.forward(out)`: the loop adds nothing the start did not hold
        self._active.add(ident)
        try:
            return self._carries_ones_uncached(expr, scope, depth)
        finally:
            self._active.discard(ident)

    def _carries_ones_uncached(self, expr, scope: Scope, depth: int) -> bool:
        model = self.model
        forward = model.forward_at(expr)
        if forward is not None:
            return False
        literal = model.literal(expr, scope)
        if literal is not None:
            return literal.ndim == 2 and literal.shape[0] > 1 and bool((literal == literal[:1]).all(axis=0).any())
        key = model.key(expr, scope)
        if key is not None:
            values = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
            if not values:
                return True  # nothing known about it: it may hold anything
            return any(self._carries_ones(v, s, depth + 1) for v, s in values)
        for node in model.walk(expr):
            if isinstance(node, cst.Call):
                name = (call_name(node) or "").split(".")[-1]
                if name in ("ones", "ones_like", "insert", "append", "pad", "full", "full_like", "c_", "r_"):
                    return True
                if numpy_attribute(node.func) is None and not isinstance(node.func, cst.Attribute):
                    target = model.resolve_callable(node.func, scope)
                    from nncheck.model.functions import FunctionInfo
                    from nncheck.model.values import ClassInfo

                    if isinstance(target, FunctionInfo):
                        if any(self._carries_ones(r, target.scope, depth + 1) for r in target.scope.returns):
                            return True
                    elif node is expr and not isinstance(target, ClassInfo):
                        return True  # an unknown function's result may hold anything
            elif isinstance(node, cst.Subscript) and isinstance(node.value, cst.Attribute) and \
                    node.value.attr.value in ("c_", "r_"):
                return True
            elif isinstance(node, cst.List) and any(
                isinstance(element.value, (cst.Integer, cst.Float)) for element in node.elements
            ) and any(isinstance(element.value, (cst.Name, cst.Attribute, cst.BinaryOperation, cst.Subscript))
                      for element in node.elements):
                return True  # a row such as [x, 1]
            elif node is not expr and isinstance(node, (cst.Name, cst.Attribute)) and model.key(node, scope) is not None:
                inner = [(v, s) for v, s in model.values(node, scope) if v is not node]
                # a name with no value here is a loop counter or a number: it adds no column
                if any(self._carries_ones(v, s, depth + 1) for v, s in inner):
                    return True
        if isinstance(expr, cst.Call) and (numpy_attribute(expr.func) or "") in ("loadtxt", "genfromtxt", "load"):
            return True
        return False

    # -- inputs of saturating layers ------------------------------------------------------------
    @functools.cached_property
    def saturating_inputs(self) -> list["LayerInput"]:
        """The arrays multiplied into the pre-activation of a sigmoid or tanh layer, with their
        ranges where known: `X` in `sigmoid(X @ W1 + b1)`, through names (`z = X @ W1 + b1`)
        and loops over layers. A product scaled after it is taken (`(X @ W) / 255`) is left out."""
        model = self.model
        found = []
        layers = {layer.product: layer for layer in model.layers}
        for application in model.applications:
            if not application.is_forward or application.behaviour.kind not in ("sigmoid", "tanh"):
                continue
            for product, scope in self._products_under(application.argument, application.scope, 0):
                factors = matrix_product(product)
                if factors is None:
                    continue
                layer = layers.get(product)
                if layer is not None:
                    candidates = [(layer.input, layer.weight)]
                else:
                    candidates = [(factors[0], factors[1]), (factors[1], factors[0])]
                for array, weight in candidates:
                    values = self.value_range(array, scope)
                    if values is None:
                        continue
                    if layer is None:
                        other = self.value_range(weight, scope)
                        if other is not None and other.magnitude >= values.magnitude:
                            continue  # not clear which factor is the data
                    found.append(LayerInput(application, product, array, weight, scope, values))
        return found

    def _products_under(self, expr, scope: Scope, depth: int) -> Iterator[tuple[cst.BaseExpression, Scope]]:
        """Matrix products that `expr` adds up (`X @ W + b`), through names."""
        if depth > 4:
            return
        model = self.model
        if matrix_product(expr) is not None:
            yield expr, scope
            return
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Subtract)):
            yield from self._products_under(expr.left, scope, depth + 1)
            yield from self._products_under(expr.right, scope, depth + 1)
            return
        if model.key(expr, scope) is not None:
            for value, value_scope in model.values(expr, scope):
                if value is not expr:
                    yield from self._products_under(value, value_scope, depth + 1)

    # -- arrays changed in place --------------------------------------------------------------
    @functools.cached_property
    def _writes(self) -> dict:
        """In-place writes into part of an array, by the array's key: `X[:, 0] /= 255`,
        `X[mask] = 0`, `imgs[i, :4] += noise`."""
        found: dict = {}
        model = self.model
        for node, scope in model.builder.scope_of_node.items():
            if isinstance(node, cst.AugAssign) and isinstance(node.target, cst.Subscript):
                if model.key(node.target, scope) is not None:
                    continue  # params["W1"] -= ...: an item of its own, not part of an array
                operator = {cst.AddAssign: "+", cst.SubtractAssign: "-"}.get(type(node.operator), "*")
                writes = [(node.target, operator, node.value)]
            elif isinstance(node, cst.Assign):
                writes = [(t.target, "=", node.value) for t in node.targets
                          if isinstance(t.target, cst.Subscript) and model.key(t.target, scope) is None]
            else:
                continue
            for target, operator, value in writes:
                while isinstance(target, cst.Subscript):
                    target = target.value
                base_key = model.key(target, scope)
                if base_key is not None:
                    found.setdefault(base_key, []).append((operator, value, scope))
        return found

    def _added_in_place(self, key: Key, depth: int) -> list[Range] | None:
        """What is added to parts of the array in place (a list, maybe empty), or None when it
        is changed in any other way or by an unknown amount."""
        added = []
        for operator, value, scope in self._writes.get(key, ()):
            if operator not in ("+", "-"):
                return None
            amount = self._range(value, scope, depth)
            if amount is None:
                return None
            added.append(amount if operator == "+" else Range(-amount.high, -amount.low, amount.approximate))
        return added


_LARGEST_FILE = 1 << 20


@functools.lru_cache(maxsize=32)
def _read_table(path: str, reader: str, options: tuple):
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > _LARGEST_FILE:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read = np.loadtxt if reader == "loadtxt" else np.genfromtxt
            array = read(path, dtype=float, **dict(options))
    except Exception:  # noqa: BLE001 - a file that does not read as a table is simply unknown
        return None
    if array.size == 0 or not np.all(np.isfinite(array)):
        return None
    return array


def _range_of_array(array) -> Range | None:
    if array is None or array.size == 0 or array.dtype.kind not in "biuf":
        return None
    low, high = float(array.min()), float(array.max())
    return Range(low, high, mixed=low != high)


_CYCLE = object()


def _keeps_axis(index) -> bool:
    if isinstance(index, cst.Slice):
        return index.lower is None and index.upper is None and index.step is None
    return isinstance(index.value, cst.Ellipsis)


def _enclosing_line(model, node):
    while node is not None and not isinstance(node, cst.SimpleStatementLine):
        node = model.parent(node)
    return node


def _last_axis_sum(node: cst.BaseExpression) -> cst.BaseExpression | None:
    """`a` in `np.sum(a, axis=1)`, `a.sum(axis=-1)`, `np.sum(a, 1)` without keepdims=True."""
    if not isinstance(node, cst.Call):
        return None
    args = positional_args(node)
    keepdims = keyword_arg(node, "keepdims")
    if keepdims is not None and code(keepdims) != "False":
        return None
    if numpy_attribute(node.func) == "sum" and args:
        summed, axis = args[0], keyword_arg(node, "axis") or (args[1] if len(args) > 1 else None)
    elif numpy_attribute(node.func) is None and isinstance(node.func, cst.Attribute) and node.func.attr.value == "sum":
        summed, axis = node.func.value, keyword_arg(node, "axis") or (args[0] if args else None)
    else:
        return None
    if axis is None or code(axis).replace(" ", "") not in ("1", "-1"):
        return None
    return summed


def _agree(parts: list):
    """The one answer every part gives (parts that only led back to themselves aside)."""
    known = {part for part in parts if part is not _CYCLE}
    if not known:
        return _CYCLE if parts else None
    if None in known or len(known) != 1:
        return None
    return known.pop()


def _broadcast(parts: list):
    """Operands broadcast to the most dimensions any of them has."""
    known = [part for part in parts if part is not _CYCLE]
    if not known:
        return _CYCLE
    if any(part is None for part in known):
        return None
    return max(known)


def _reshaped(args: list) -> int | None:
    if len(args) == 1 and isinstance(args[0], (cst.Tuple, cst.List)):
        return len(args[0].elements)
    if len(args) == 1:
        return 1
    return len(args)


def _absolute(inner: Range) -> Range:
    low = 0.0 if inner.low <= 0 <= inner.high else min(abs(inner.low), abs(inner.high))
    return Range(low, inner.magnitude, inner.approximate, inner.mixed)


def _elements(node: cst.BaseExpression) -> list[cst.BaseExpression | None]:
    # a starred element's values are not known: None makes the hull unknown
    return [None if isinstance(e, cst.StarredElement) else e.value for e in node.elements]


def _constant_index(expr: cst.Subscript) -> tuple | None:
    """The index of `a[0:2, 1]` as Python values, when every part of it is a literal."""
    def value(part):
        if part is None:
            return None
        found = ast.literal_eval(code(part))
        if not isinstance(found, int) or isinstance(found, bool):
            raise ValueError(part)
        return found

    index = []
    try:
        for element in expr.slice:
            inner = element.slice
            if isinstance(inner, cst.Index):
                index.append(value(inner.value))
            else:
                index.append(slice(value(inner.lower), value(inner.upper), value(inner.step)))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return tuple(index)


def data(model: "NetworkModel") -> DataFacts:
    """The DataFacts of a model, built once and shared by the rules that read them."""
    return model.facts(DataFacts)


__all__ = ["DataFacts", "DenseProduct", "LayerInput", "Range", "RowSum", "Shuffle", "data"]
