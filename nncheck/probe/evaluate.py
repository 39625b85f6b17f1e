"""A small, restricted evaluator for a script's data-preparation code.

`--demo SCRIPT` needs the script's data (X, y) without running the script. This module reads
Python's `ast` of the statements that build the data and evaluates them itself, with its own
rules, never with `exec` or `eval`:

* values are numbers, strings, tuples, lists, dicts and NumPy arrays;
* names resolve only to what this evaluator computed (or to a caller-supplied lookup);
* calls are limited to an allow-list of pure NumPy functions and array methods, `np.random`
  (the legacy global generator, seeded by `np.random.seed(k)` exactly as the script seeds it, so
  the same numbers come out), `np.random.default_rng(k)` generators, a few builtins, and the
  script's own module-level functions when their bodies are made of the same statements
  (assignments, `if`, `for` over a bounded iterable, `return`);
* every array that would be created is sized first (at most MAX_ELEMENTS elements), integer
  powers are bounded, and a step budget stops long loops.

Anything else raises `Unknown` with a sentence saying what was not evaluated and why, so the
demo can say exactly what was missing.
"""
from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

MAX_ELEMENTS = 2_000_000
MAX_STEPS = 20_000
MAX_INT_EXPONENT = 64


class Unknown(Exception):
    """The value cannot be computed here; str() says why, in the user's terms."""


class _Return(Exception):
    def __init__(self, value: Any) -> None:
        self.value = value


@dataclass(frozen=True)
class _Module:
    name: str  # "numpy" or "numpy.random"


NUMPY = _Module("numpy")
NUMPY_RANDOM = _Module("numpy.random")

# Pure NumPy functions whose result is at most a small multiple of their inputs (checked after).
_PURE = set("""
    array asarray asanyarray ascontiguousarray copy where exp log log1p log2 log10 expm1 sqrt
    square sin cos tan tanh sinh cosh arctan arctan2 arcsin arccos abs absolute sign floor ceil
    round around rint clip sum mean std var max min amax amin argmax argmin maximum minimum dot
    matmul logical_and logical_or logical_xor logical_not power mod fmod hypot isin sort argsort
    unique expand_dims squeeze reshape transpose ravel zeros_like ones_like full_like empty_like
    concatenate hstack vstack column_stack row_stack stack atleast_2d atleast_1d cumsum diff
    add subtract multiply divide true_divide negative greater greater_equal less less_equal
    equal not_equal isnan isfinite nan_to_num flip fliplr flipud roll median percentile
    count_nonzero any all prod heaviside sinc digitize searchsorted interp cumprod allclose
""".split())
_CONSTANTS = {"pi": np.pi, "e": np.e, "inf": np.inf, "nan": np.nan, "newaxis": None}
_DTYPES = {"float64", "float32", "float_", "int64", "int32", "int_", "uint8", "bool_", "double"}
_CREATION = {"zeros", "ones", "empty", "full", "eye", "identity", "arange", "linspace", "tile",
             "repeat", "outer", "meshgrid"}
_RANDOM = {"seed", "randn", "rand", "random", "random_sample", "ranf", "sample", "uniform",
           "normal", "randint", "standard_normal", "choice", "permutation", "shuffle",
           "default_rng", "RandomState", "binomial"}
_GENERATOR_METHODS = {"normal", "uniform", "random", "standard_normal", "integers", "choice",
                      "permutation", "shuffle", "binomial"}
_ARRAY_METHODS = set("""
    reshape astype ravel flatten copy sum mean std var max min argmax argmin squeeze transpose
    dot clip round any all prod cumsum tolist item
""".split())
_ARRAY_ATTRIBUTES = {"T", "shape", "ndim", "size", "dtype"}
_BUILTINS: dict[str, Callable] = {
    "len": len, "int": int, "float": float, "abs": abs, "min": min, "max": max, "round": round,
    "list": list, "tuple": tuple, "sum": sum, "bool": bool, "zip": zip, "enumerate": enumerate,
    "sorted": sorted, "str": str, "dict": dict,
}

_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow, ast.MatMult: operator.matmul, ast.BitAnd: operator.and_,
    ast.BitOr: operator.or_, ast.BitXor: operator.xor,
}
_COMPARE = {
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Eq: operator.eq, ast.NotEq: operator.ne,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_,
          ast.Invert: operator.invert}


def _size(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, (list, tuple)):
        return len(value)
    return 1


def _check_shape(shape: Any) -> None:
    dims = shape if isinstance(shape, (tuple, list)) else (shape,)
    total = 1
    for d in dims:
        if not isinstance(d, (int, np.integer)) or d < 0:
            raise Unknown(f"an array shape {shape!r} that is not a tuple of sizes")
        total *= int(d)
    if total > MAX_ELEMENTS:
        raise Unknown(f"an array of {total} elements, more than the demo evaluates")


def _check_result(value: Any) -> Any:
    if isinstance(value, np.ndarray) and value.size > MAX_ELEMENTS:
        raise Unknown("an array larger than the demo evaluates")
    if isinstance(value, (list, str)) and len(value) > MAX_ELEMENTS:
        raise Unknown("a list larger than the demo evaluates")
    return value


@dataclass
class Function:
    """A user function the evaluator may interpret."""

    node: ast.FunctionDef
    globals: dict[str, Any]


@dataclass
class _Bound:
    """A method bound to a value: `arr.reshape`, `rng.normal`, `points.append`."""

    owner: Any
    name: str


# NumPy's readers of data files, evaluated only for files DataFiles allows.
_READERS = {"loadtxt", "genfromtxt", "load"}
MAX_FILE_BYTES = 20 * 1024 ** 2


class DataFiles:
    """The data files a script may read in the demo: those in its own folder (or below it) and
    the one named by `--data`, each at most MAX_FILE_BYTES, read only by NumPy's own parsers
    (never unpickled). `read` records what it read, for the demo to say."""

    def __init__(self, folder, data=None) -> None:
        import pathlib

        self.folder = pathlib.Path(folder).resolve() if folder is not None else None
        self.data = pathlib.Path(data).resolve() if data is not None else None
        self.read_files: list[str] = []

    def resolve(self, text: str):
        import pathlib

        path = pathlib.Path(text)
        if self.data is not None and path.name == self.data.name:
            return self.data
        if self.folder is None:
            raise Unknown(f"the file {text!r}, which the demo does not open")
        full = (self.folder / path).resolve() if not path.is_absolute() else path.resolve()
        if self.folder not in full.parents and full != self.folder:
            raise Unknown(f"the file {text!r} is outside the script's folder, which the demo "
                          f"does not open: pass it with `--data {path.name}`")
        if not full.is_file():
            raise Unknown(f"the file {text!r} is not beside the script: pass it with "
                          f"`--data {path.name}`")
        return full

    def read(self, name: str, args: list, kwargs: dict) -> Any:
        if not args or not isinstance(args[0], str):
            raise Unknown(f"np.{name} of something other than a file name")
        path = self.resolve(args[0])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Unknown(f"the file {args[0]!r} ({size // 1024 ** 2} MB), larger than the "
                          f"{MAX_FILE_BYTES // 1024 ** 2} MB the demo reads")
        if name == "load":
            kwargs = {**kwargs, "allow_pickle": False}
        try:
            value = getattr(np, name)(str(path), *args[1:], **kwargs)
        except (OSError, ValueError, TypeError, IndexError) as error:
            raise Unknown(f"the file {args[0]!r}, which np.{name} could not read "
                          f"({type(error).__name__}: {error})") from None
        if hasattr(value, "files") and hasattr(value, "close"):  # an .npz archive
            with value:
                value = {key: value[key] for key in value.files}
        if path.name not in self.read_files:
            self.read_files.append(path.name)
        return value


class _PathFunction:
    def __init__(self, fn: Callable) -> None:
        self.fn = fn

    def __call__(self, *args):
        if not all(isinstance(a, str) for a in args):
            raise Unknown("a path made of something other than strings")
        return self.fn(*args)


class _OsPath:
    """`os` and `os.path` for building a data file's name (join, dirname, abspath, ...)."""

    def __init__(self, module: str) -> None:
        self.module = module

    def attribute(self, name: str) -> Any:
        import os.path

        if self.module == "os" and name == "path":
            return _OsPath("os.path")
        if self.module == "os.path" and name in ("join", "dirname", "abspath", "basename",
                                                 "realpath", "normpath", "expanduser"):
            return _PathFunction(getattr(os.path, name))
        raise Unknown(f"{self.module}.{name}")


OS = _OsPath("os")


@dataclass
class Evaluator:
    """Evaluates expressions and statements. `lookup` resolves names not in the local env
    (raise Unknown when it cannot)."""

    lookup: Callable[[str], Any] | None = None
    rng: np.random.RandomState = field(default_factory=lambda: np.random.RandomState(0))
    seeded: int | None = None  # the last np.random.seed(k)
    unseeded_draw: bool = False  # a draw happened before any seed
    tainted: str | None = None  # why the global random state is no longer known
    steps: int = 0
    blocked_calls: Callable[[str], str | None] | None = None  # user function name -> reason
    files: "DataFiles | None" = None  # data files the script may read (None: none)

    # -- expressions -------------------------------------------------------------------------
    def eval(self, node: ast.AST, env: dict[str, Any]) -> Any:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Unknown("more steps than the demo evaluates (a long loop)")
        method = getattr(self, f"_eval_{type(node).__name__}", None)
        if method is None:
            raise Unknown(f"a {type(node).__name__} expression, which the demo does not evaluate")
        return _check_result(method(node, env))

    def _eval_Constant(self, node: ast.Constant, env):
        if isinstance(node.value, (int, float, complex, str, bool, type(None))):
            return node.value
        raise Unknown("an unsupported literal")

    def _eval_Name(self, node: ast.Name, env):
        if node.id in env:
            value = env[node.id]
            if isinstance(value, Unknown):
                raise value
            return value
        if node.id in ("True", "False", "None"):
            return {"True": True, "False": False, "None": None}[node.id]
        if self.lookup is not None:
            try:
                return self.lookup(node.id)
            except Unknown:
                if node.id not in _BUILTINS:
                    raise
        if node.id in _BUILTINS:
            return _BUILTINS[node.id]
        raise Unknown(f"'{node.id}' is not defined before this point")

    def _eval_List(self, node, env):
        return [self.eval(e, env) for e in node.elts]

    def _eval_Tuple(self, node, env):
        return tuple(self.eval(e, env) for e in node.elts)

    def _eval_ListComp(self, node: ast.ListComp, env):
        results: list = []
        scope = _Scope({}, env)

        def run(generators):
            if not generators:
                results.append(self.eval(node.elt, scope))
                if len(results) > MAX_ELEMENTS:
                    raise Unknown("a list larger than the demo evaluates")
                return
            first = generators[0]
            if first.is_async:
                raise Unknown("an async comprehension")
            iterable = self.eval(first.iter, scope)
            if isinstance(iterable, range) and len(iterable) > MAX_STEPS:
                raise Unknown("a comprehension over more items than the demo evaluates")
            for item in iterable:
                self.steps += 1
                if self.steps > MAX_STEPS:
                    raise Unknown("more steps than the demo evaluates (a long comprehension)")
                self.assign(first.target, item, scope)
                if all(self.eval(test, scope) for test in first.ifs):
                    run(generators[1:])

        run(list(node.generators))
        return results

    def _eval_Dict(self, node, env):
        if any(k is None for k in node.keys):
            raise Unknown("a dict with ** unpacking")
        return {self.eval(k, env): self.eval(v, env) for k, v in zip(node.keys, node.values)}

    def _eval_BinOp(self, node: ast.BinOp, env):
        left = self.eval(node.left, env)
        right = self.eval(node.right, env)
        op = _BINARY.get(type(node.op))
        if op is None:
            raise Unknown("an unsupported operator")
        if isinstance(node.op, ast.Pow) and isinstance(right, (int, np.integer)) \
                and isinstance(left, (int, np.integer)) and abs(right) > MAX_INT_EXPONENT:
            raise Unknown("a large integer power")
        if isinstance(node.op, ast.Mult) and isinstance(left, (list, tuple, str)) \
                or isinstance(node.op, ast.Mult) and isinstance(right, (list, tuple, str)):
            count = right if isinstance(left, (list, tuple, str)) else left
            seq = left if isinstance(left, (list, tuple, str)) else right
            if not isinstance(count, int) or len(seq) * max(count, 0) > MAX_ELEMENTS:
                raise Unknown("a large repeated sequence")
        if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
            a, b = np.asarray(left), np.asarray(right)
            if isinstance(node.op, ast.MatMult):
                if a.ndim >= 1 and b.ndim >= 1:
                    rows = a.shape[0] if a.ndim == 2 else 1
                    cols = b.shape[-1] if b.ndim == 2 else 1
                    _check_shape((rows, cols))
            else:
                try:
                    _check_shape(np.broadcast_shapes(a.shape, b.shape))
                except ValueError as error:
                    raise Unknown(f"shapes that do not broadcast: {error}") from None
        try:
            with np.errstate(all="ignore"):
                return op(left, right)
        except (ValueError, TypeError, ZeroDivisionError, OverflowError) as error:
            raise Unknown(f"{type(error).__name__}: {error}") from None

    def _eval_UnaryOp(self, node, env):
        return _UNARY[type(node.op)](self.eval(node.operand, env))

    def _eval_BoolOp(self, node, env):
        value = None
        for item in node.values:
            value = self.eval(item, env)
            if isinstance(node.op, ast.And) and not value:
                return value
            if isinstance(node.op, ast.Or) and value:
                return value
        return value

    def _eval_Compare(self, node, env):
        left = self.eval(node.left, env)
        result = True
        for op, comparator in zip(node.ops, node.comparators):
            right = self.eval(comparator, env)
            fn = _COMPARE.get(type(op))
            if fn is None:
                if isinstance(op, (ast.In, ast.NotIn)) and not isinstance(right, np.ndarray):
                    value = left in right
                    value = value if isinstance(op, ast.In) else not value
                else:
                    raise Unknown("an unsupported comparison")
            else:
                value = fn(left, right)
            result = value if result is True else result & value
            left = right
        return result

    def _eval_IfExp(self, node, env):
        return self.eval(node.body if self.eval(node.test, env) else node.orelse, env)

    def _eval_JoinedStr(self, node, env):
        parts = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                parts.append(str(self.eval(value.value, env)))
            else:
                parts.append(str(value.value))
        return "".join(parts)

    def _eval_Slice(self, node, env):
        return slice(*(self.eval(p, env) if p is not None else None
                       for p in (node.lower, node.upper, node.step)))

    def _eval_Subscript(self, node: ast.Subscript, env):
        base_node = node.value
        if isinstance(base_node, ast.Attribute) and base_node.attr in ("c_", "r_") \
                and self.eval(base_node.value, env) is NUMPY:
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            values = [self.eval(item, env) for item in items]
            if any(isinstance(v, slice) for v in values):
                raise Unknown(f"np.{base_node.attr} with slices")
            return np.c_[tuple(values)] if base_node.attr == "c_" else np.r_[tuple(values)]
        base = self.eval(base_node, env)
        index = self.eval(node.slice, env)
        try:
            return base[index]
        except (IndexError, KeyError, TypeError, ValueError) as error:
            raise Unknown(f"{type(error).__name__}: {error}") from None

    def _eval_Attribute(self, node: ast.Attribute, env):
        base = self.eval(node.value, env)
        name = node.attr
        if hasattr(base, "nncheck_attribute"):
            return base.nncheck_attribute(name)
        if base is NUMPY:
            if name == "random":
                return NUMPY_RANDOM
            if name in _CONSTANTS:
                return _CONSTANTS[name]
            if name in _DTYPES:
                return getattr(np, name)
            if name in _PURE or name in _CREATION:
                return _Bound(NUMPY, name)
            if name in _READERS and self.files is not None:
                return _Bound(NUMPY, name)
            raise Unknown(f"np.{name}")
        if base is NUMPY_RANDOM:
            if name in _RANDOM:
                return _Bound(NUMPY_RANDOM, name)
            raise Unknown(f"np.random.{name}")
        if isinstance(base, np.random.RandomState):
            if name in _RANDOM - {"seed", "default_rng", "RandomState"}:
                return _Bound(base, name)
            raise Unknown(f"the RandomState method .{name}")
        if isinstance(base, np.random.Generator):
            if name in _GENERATOR_METHODS:
                return _Bound(base, name)
            raise Unknown(f"the generator method .{name}")
        if isinstance(base, np.ndarray) or isinstance(base, np.generic):
            if name in _ARRAY_ATTRIBUTES:
                return getattr(base, name)
            if name in _ARRAY_METHODS:
                return _Bound(base, name)
            raise Unknown(f"the array attribute .{name}")
        if isinstance(base, _OsPath):
            return base.attribute(name)
        if isinstance(base, list) and name in ("append", "extend"):
            return _Bound(base, name)
        if isinstance(base, dict) and name in ("items", "keys", "values", "get"):
            return _Bound(base, name)
        raise Unknown(f"the attribute .{name}")

    def _eval_Call(self, node: ast.Call, env):
        func = self.eval(node.func, env)
        args = []
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                args.extend(self.eval(arg.value, env))
            else:
                args.append(self.eval(arg, env))
        kwargs = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise Unknown("a call with ** arguments")
            kwargs[kw.arg] = self.eval(kw.value, env)
        return self.call(func, args, kwargs)

    # -- calls -------------------------------------------------------------------------------
    def call(self, func: Any, args: list, kwargs: dict) -> Any:
        if isinstance(func, Function):
            return self._call_function(func, args, kwargs)
        if isinstance(func, _Bound):
            return self._call_bound(func, args, kwargs)
        if func in _BUILTINS.values():
            if func in (list, tuple, sorted, sum) and args and _size(args[0]) > MAX_ELEMENTS:
                raise Unknown("a sequence larger than the demo evaluates")
            try:
                result = func(*args, **kwargs)
            except (ValueError, TypeError) as error:
                raise Unknown(f"{type(error).__name__}: {error}") from None
            if func in (zip, enumerate):
                result = list(result)
            return result
        if isinstance(func, type) and issubclass(func, np.generic):
            return func(*args)
        if isinstance(func, _PathFunction):
            return func(*args)
        raise Unknown("a call the demo does not evaluate")

    def _call_bound(self, bound: _Bound, args: list, kwargs: dict) -> Any:
        owner, name = bound.owner, bound.name
        try:
            with np.errstate(all="ignore"):
                if owner is NUMPY:
                    return self._numpy(name, args, kwargs)
                if owner is NUMPY_RANDOM:
                    return self._random(name, args, kwargs)
                if isinstance(owner, (np.random.Generator, np.random.RandomState)):
                    self._check_draw_size(name, args, kwargs)
                    return getattr(owner, name)(*args, **kwargs)
                if isinstance(owner, np.ndarray):
                    if name == "reshape" and args and isinstance(args[0], (list, tuple)):
                        args = list(args[0])
                    return getattr(owner, name)(*args, **kwargs)
                if isinstance(owner, (list, dict)):
                    result = getattr(owner, name)(*args, **kwargs)
                    return list(result) if name in ("items", "keys", "values") else result
        except Unknown:
            raise
        except (ValueError, TypeError, IndexError, AttributeError) as error:
            raise Unknown(f"{type(error).__name__}: {error}") from None
        raise Unknown(f".{name}()")

    def _numpy(self, name: str, args: list, kwargs: dict) -> Any:
        if name in _READERS:
            return self.files.read(name, args, kwargs)
        if name in ("zeros", "ones", "empty"):
            _check_shape(args[0] if args else kwargs.get("shape"))
        elif name == "full":
            _check_shape(args[0] if args else kwargs.get("shape"))
        elif name in ("eye", "identity"):
            n = args[0] if args else kwargs.get("N")
            _check_shape((n, args[1] if len(args) > 1 and args[1] is not None else n))
        elif name == "arange":
            values = [float(a) for a in args[:3]] if args else []
            start, stop, step = (0.0, values[0], 1.0) if len(values) == 1 else (
                values + [1.0])[:3] if len(values) >= 2 else (0.0, 0.0, 1.0)
            if step == 0:
                raise Unknown("np.arange with step 0")
            _check_shape(max(int(math.ceil((stop - start) / step)), 0))
        elif name == "linspace":
            _check_shape(int(args[2] if len(args) > 2 else kwargs.get("num", 50)))
        elif name in ("tile", "repeat", "outer", "meshgrid"):
            total = 1
            for a in args:
                total *= max(_size(np.asarray(a)), 1) if not isinstance(a, int) else max(a, 1)
            if total > MAX_ELEMENTS:
                raise Unknown(f"np.{name} of more elements than the demo evaluates")
        elif name == "dot" and len(args) == 2:
            a, b = np.asarray(args[0]), np.asarray(args[1])
            if a.ndim == 2 and b.ndim == 2:
                _check_shape((a.shape[0], b.shape[1]))
        return getattr(np, name)(*args, **kwargs)

    def _check_draw_size(self, name: str, args: list, kwargs: dict) -> None:
        size = kwargs.get("size")
        if size is None:
            if name in ("randn", "rand"):
                size = tuple(args)
            elif name in ("random", "random_sample", "ranf", "sample", "standard_normal"):
                size = args[0] if args else None
            elif name in ("uniform", "normal", "binomial") and len(args) >= 3:
                size = args[2]
            elif name in ("randint", "integers") and len(args) >= 3:
                size = args[2]
        if size is not None:
            _check_shape(size)

    def _random(self, name: str, args: list, kwargs: dict) -> Any:
        if name == "seed":
            seed = args[0] if args else kwargs.get("seed")
            if not isinstance(seed, (int, np.integer)):
                raise Unknown("np.random.seed without an integer seed")
            self.rng = np.random.RandomState(int(seed))
            self.seeded = int(seed)
            self.tainted = None
            return None
        if name == "default_rng":
            seed = args[0] if args else kwargs.get("seed")
            if seed is None:
                raise Unknown("np.random.default_rng() without a seed (different data each run)")
            return np.random.default_rng(seed)
        if name == "RandomState":
            seed = args[0] if args else kwargs.get("seed")
            if seed is None:
                raise Unknown("np.random.RandomState() without a seed (different data each run)")
            return np.random.RandomState(seed)
        if self.tainted is not None:
            raise Unknown(f"np.random draws after {self.tainted}, which the demo does not run, "
                          "so the random state there is unknown")
        if self.seeded is None:
            self.unseeded_draw = True
        self._check_draw_size(name, args, kwargs)
        return getattr(self.rng, name)(*args, **kwargs)

    def _call_function(self, function: Function, args: list, kwargs: dict) -> Any:
        node = function.node
        if self.blocked_calls is not None:
            reason = self.blocked_calls(node.name)
            if reason is not None:
                raise Unknown(reason)
        params = node.args
        if params.vararg or params.kwarg or params.kwonlyargs or params.posonlyargs:
            raise Unknown(f"{node.name}() has *args, **kwargs or keyword-only parameters")
        names = [a.arg for a in params.args]
        if len(args) > len(names):
            raise Unknown(f"{node.name}() called with too many arguments")
        local: dict[str, Any] = dict(zip(names, args))
        for key, value in kwargs.items():
            if key not in names or key in local:
                raise Unknown(f"{node.name}() called with an unexpected argument {key!r}")
            local[key] = value
        defaults = params.defaults
        for name, default in zip(names[len(names) - len(defaults):], defaults):
            if name not in local:
                local[name] = self.eval(default, function.globals)
        if any(name not in local for name in names):
            raise Unknown(f"{node.name}() called without all its arguments")
        scope = _Scope(local, function.globals)
        try:
            self.run(node.body, scope)
        except _Return as returned:
            return returned.value
        return None

    # -- statements --------------------------------------------------------------------------
    def run(self, body: list[ast.stmt], env: dict[str, Any]) -> None:
        for statement in body:
            self.execute(statement, env)

    def execute(self, statement: ast.stmt, env: dict[str, Any]) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise Unknown("more steps than the demo evaluates (a long loop)")
        if isinstance(statement, ast.Assign):
            value = self.eval(statement.value, env)
            for target in statement.targets:
                self.assign(target, value, env)
        elif isinstance(statement, ast.AnnAssign):
            if statement.value is not None:
                self.assign(statement.target, self.eval(statement.value, env), env)
        elif isinstance(statement, ast.AugAssign):
            current = self.eval(_load(statement.target), env)
            op = _BINARY.get(type(statement.op))
            if op is None:
                raise Unknown("an unsupported augmented assignment")
            value = self.eval(statement.value, env)
            with np.errstate(all="ignore"):
                try:
                    result = op(current, value) if not isinstance(current, np.ndarray) else \
                        _inplace(statement.op, current, value)
                except (ValueError, TypeError) as error:
                    raise Unknown(f"{type(error).__name__}: {error}") from None
            self.assign(statement.target, result, env)
        elif isinstance(statement, ast.Expr):
            if isinstance(statement.value, ast.Constant):
                return
            self.eval(statement.value, env)
        elif isinstance(statement, ast.Return):
            raise _Return(self.eval(statement.value, env) if statement.value else None)
        elif isinstance(statement, ast.If):
            self.run(statement.body if self.eval(statement.test, env) else statement.orelse, env)
        elif isinstance(statement, ast.For):
            iterable = self.eval(statement.iter, env)
            if isinstance(iterable, range):
                iterable = list(iterable) if len(iterable) <= MAX_STEPS else None
            if iterable is None or isinstance(iterable, (int, float)):
                raise Unknown("a loop over something that is not a bounded sequence")
            for item in iterable:
                self.assign(statement.target, item, env)
                self.run(statement.body, env)
            self.run(statement.orelse, env)
        elif isinstance(statement, ast.Pass):
            return
        else:
            raise Unknown(f"a {type(statement).__name__} statement")

    def assign(self, target: ast.AST, value: Any, env: dict[str, Any]) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            values = list(value) if not isinstance(value, np.ndarray) else list(value)
            if len(values) != len(target.elts):
                raise Unknown("an unpacking of the wrong length")
            for element, item in zip(target.elts, values):
                self.assign(element, item, env)
        elif isinstance(target, ast.Subscript):
            base = self.eval(target.value, env)
            index = self.eval(target.slice, env)
            try:
                base[index] = value
            except (IndexError, KeyError, TypeError, ValueError) as error:
                raise Unknown(f"{type(error).__name__}: {error}") from None
        else:
            raise Unknown("an assignment to an attribute")


class _Scope(dict):
    """A function's locals, falling back on its module's names."""

    def __init__(self, local: dict, outer: dict) -> None:
        super().__init__(local)
        self.outer = outer

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self.outer

    def __getitem__(self, key):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        return self.outer[key]


def _load(target: ast.AST) -> ast.AST:
    """The same target read instead of written."""
    copy = ast.parse(ast.unparse(target), mode="eval").body
    return copy


def _inplace(op: ast.operator, current: np.ndarray, value: Any) -> np.ndarray:
    fn = _BINARY[type(op)]
    result = fn(current, value)
    if result.shape != current.shape:
        raise ValueError(f"non-broadcastable output operand with shape {current.shape}")
    current[...] = result  # in place, as numpy does (a float added to ints truncates or raises)
    return current


def assigned_names(statement: ast.stmt) -> set[str]:
    """Names a statement (or any statement inside it) binds."""
    names = set()
    for node in ast.walk(statement):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names
