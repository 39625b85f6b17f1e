"""Shapes, dtypes and aliases of arrays, read statically from the code.

The network model knows the shapes of *created* arrays (`NetworkModel.shape`: `np.zeros`,
`np.random.*`, literals). This module carries them through what the code then does with them:

  shape_of(expr)   `@` / `np.dot` / `.dot`, `.T`, `reshape`/`ravel`, broadcasting of elementwise
                   operators and functions, reductions (`sum(axis=k, keepdims=...)`), basic
                   slicing, activations (which keep their argument's shape)
  dtype_of(expr)   "int", "float" or "bool" for created arrays and arithmetic on them
  chains           `a = b = np.zeros(...)`: one array bound to several names

A shape is a tuple of dims. A dim is an int when it is known, the canonical source text of a
size when it is symbolic (`'n_hidden'`, `'X.shape[1]'`, `len(X)` reads as `'X.shape[0]'`), or
None when it is not known at all. Two dims are the same only when equal ints or equal texts;
they certainly differ only when they are different ints. Whatever cannot be read is None:
rules stay silent on it.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import libcst as cst

from nncheck.model.values import (
    CREATION_FUNCTIONS,
    Key,
    Scope,
    call_name,
    code,
    keyword_arg,
    matrix_product,
    numpy_attribute,
    positional_args,
    transposed_base,
)

if TYPE_CHECKING:
    from nncheck.model.network import NetworkModel

Dim = Any  # int | str | None
Shape = tuple

MAX_DEPTH = 24
MAX_CALL_CONTEXT = 3  # calls followed into one another when reading what a call returns
CONTEXT_BUDGET = 200  # calls read with their own arguments, per file
_MINUS_ONE = cst.parse_expression("-1")

ELEMENTWISE_FUNCTIONS = frozenset({
    "exp", "log", "log2", "log10", "log1p", "expm1", "tanh", "sinh", "cosh", "arctan", "sin",
    "cos", "abs", "absolute", "fabs", "sqrt", "square", "sign", "negative", "reciprocal", "floor",
    "ceil", "round", "around", "rint", "clip", "nan_to_num", "isnan", "isfinite", "logical_not",
    "copy", "array", "asarray", "asfarray", "ascontiguousarray", "float32", "float64",
    "special.expit", "heaviside",
})
BROADCASTING_FUNCTIONS = frozenset({
    "maximum", "minimum", "fmax", "fmin", "add", "subtract", "multiply", "divide", "true_divide",
    "power", "where", "greater", "less", "equal", "not_equal", "logical_and", "logical_or",
})
REDUCTIONS = frozenset({
    "sum", "mean", "max", "min", "prod", "std", "var", "argmax", "argmin", "all", "any", "amax",
    "amin", "nansum", "nanmean", "average",
})
SHAPE_KEEPING_METHODS = frozenset({"copy", "astype", "clip", "round"})

_INT_DTYPES = frozenset({
    "int", "int8", "int16", "int32", "int64", "intc", "intp", "int_", "uint", "uint8", "uint16",
    "uint32", "uint64", "integer", "long", "short", "longlong",
})
_FLOAT_DTYPES = frozenset({
    "float", "float16", "float32", "float64", "float_", "double", "single", "half", "longdouble",
    "floating", "complex", "complex64", "complex128",
})
_BOOL_DTYPES = frozenset({"bool", "bool_", "bool8"})


# -- dims ---------------------------------------------------------------------------------------

def same(first: Dim, second: Dim) -> bool:
    """Certainly the same size: equal ints or the same symbolic text."""
    return first is not None and second is not None and first == second


def differ(first: Dim, second: Dim) -> bool:
    """Certainly different sizes: two different ints."""
    return isinstance(first, int) and isinstance(second, int) and first != second


def known(shape: Shape | None) -> bool:
    """A shape whose every dim is an int."""
    return shape is not None and all(isinstance(d, int) for d in shape)


def show(shape: Shape) -> str:
    """`(3, 4)`, `(n,)`, `(n_hidden, ?)`."""
    parts = ["?" if d is None else str(d) for d in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def broadcast(first: Shape | None, second: Shape | None) -> Shape | None:
    """NumPy broadcasting of two shapes; None when either is unknown or they cannot broadcast."""
    if first is None or second is None:
        return None
    result = []
    for index in range(1, max(len(first), len(second)) + 1):
        a = first[-index] if index <= len(first) else 1
        b = second[-index] if index <= len(second) else 1
        if a == 1:
            result.append(b)
        elif b == 1:
            result.append(a)
        elif same(a, b):
            result.append(a)
        elif differ(a, b):
            return None
        else:
            result.append(None)
    return tuple(reversed(result))


def broadcast_fails(first: Shape | None, second: Shape | None) -> bool:
    """Certainly cannot broadcast: some aligned pair of known ints differs and neither is 1."""
    if first is None or second is None:
        return False
    for a, b in zip(reversed(first), reversed(second)):
        if a != 1 and b != 1 and differ(a, b):
            return True
    return False


def _join(shapes: list[Shape]) -> Shape | None:
    """The shape several possible values share: dims that agree are kept, others unknown."""
    if not shapes or any(shape is None for shape in shapes):
        return None
    if len({len(shape) for shape in shapes}) != 1:
        return None
    return tuple(
        dims[0] if all(same(dims[0], d) for d in dims[1:]) else None
        for dims in zip(*shapes)
    )


def _slice_length(dim: Dim, index: cst.Slice) -> Dim:
    """How many elements `[lower:upper]` keeps of a known dim (None when either is unknown)."""
    if not isinstance(dim, int):
        return None
    bounds = []
    for bound in (index.lower, index.upper, index.step):
        value = None if bound is None else _int_literal(bound)
        if bound is not None and not isinstance(value, int):
            return None
        bounds.append(value)
    return len(range(dim)[slice(*bounds)]) if bounds[2] != 0 else None


def _squeeze(base: Shape | None) -> Shape | None:
    """`squeeze()` drops the dims of size 1; a dim that might be 1 leaves the result unknown."""
    if base is None or any(not isinstance(d, int) for d in base):
        if base is not None and all(d != 1 and d is not None for d in base):
            return base  # symbolic sizes that are not 1 as far as the code says: kept
        return None
    return tuple(d for d in base if d != 1)


def _expand(base: Shape | None, axis: Any) -> Shape | None:
    if base is None or not isinstance(axis, int) or not -len(base) - 1 <= axis <= len(base):
        return None
    position = axis % (len(base) + 1)
    return base[:position] + (1,) + base[position:]


def _int_literal(node: cst.BaseExpression) -> Any:
    try:
        value = ast.literal_eval(code(node))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return value


def _dtype_name(node: cst.BaseExpression | None) -> str | None:
    """'int', 'float' or 'bool' for a dtype expression: int, np.int32, 'float64', np.float_."""
    if node is None:
        return None
    if isinstance(node, cst.SimpleString):
        text = str(node.evaluated_value)
    else:
        text = code(node).split(".")[-1]
    if text in _INT_DTYPES:
        return "int"
    if text in _FLOAT_DTYPES:
        return "float"
    if text in _BOOL_DTYPES:
        return "bool"
    return None


# -- the analysis -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Chain:
    """`a = b = value`: one array bound to several names in one statement."""

    statement: cst.Assign
    keys: tuple[Key, ...]
    targets: tuple[cst.BaseExpression, ...]
    value: cst.BaseExpression
    scope: Scope


# Steps one top-level shape query may take: names that feed each other in a loop
# (a = a + b; b = b * a) would otherwise be re-explored along every path.
QUERY_BUDGET = 2000


class Shapes:
    """Shape, dtype and alias queries over one NetworkModel (cached per model: use `shapes()`)."""

    def __init__(self, model: "NetworkModel") -> None:
        self.model = model
        self._shape_cache: dict[int, Shape | None] = {}
        self._dtype_cache: dict[int, str | None] = {}
        self._active: set = set()
        # The calls whose returned value is being read, innermost last: inside them, a parameter
        # holds that call's argument (`predict(X_val)` returns X_val's rows, not every caller's).
        self._context: tuple = ()
        self._context_budget = CONTEXT_BUDGET
        self._call_memo: dict = {}
        self._assumed: dict = {}  # a name read through itself: the shape it is taken to hold
        self._cut = False  # set when an answer was cut short by a cycle or the depth limit
        self._budget = QUERY_BUDGET

    @functools.cached_property
    def _applications(self) -> dict:
        # built on first need: classifying activations runs them, which most queries never need
        return {a.node: a for a in self.model.applications}

    # -- shapes ------------------------------------------------------------------------------
    def shape_of(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> Shape | None:
        """The shape an expression's value has, as far as the code shows (see the module doc)."""
        ident = (id(expr), self._context) if self._context else id(expr)
        if ident in self._shape_cache:
            return self._shape_cache[ident]
        if depth == 0:
            self._budget = QUERY_BUDGET
        self._budget -= 1
        if ident in self._active or depth > MAX_DEPTH or self._budget < 0:
            self._cut = True
            return None  # defined through itself (a = f(a)), or too tangled to follow: unknown
        outer_cut, self._cut = self._cut, False
        self._active.add(ident)
        try:
            shape = self._shape(expr, scope, depth + 1)
        finally:
            self._active.discard(ident)
        # An answer reached without cutting a cycle is final and is kept, None included;
        # without that, chains such as `a = a + b; b = b * a` are explored exponentially.
        if depth == 0 or shape is not None or not self._cut:
            self._shape_cache[ident] = shape
        self._cut = outer_cut or self._cut
        return shape

    def _shape(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> Shape | None:
        model = self.model
        if isinstance(expr, (cst.Integer, cst.Float)) or (
            isinstance(expr, cst.Attribute) and numpy_attribute(expr) in ("pi", "e", "inf", "nan", "euler_gamma")
        ):
            return ()
        key = model.key(expr, scope)
        if key is not None:
            return self._shape_of_key(expr, key, scope, depth)
        if isinstance(expr, cst.UnaryOperation):
            if isinstance(expr.operator, cst.Not):
                return None
            return self.shape_of(expr.expression, scope, depth)
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            base = self.shape_of(expr.value, scope, depth)
            return None if base is None else tuple(reversed(base))
        factors = matrix_product(expr)
        if factors is not None:
            if isinstance(expr, cst.Call) and numpy_attribute(expr.func) is not None and len(positional_args(expr)) > 2:
                return None  # np.dot(a, b, out): what it computes depends on `out`
            return matmul_shape(self.shape_of(factors[0], scope, depth), self.shape_of(factors[1], scope, depth))
        if isinstance(expr, cst.BinaryOperation):
            return broadcast(self.shape_of(expr.left, scope, depth), self.shape_of(expr.right, scope, depth))
        if isinstance(expr, cst.Comparison):
            if len(expr.comparisons) != 1 or isinstance(
                expr.comparisons[0].operator, (cst.In, cst.NotIn, cst.Is, cst.IsNot)
            ):
                return None
            return broadcast(self.shape_of(expr.left, scope, depth),
                             self.shape_of(expr.comparisons[0].comparator, scope, depth))
        if isinstance(expr, cst.Subscript):
            return self._subscript(expr, scope, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, scope, depth)
        if isinstance(expr, (cst.List, cst.Tuple)):
            array = model.literal(expr, scope)
            return None if array is None else tuple(int(n) for n in array.shape)
        return None

    def _shape_of_key(self, expr, key: Key, scope: Scope, depth: int) -> Shape | None:
        model = self.model
        if model.constant(expr, scope) is not None:
            return ()
        defs = [d for d in model.defs(key) if d.augmented is None]
        # `W = W - lr * dW` steps the parameter; its shape is the one it was created with
        kept = [d for d in defs if not model.is_update(d)]
        defs = kept or defs
        if not defs:
            found = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
            if not found:
                return None
            return _join([self.shape_of(v, s, depth) for v, s in found])
        if self._context and key[0] == "local" and key[2] in key[1].params:
            call = self._call_on_top()
            bound = [d for d in defs if d.from_call and d.statement is call]
            if bound:
                defs = [d for d in defs if not d.from_call and not isinstance(d.statement, cst.Param)]
                if any(d.value is None for d in defs + bound):
                    return None
                inner, self._context = self._context, self._outside_call()
                try:
                    found = [self.shape_of(d.value, d.scope, depth) for d in bound]
                finally:
                    self._context = inner
                return _join(found + [self.shape_of(d.value, d.scope, depth) for d in defs])
        if any(d.value is None for d in defs):
            return None  # a loop variable, an unpacked element, a `with ... as`: unknown
        if key in self._assumed:
            return self._assumed[key]
        again = [d for d in defs if self._mentions(d.value, key, d.scope)]
        if again and len(again) < len(defs):
            return self._through_itself(key, [d for d in defs if d not in again], again, depth)
        return _join([self._definition_shape(d, depth) for d in defs])

    def _mentions(self, value, key: Key, scope: Scope) -> bool:
        model = self.model
        return any(
            isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)) and model.key(node, scope) == key
            for node in model.walk(value)
        )

    def _through_itself(self, key: Key, others: list, again: list, depth: int) -> Shape | None:
        """`X = X + noise`, `X = X / X.max()`: the shape the other definitions give, when each
        definition through itself keeps it (read with the name holding that shape)."""
        base = _join([self._definition_shape(d, depth) for d in others])
        if base is None:
            return None
        outer, self._context = self._context, self._context + (("assume", key),)
        self._assumed[key] = base
        try:
            kept = all(self._definition_shape(d, depth) == base for d in again)
        finally:
            del self._assumed[key]
            self._context = outer
        return base if kept else None

    def _call_on_top(self):
        """The innermost call being read (assumptions about names may sit above it)."""
        for entry in reversed(self._context):
            if isinstance(entry, cst.Call):
                return entry
        return None

    def _outside_call(self) -> tuple:
        """The context of the caller of the innermost call being read."""
        for index in range(len(self._context) - 1, -1, -1):
            if isinstance(self._context[index], cst.Call):
                return self._context[:index]
        return ()

    def _definition_shape(self, definition, depth: int) -> Shape | None:
        """The shape a definition gives its name; `X, y = sample(100)` reads the element that
        `sample` returns for this call's arguments."""
        statement = definition.statement
        call = statement.value if isinstance(statement, cst.Assign) else None
        if (
            isinstance(call, cst.Call)
            and isinstance(definition.scope.node, cst.FunctionDef)
            and self.model.scope_of(call) is not definition.scope
        ):
            return self._in_call(call, [(definition.value, definition.scope)], depth)
        return self.shape_of(definition.value, definition.scope, depth)

    def _returned(self, call: cst.Call, scope: Scope, depth: int, element: int | None = None) -> Shape | None:
        """The shape a call of the file's own function returns for this call's arguments (or the
        shape of the `element`th item of the tuple it returns)."""
        function = self.model.resolve_callable(call.func, scope)
        returns = getattr(getattr(function, "scope", None), "returns", None)
        if not returns or call in self._context:
            return None
        if element is not None:
            if not all(isinstance(r, cst.Tuple) and len(r.elements) > element for r in returns):
                return None
            returns = [r.elements[element].value for r in returns]
        return self._in_call(call, [(r, function.scope) for r in returns], depth)

    def _in_call(self, call: cst.Call, values: list, depth: int) -> Shape | None:
        """The shape the values (read in the function `call` runs) have for this call: first
        over every call site (cached once), then, when that leaves a size unknown, with the
        function's parameters bound to this call's arguments (within a budget per file)."""
        # Kept even when a cycle cut the answer short (an unknown, never a wrong, size): calls
        # inside a training loop's cycle are otherwise read again for every query.
        memo = (id(call), tuple(id(v) for v, _ in values), self._context)
        if memo in self._call_memo:
            return self._call_memo[memo]
        found = self._call_memo[memo] = self._read_in_call(call, values, depth)
        return found

    def _read_in_call(self, call: cst.Call, values: list, depth: int) -> Shape | None:
        plain = _join([self.shape_of(v, s, depth) for v, s in values])
        if (plain is not None and all(isinstance(d, int) for d in plain)) or call in self._context \
                or len(self._context) >= MAX_CALL_CONTEXT or self._context_budget <= 0:
            return plain
        self._context_budget -= 1
        outer, self._context = self._context, self._context + (call,)
        try:
            found = _join([self.shape_of(v, s, depth) for v, s in values])
        finally:
            self._context = outer
        return plain if found is None else found

    def _subscript(self, expr: cst.Subscript, scope: Scope, depth: int) -> Shape | None:
        joined = numpy_attribute(expr.value)
        if joined in ("c_", "r_"):
            return self._index_stack(joined, expr, scope, depth)
        if isinstance(expr.value, cst.Call) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
            position = _int_literal(expr.slice[0].slice.value)
            if isinstance(position, int) and position >= 0:
                found = self._returned(expr.value, scope, depth, position)
                if found is not None:
                    return found
        base = self.shape_of(expr.value, scope, depth)
        if base is None:
            return None
        result: list[Dim] = []
        position = 0
        for element in expr.slice:
            index = element.slice
            if isinstance(index, cst.Slice):
                if position >= len(base):
                    return None
                whole = index.lower is None and index.upper is None and index.step is None
                if whole:
                    result.append(base[position])
                else:
                    result.append(_slice_length(base[position], index))
                position += 1
                continue
            value = index.value
            if isinstance(value, cst.Name) and value.value == "None":
                result.append(1)
                continue
            if isinstance(value, cst.Integer) or (
                isinstance(value, cst.UnaryOperation) and isinstance(value.expression, cst.Integer)
            ):
                if position >= len(base):
                    return None
                position += 1
                continue
            if isinstance(value, cst.Name) and value.value == "__element__" and position == 0 and len(expr.slice) == 1:
                # `c` in `for c in centers` (the model's stand-in `centers[__element__]`): a row of
                # the array iterated over, unless it is a Python list (whose items may be anything)
                container = self.model.key(expr.value, scope)
                if container is None or container in scope.module_scope.lists:
                    return None
                return tuple(base[1:])
            return None  # fancy or unknown index
        return tuple(result) + tuple(base[position:])

    def _call(self, call: cst.Call, scope: Scope, depth: int) -> Shape | None:
        model = self.model
        application = self._applications.get(call)
        if application is not None and (
            application.behaviour.elementwise or application.behaviour.kind == "softmax"
        ):
            return self.shape_of(application.argument, scope, depth)
        array = model.literal(call, scope)
        if array is not None:
            return tuple(int(n) for n in array.shape)
        if isinstance(call.func, cst.Name) and call.func.value in ("len", "float", "int") and not model.defs(model.key(call.func, scope)):
            return ()  # builtins that return one number
        name = numpy_attribute(call.func)
        args = positional_args(call)
        method = call.func.attr.value if isinstance(call.func, cst.Attribute) and name is None else None
        last = (name or "").split(".")[-1]
        if name is not None and last.endswith("_like") and args and last[:-5] in CREATION_FUNCTIONS | {"zeros", "ones", "full", "empty"}:
            return self.shape_of(args[0], scope, depth)
        if model.creation_call(call) is call:
            shape = model.shape(call, scope)
            return None if shape is None else tuple(self._canonical(d, scope) for d in shape)
        if name is not None:
            return self._function_shape(name, call, args, scope, depth)
        if method is not None:
            shape = self._method_shape(method, call, args, scope, depth)
            if shape is not None:
                return shape
        return self._returned(call, scope, depth)

    def _function_shape(self, name: str, call: cst.Call, args: list, scope: Scope, depth: int) -> Shape | None:
        """The shape a NumPy function's call returns, from its arguments' shapes."""
        model = self.model
        last = name.split(".")[-1]
        if name in ("eye", "identity") and len(args) == 1 and keyword_arg(call, "M") is None:
            size = self._canonical(model.dim(args[0], scope), scope)
            return (size, size)
        if name == "arange" and len(call.args) == 1 and len(args) == 1:
            return (self._canonical(model.dim(args[0], scope), scope),)
        if name == "arange" and len(call.args) == 2 and len(args) == 2:
            low, high = _int_literal(args[0]), _int_literal(args[1])
            if isinstance(low, int) and isinstance(high, int):
                return (max(high - low, 0),)
            return (None,)
        if name == "linspace" and len(args) >= 3:
            return (self._canonical(model.dim(args[2], scope), scope),)
        if name == "squeeze" and len(args) == 1 and len(call.args) == 1:
            return _squeeze(self.shape_of(args[0], scope, depth))
        if name == "expand_dims" and len(args) == 2:
            return _expand(self.shape_of(args[0], scope, depth), _int_literal(args[1]))
        if name == "outer" and len(args) == 2:
            first, second = self.shape_of(args[0], scope, depth), self.shape_of(args[1], scope, depth)
            if first is None or second is None or len(first) != 1 or len(second) != 1:
                return None
            return (first[0], second[0])
        if name in ("transpose",) and len(args) == 1:
            base = self.shape_of(args[0], scope, depth)
            return None if base is None else tuple(reversed(base))
        if name in ELEMENTWISE_FUNCTIONS and args:
            if name in ("array", "asarray") and keyword_arg(call, "ndmin") is not None:
                return None
            return self.shape_of(args[0], scope, depth)
        if name in BROADCASTING_FUNCTIONS and len(args) >= 2:
            shape = self.shape_of(args[0], scope, depth)
            for arg in args[1:3 if name == "where" else 2]:
                shape = broadcast(shape, self.shape_of(arg, scope, depth))
            return shape
        if last in REDUCTIONS and args:
            return self._reduce(call, self.shape_of(args[0], scope, depth), args[1:], scope)
        if name == "reshape" and len(args) >= 2:
            return self._reshape(self.shape_of(args[0], scope, depth), args[1:], scope)
        if name in ("ravel",) and args:
            return self._reshape(self.shape_of(args[0], scope, depth), [_MINUS_ONE], scope)
        if name in ("column_stack", "c_"):
            return self._column_stack(args, scope, depth)
        if name in ("hstack", "concatenate", "vstack", "stack", "row_stack"):
            return self._stack(name, call, args, scope, depth)
        return None

    def _method_shape(self, method: str, call: cst.Call, args: list, scope: Scope, depth: int) -> Shape | None:
        """The shape an array method's call returns, from its receiver's shape."""
        receiver = call.func.value
        if method in SHAPE_KEEPING_METHODS:
            return self.shape_of(receiver, scope, depth)
        if method == "squeeze" and not call.args:
            return _squeeze(self.shape_of(receiver, scope, depth))
        if method == "transpose" and not args:
            base = self.shape_of(receiver, scope, depth)
            return None if base is None else tuple(reversed(base))
        if method in REDUCTIONS:
            base = self.shape_of(receiver, scope, depth)
            return self._reduce(call, base, args, scope)
        if method == "reshape" and args:
            return self._reshape(self.shape_of(receiver, scope, depth), args, scope)
        if method in ("ravel", "flatten"):
            return self._reshape(self.shape_of(receiver, scope, depth), [_MINUS_ONE], scope)
        return None

    def _reduce(self, call: cst.Call, base: Shape | None, rest: list, scope: Scope) -> Shape | None:
        if base is None:
            return None
        axis_node = keyword_arg(call, "axis")
        if axis_node is None and rest:
            axis_node = rest[0]
        keep = keyword_arg(call, "keepdims")
        keepdims = keep is not None and code(keep) == "True"
        if keep is not None and code(keep) not in ("True", "False"):
            return None
        if axis_node is None:
            return tuple(1 for _ in base) if keepdims else ()
        axis = _int_literal(axis_node)
        if axis is None and model_constant(self.model, axis_node, scope) is not None:
            axis = model_constant(self.model, axis_node, scope)
        if not isinstance(axis, int) or isinstance(axis, bool) or not -len(base) <= axis < len(base):
            return None
        axis %= len(base)
        if keepdims:
            return tuple(1 if i == axis else d for i, d in enumerate(base))
        return tuple(d for i, d in enumerate(base) if i != axis)

    def _reshape(self, base: Shape | None, args: list, scope: Scope) -> Shape | None:
        if len(args) == 1 and isinstance(args[0], (cst.Tuple, cst.List)):
            targets = [e.value for e in args[0].elements]
        else:
            targets = list(args)
        dims = []
        for target in targets:
            value = _int_literal(target)
            dims.append(value if isinstance(value, int) else self._canonical(self.model.dim(target, scope), scope))
        if dims.count(-1) > 1:
            return None
        if -1 not in dims:
            return tuple(dims)
        if base is None:
            return None
        others = [d for d in dims if d != -1]
        if not all(d == 1 for d in others):
            if known(base) and all(isinstance(d, int) for d in others):
                total = 1
                for d in base:
                    total *= d
                rest = 1
                for d in others:
                    rest *= d
                if rest and total % rest == 0:
                    return tuple(total // rest if d == -1 else d for d in dims)
            return None
        # every other dim is 1: the free dim holds every element
        big = [d for d in base if d != 1]
        if len(big) == 0:
            size: Dim = 1
        elif len(big) == 1:
            size = big[0]
        elif known(base):
            size = 1
            for d in base:
                size *= d
        else:
            size = None
        return tuple(size if d == -1 else d for d in dims)

    def _column_stack(self, args: list, scope: Scope, depth: int) -> Shape | None:
        if not args:
            return None
        parts = args[0].elements if isinstance(args[0], (cst.Tuple, cst.List)) else []
        shapes = [self.shape_of(p.value, scope, depth) for p in parts]
        rows = [s[0] for s in shapes if s]
        columns = None
        if parts and all(s is not None and len(s) in (1, 2) for s in shapes):
            widths = [1 if len(s) == 1 else s[1] for s in shapes]
            if all(isinstance(w, int) for w in widths):
                columns = sum(widths)
        return (rows[0] if rows and all(same(rows[0], r) for r in rows) else None, columns)

    def _stack(self, name: str, call: cst.Call, args: list, scope: Scope, depth: int) -> Shape | None:
        if args and isinstance(args[0], cst.ListComp):
            shapes = self._comprehension_parts(args[0], scope, depth)
            if shapes is None:
                return None
        elif not args or not isinstance(args[0], (cst.Tuple, cst.List)):
            return None
        else:
            shapes = [self.shape_of(e.value, scope, depth) for e in args[0].elements]
        if any(s is None for s in shapes) or len({len(s) for s in shapes}) != 1:
            return None
        ndim = len(shapes[0])
        if name == "stack" or ndim == 0:
            return None
        axis = 0 if name in ("vstack", "row_stack") else 1 if name == "hstack" else 0
        if name == "concatenate":
            axis_node = keyword_arg(call, "axis") or (args[1] if len(args) > 1 else None)
            axis = 0 if axis_node is None else _int_literal(axis_node)
            if not isinstance(axis, int):
                return None
        if ndim == 1:
            return (None,) if name != "vstack" else (len(shapes), shapes[0][0])
        axis %= ndim
        along = [s[axis] for s in shapes]
        total = sum(along) if all(isinstance(d, int) for d in along) else None
        return tuple(total if i == axis else shapes[0][i] for i in range(ndim))

    def _index_stack(self, name: str, expr: cst.Subscript, scope: Scope, depth: int) -> Shape | None:
        """`np.c_[a, b]` (1-D parts become columns) and `np.r_[a, b]` (joined along the first axis)."""
        if not all(isinstance(e.slice, cst.Index) for e in expr.slice):
            return None
        shapes = [self.shape_of(e.slice.value, scope, depth) for e in expr.slice]
        if not shapes or any(s is None or len(s) not in (1, 2) for s in shapes):
            return None
        if name == "c_":
            rows = [s[0] for s in shapes]
            if not all(same(rows[0], r) for r in rows):
                return None
            widths = [1 if len(s) == 1 else s[1] for s in shapes]
            return (rows[0], sum(widths) if all(isinstance(w, int) for w in widths) else None)
        if len({len(s) for s in shapes}) != 1:
            return None
        along = [s[0] for s in shapes]
        total = sum(along) if all(isinstance(d, int) for d in along) else None
        if len(shapes[0]) == 1:
            return (total,)
        columns = [s[1] for s in shapes]
        return (total, columns[0] if all(same(columns[0], c) for c in columns) else None)

    def _comprehension_parts(self, comprehension: cst.ListComp, scope: Scope, depth: int) -> list | None:
        """The shapes of the arrays `[f(c) for c in items]` lists, when it has a known number of
        parts (a range of known length, an array or list of known length) of one shape."""
        loop = comprehension.for_in
        if loop.inner_for_in is not None or loop.ifs or loop.asynchronous is not None:
            return None
        iterable = loop.iter
        count: Dim = None
        if isinstance(iterable, cst.Call) and code(iterable.func) == "range" and len(iterable.args) == 1:
            count = self.model.dim(iterable.args[0].value, scope)
        else:
            outer = self.shape_of(iterable, scope, depth)
            if outer:
                count = outer[0]
        if not isinstance(count, int) or not 0 < count <= 64:
            return None
        part = self.shape_of(comprehension.elt, self.model.scope_of(comprehension.elt), depth)
        if part is None:
            return None
        return [part] * count

    def _canonical(self, dim: Dim, scope: Scope) -> Dim:
        """One spelling per size: `len(X)` is `X.shape[0]`; inside a call being read, a size
        that is a parameter is the size the call passes (`n` in `sample(100)` is 100)."""
        if isinstance(dim, str) and dim.startswith("len(") and dim.endswith(")"):
            return f"{dim[4:-1]}.shape[0]"
        if isinstance(dim, str) and self._context and dim in scope.params:
            call = self._call_on_top()
            bound = [
                d for d in self.model.defs(("local", scope, dim))
                if d.from_call and d.statement is call and d.value is not None
            ]
            if len(bound) == 1:
                inner, self._context = self._context, self._outside_call()
                try:
                    return self._canonical(self.model.dim(bound[0].value, bound[0].scope), bound[0].scope)
                finally:
                    self._context = inner
        return dim

    # -- dtypes ------------------------------------------------------------------------------
    def dtype_of(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> str | None:
        """'int', 'float' or 'bool' for an array whose element type the code shows."""
        ident = id(expr)
        if ident in self._dtype_cache:
            return self._dtype_cache[ident]
        if ident in self._active or depth > MAX_DEPTH:
            return None
        self._active.add(ident)
        try:
            kind = self._dtype(expr, scope, depth + 1)
        finally:
            self._active.discard(ident)
        self._dtype_cache[ident] = kind
        return kind

    def _dtype(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> str | None:
        model = self.model
        if isinstance(expr, cst.Integer):
            return "int"
        if isinstance(expr, cst.Float):
            return "float"
        key = model.key(expr, scope)
        if key is not None:
            constant = model.constant(expr, scope)
            if isinstance(constant, bool):
                return "bool"
            if isinstance(constant, int):
                return "int"
            if isinstance(constant, float):
                return "float"
            defs = [d for d in model.defs(key) if d.augmented is None]
            if not defs or any(d.value is None for d in defs):
                return None
            kinds = {self.dtype_of(d.value, d.scope, depth) for d in defs}
            return kinds.pop() if len(kinds) == 1 else None
        if isinstance(expr, cst.UnaryOperation):
            return self.dtype_of(expr.expression, scope, depth)
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            return self.dtype_of(expr.value, scope, depth)
        if isinstance(expr, cst.BinaryOperation):
            left = self.dtype_of(expr.left, scope, depth)
            right = self.dtype_of(expr.right, scope, depth)
            if isinstance(expr.operator, cst.Divide):
                return "float" if left and right else None
            if left is None or right is None:
                return None
            if "float" in (left, right):
                return "float"
            return "int"
        if isinstance(expr, (cst.List, cst.Tuple)) or isinstance(expr, cst.Call):
            array = model.literal(expr, scope)
            if array is not None:
                return {"i": "int", "u": "int", "f": "float", "b": "bool"}.get(array.dtype.kind)
        if isinstance(expr, cst.Call):
            name = call_name(expr) or ""
            last = name.split(".")[-1]
            dtype = keyword_arg(expr, "dtype")
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "astype":
                args = positional_args(expr)
                return _dtype_name(args[0] if args else dtype)
            if model.creation_call(expr) is not expr:
                return None
            if dtype is not None:
                return _dtype_name(dtype)
            if last in ("randint", "integers"):
                return "int"
            if last in ("zeros", "ones", "empty"):
                args = positional_args(expr)
                return _dtype_name(args[1]) if len(args) > 1 else "float"
            if last == "full":
                args = positional_args(expr)
                fill = args[1] if len(args) > 1 else keyword_arg(expr, "fill_value")
                return None if fill is None else self.dtype_of(fill, scope, depth)
            if last.endswith("_like"):
                args = positional_args(expr)
                return self.dtype_of(args[0], scope, depth) if args else None
            if last in ("randn", "rand", "random", "random_sample", "normal", "uniform",
                        "standard_normal", "ranf", "sample"):
                return "float"
        return None

    # -- aliases -----------------------------------------------------------------------------
    @property
    def chains(self) -> list[Chain]:
        """Every `a = b = value` whose targets are distinct names, attributes or items."""
        found = []
        for node, scope in self.model.builder.scope_of_node.items():
            if not isinstance(node, cst.Assign) or len(node.targets) < 2:
                continue
            targets = tuple(t.target for t in node.targets)
            keys = tuple(self.model.key(t, scope) for t in targets)
            if any(k is None for k in keys) or len(set(keys)) != len(keys):
                continue
            found.append(Chain(node, keys, targets, node.value, scope))
        return found


def matmul_shape(first: Shape | None, second: Shape | None) -> Shape | None:
    """The shape of `a @ b` (or np.dot with a scalar), None when unknown or mismatched."""
    if first is None or second is None:
        return None
    if first == () or second == ():
        return second if first == () else first
    if len(first) > 2 or len(second) > 2:
        return None
    if differ(first[-1], second[0]):
        return None
    if len(first) == 2 and len(second) == 2:
        return (first[0], second[1])
    if len(first) == 1 and len(second) == 2:
        return (second[1],)
    if len(first) == 2 and len(second) == 1:
        return (first[0],)
    return ()


def inner_mismatch(first: Shape | None, second: Shape | None) -> bool:
    """`a @ b` certainly fails: the inner dimensions are different known ints."""
    if first is None or second is None or first == () or second == ():
        return False
    if len(first) > 2 or len(second) > 2:
        return False
    return differ(first[-1], second[0])


def model_constant(model: "NetworkModel", node: cst.BaseExpression, scope: Scope) -> Any:
    value = model.constant(node, scope)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def shapes(model: "NetworkModel") -> Shapes:
    """The Shapes analysis of a model, built once and shared by the rules that read it."""
    return model.facts(Shapes)


__all__ = [
    "Chain",
    "Shapes",
    "broadcast",
    "broadcast_fails",
    "differ",
    "inner_mismatch",
    "known",
    "matmul_shape",
    "same",
    "shapes",
    "show",
    "transposed_base",
]
