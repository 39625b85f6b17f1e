"""Closed functions, and how to run them safely.

A function is *closed* when its body is built only from its parameters, literals, arithmetic,
comparisons, conditional expressions and statements, allow-listed `np.*`/`math.*` calls and calls
to other closed functions. Only closed code is ever executed while checking, and then in-process
with no builtins beyond a short allow-list, small literals (no unbounded allocation), no loops,
and a time bound. Everything else is never run.

The check works on Python's `ast` of the function's own text: that is the text that gets
compiled, so what is checked is exactly what runs.
"""
from __future__ import annotations

import ast
import dataclasses
import math
import signal
import threading
import types
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nncheck.model.values import numpy_imports

# numpy functions that are pure, elementwise or reducing, and cannot allocate more than a small
# multiple of their inputs.
NUMPY_FUNCTIONS = frozenset(
    """
    abs absolute add amax amin arctan arctanh arcsinh clip copy cos cosh divide exp exp2 expm1
    float32 float64 greater greater_equal heaviside less less_equal log log10 log1p log2
    logaddexp logical_and logical_not logical_or max maximum mean min minimum multiply negative
    ones_like power reciprocal sign sin sinh sqrt square subtract sum tanh where zeros_like
    full_like empty_like array asarray asanyarray prod fmax fmin isnan isinf nan_to_num
    expand_dims squeeze transpose dot matmul vectorize exp sinc erf divide true_divide
    """.split()
)
NUMPY_CONSTANTS = frozenset({"e", "pi", "inf", "newaxis", "nan", "float64", "float32", "float_"})
MATH_FUNCTIONS = frozenset(
    "exp log log1p expm1 tanh sinh cosh sqrt fabs erf pow atan tan sin cos".split()
)
MATH_CONSTANTS = frozenset({"e", "pi", "inf"})
# Methods of arrays that read or reshape without growing.
ARRAY_METHODS = frozenset(
    "sum max min mean copy astype reshape clip flatten ravel transpose dot any all squeeze "
    "argmax std var prod item".split()
)
ARRAY_ATTRIBUTES = frozenset({"T", "shape", "ndim", "size", "dtype", "real"})
# Builtins a learner's activation may use. Kept on purpose: `max(0, x)` and `float(x)` are
# exactly the mistakes whose exception on an array is the evidence (NN103).
SAFE_BUILTINS = {
    "abs": abs,
    "max": max,
    "min": min,
    "float": float,
    "int": int,
    "round": round,
    "pow": pow,
    "len": len,
    "sum": sum,
    "bool": bool,
}

LITERAL_INT_LIMIT = 100_000
EXPONENT_LIMIT = 64
STRING_LIMIT = 200
TIME_LIMIT_SECONDS = 0.5

_ALLOWED_NODES = (
    ast.FunctionDef, ast.Lambda, ast.arguments, ast.arg, ast.Return, ast.Assign, ast.AugAssign,
    ast.If, ast.Expr, ast.Pass, ast.Name, ast.Load, ast.Store, ast.Constant, ast.BinOp,
    ast.UnaryOp, ast.BoolOp, ast.Compare, ast.IfExp, ast.Call, ast.Attribute, ast.Subscript,
    ast.Slice, ast.Tuple, ast.List, ast.keyword, ast.operator, ast.unaryop, ast.boolop,
    ast.cmpop, ast.expr_context, ast.Module,
)


@dataclass
class Environment:
    """What a closed function may refer to besides its own parameters and locals."""

    numpy_names: frozenset[str] = frozenset({"np", "numpy"})
    math_names: frozenset[str] = frozenset({"math"})
    # name -> value of module-level numeric constants (ALPHA = 0.01)
    constants: dict[str, Any] = field(default_factory=dict)
    # attribute -> value of `self.alpha = 0.01`-style constants of the enclosing class
    self_constants: dict[str, Any] = field(default_factory=dict)
    # names of other closed functions that may be called (module functions, or self.methods)
    closed_functions: frozenset[str] = frozenset()
    closed_methods: frozenset[str] = frozenset()
    # bare names the file imports from numpy (`from numpy import exp`): local name -> np name
    numpy_functions: dict[str, str] = field(default_factory=lambda: _imported_numpy_functions())


def quiet_parse(text: str) -> ast.Module:
    """ast.parse without the SyntaxWarnings/DeprecationWarnings that the user's own code may
    trigger (an invalid escape in a string): those are not ours to print."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text)


def free_names(function: ast.FunctionDef | ast.Lambda) -> set[str]:
    """Names the function reads that it does not bind itself."""
    bound = {a.arg for a in _all_args(function.args)}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
    return {
        node.id
        for node in ast.walk(function)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound
    }


def called_names(function: ast.AST) -> tuple[set[str], set[str]]:
    """(plain function names, self-method names) called in the function."""
    plain, methods = set(), set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                plain.add(node.func.id)
            elif (
                isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "self"
            ):
                methods.add(node.func.attr)
    return plain, methods


def _imported_numpy_functions() -> dict[str, str]:
    """The allow-listed numpy functions and constants the file imports by name."""
    return {
        local: name for local, name in numpy_imports().items()
        if name in NUMPY_FUNCTIONS or name in NUMPY_CONSTANTS
    }


def why_not_closed(function: ast.FunctionDef | ast.Lambda, env: Environment) -> str | None:
    """None when the function is closed, else the first reason it is not."""
    params = [a.arg for a in _all_args(function.args)]
    self_name = params[0] if params and params[0] in ("self", "cls") else None
    locals_ = set(params)
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            locals_.add(node.id)
    # `self.out = np.tanh(x); return self.out`: a layer caching what it computed is still a
    # function of x. Only plain attributes of the stand-in are written, none it reads as a
    # constant or method.
    stored = {
        node.attr for node in ast.walk(function)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
        and isinstance(node.value, ast.Name) and self_name is not None and node.value.id == self_name
    }
    for attr in stored:
        if attr.startswith("_") or attr in env.self_constants or attr in env.closed_methods:
            return f"stores self.{attr}"
    if stored:
        env = dataclasses.replace(env, self_constants={**env.self_constants, **{a: None for a in stored}})
    for node in ast.walk(function):
        if not isinstance(node, _ALLOWED_NODES):
            return f"uses {type(node).__name__}"
        if isinstance(node, ast.FunctionDef) and node is not function:
            return "defines a nested function"
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            return "is decorated"
        if isinstance(node, ast.Expr) and not (
            isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        ):
            return "has an expression statement"
        if isinstance(node, ast.Constant):
            reason = _literal_problem(node.value)
            if reason:
                return reason
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right
            if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.operand, ast.Constant):
                exponent = exponent.operand
            if isinstance(exponent, ast.Constant) and (
                not isinstance(exponent.value, (int, float)) or abs(exponent.value) > EXPONENT_LIMIT
            ):
                return "raises to a large power"
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.LShift, ast.MatMult)):
            if isinstance(node.op, ast.LShift):
                return "shifts bits"
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            name = node.id
            if name in locals_ or name in env.numpy_names or name in env.math_names:
                continue
            if name in env.numpy_functions:
                continue
            if name in env.constants or name in env.closed_functions or name in SAFE_BUILTINS:
                continue
            return f"reads {name!r}"
        if isinstance(node, ast.Attribute):
            reason = _attribute_problem(node, env, self_name)
            if reason:
                return reason
        if isinstance(node, ast.Call):
            reason = _call_problem(node, env, self_name, locals_)
            if reason:
                return reason
    return None


def _literal_problem(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or value is Ellipsis:
        return None
    if isinstance(value, int) and abs(value) > LITERAL_INT_LIMIT:
        return "has a large integer literal"
    if isinstance(value, (str, bytes)) and len(value) > STRING_LIMIT:
        return "has a long string literal"
    if isinstance(value, (int, float, complex, str, bytes)):
        return None
    return "has an unknown literal"


def _attribute_problem(node: ast.Attribute, env: Environment, self_name: str | None) -> str | None:
    base = node.value
    if isinstance(base, ast.Name):
        if base.id in env.numpy_names:
            if node.attr in NUMPY_FUNCTIONS or node.attr in NUMPY_CONSTANTS:
                return None
            return f"calls np.{node.attr}"
        if base.id in env.math_names:
            if node.attr in MATH_FUNCTIONS or node.attr in MATH_CONSTANTS:
                return None
            return f"calls math.{node.attr}"
        if self_name is not None and base.id == self_name:
            if node.attr in env.self_constants or node.attr in env.closed_methods:
                return None
            return f"reads self.{node.attr}"
    if node.attr in ARRAY_ATTRIBUTES or node.attr in ARRAY_METHODS:
        return None
    return f"reads attribute .{node.attr}"


def _call_problem(node: ast.Call, env: Environment, self_name: str | None, locals_: set[str]) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        if func.id in env.closed_functions or func.id in SAFE_BUILTINS or func.id in env.numpy_functions:
            return None
        if self_name is not None and func.id == self_name and "__call__" in env.closed_methods:
            return None  # `s = self(x)` in a derivative method: the class's own closed __call__
        return f"calls {func.id}()"
    if isinstance(func, ast.Attribute):
        # np.*, math.*, self.closed_method and array methods are vetted by _attribute_problem.
        return None
    return "calls a computed function"


def _all_args(args: ast.arguments) -> list[ast.arg]:
    every = list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)
    if args.vararg:
        every.append(args.vararg)
    if args.kwarg:
        every.append(args.kwarg)
    return every


# -- running ------------------------------------------------------------------------------------

class EvaluationTimeout(Exception):
    pass


def _restricted_module(source: types.ModuleType, allowed: frozenset[str]) -> types.SimpleNamespace:
    return types.SimpleNamespace(**{name: getattr(source, name) for name in allowed if hasattr(source, name)})


_NUMPY_PROXY = _restricted_module(np, NUMPY_FUNCTIONS | NUMPY_CONSTANTS)
_MATH_PROXY = _restricted_module(math, MATH_FUNCTIONS | MATH_CONSTANTS)


def _numpy_internal_import(name, globals=None, locals=None, fromlist=(), level=0):
    # NumPy's C code imports its own helpers through the calling frame's builtins (e.g.
    # `z.max(axis=1, keepdims=True)`); closed code itself has no import statement to use this.
    if level == 0 and (name == "numpy" or name.startswith("numpy.")):
        return __import__(name, globals, locals, fromlist, level)
    raise ImportError(f"import of {name!r} is not allowed while checking")


def compile_closed(
    sources: dict[str, str],
    env: Environment,
    filename: str = "<nncheck>",
) -> dict[str, Callable]:
    """Compile closed function definitions (name -> source whose line numbers match the user's
    file) into one restricted namespace, so that they can call each other. Nothing runs here but
    the `def` statements themselves (whose defaults are literals)."""
    namespace: dict[str, Any] = {"__builtins__": {**SAFE_BUILTINS, "__import__": _numpy_internal_import}}
    for alias in env.numpy_names:
        namespace[alias] = _NUMPY_PROXY
    for alias in env.math_names:
        namespace[alias] = _MATH_PROXY
    for alias, name in env.numpy_functions.items():
        namespace[alias] = getattr(_NUMPY_PROXY, name)
    namespace.update(env.constants)
    compiled: dict[str, Callable] = {}
    for name, text in sources.items():
        local_ns: dict[str, Any] = {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = compile(text, filename, "exec", dont_inherit=True)
        exec(code, namespace, local_ns)  # noqa: S102 - closed code only, see module docstring
        function = local_ns.get(name) or next(iter(local_ns.values()), None)
        if callable(function):
            compiled[name] = function
            namespace[name] = function
    return compiled


def make_self(env: Environment, methods: dict[str, Callable]) -> types.SimpleNamespace:
    """A stand-in for `self` holding only the class's constants and its closed methods."""
    # A class of its own, so that a closed `__call__` makes the stand-in callable (`self(x)`).
    kind = type("StandIn", (types.SimpleNamespace,), {})
    if "__call__" in methods:
        kind.__call__ = methods["__call__"]
    stand_in = kind(**env.self_constants)
    for name, function in methods.items():
        setattr(stand_in, name, types.MethodType(function, stand_in))
    return stand_in


@contextmanager
def time_bound(seconds: float = TIME_LIMIT_SECONDS):
    """Stop a runaway evaluation. Closed code has no loops, so this is a second line of defence;
    signals only work in the main thread, elsewhere the structural limits alone apply."""
    use_signal = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if not use_signal:
        yield
        return

    def _expired(signum, frame):
        raise EvaluationTimeout()

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Outcome:
    """What one call of a closed function did: its value, or the exception and the line."""

    value: Any = None
    error: BaseException | None = None
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def call(function: Callable, *args: Any, filename: str = "<nncheck>", **kwargs: Any) -> Outcome:
    try:
        with np.errstate(all="ignore"), time_bound():
            value = function(*args, **kwargs)
        return Outcome(value=value)
    except EvaluationTimeout as error:
        return Outcome(error=error)
    except RecursionError as error:
        return Outcome(error=error)
    except Exception as error:  # noqa: BLE001 - the exception is the evidence
        return Outcome(error=error, line=_user_line(error, filename))


def _user_line(error: BaseException, filename: str) -> int | None:
    line = None
    traceback = error.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def is_array_truth_error(error: BaseException | None) -> bool:
    """The exceptions a scalar-only function raises when given an array."""
    if error is None:
        return False
    text = str(error)
    if isinstance(error, ValueError) and "truth value of an array" in text:
        return True
    if isinstance(error, TypeError) and ("arrays can be converted to Python scalars" in text or "only length-1" in text):
        return True
    return False
