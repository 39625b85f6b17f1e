"""Array functions: every def, method and lambda that could be an activation or a derivative.

Each is checked for closedness (see sandbox.py); closed ones are compiled once per file into a
restricted namespace, and can then be called on probe arrays in any *mode* (the values of its
extra parameters at a call site, e.g. `deriv=True`).
"""
from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable

import libcst as cst

from nncheck.model import sandbox
from nncheck.model.behaviour import Behaviour, classify
from nncheck.model.values import ClassInfo, Scope, code, positional_param_names

Mode = tuple  # sorted ((param, value), ...)

FILENAME = "<nncheck-closed>"


@dataclass(eq=False)
class FunctionInfo:
    node: cst.FunctionDef | cst.Lambda
    name: str  # as the user calls it: 'nonlin', 'self.sigmoid', 'sig'
    ident: str  # the identifier it is compiled under
    scope: Scope  # the function's own scope
    cls: ClassInfo | None
    positional: list[str]  # positional parameters, without self
    defaults: dict[str, Any]  # literal defaults
    text: str = ""  # source to compile, line numbers matching the file
    syntax: ast.AST | None = None
    closed_reason: str | None = "not checked"
    compiled: Callable | None = None
    has_self: bool = False
    behaviours: dict[Mode, Behaviour | None] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        return self.closed_reason is None

    @property
    def array_param(self) -> str | None:
        return self.positional[0] if self.positional else None

    def bool_params(self) -> set[str]:
        return {name for name, value in self.defaults.items() if isinstance(value, bool)}

    def forward_mode(self, mode: Mode) -> Mode:
        """The same call with every boolean flag at its default: the forward function that a
        `deriv=True` call is the derivative of."""
        flags = self.bool_params()
        return tuple((name, value) for name, value in mode if name not in flags)

    def bound(self, mode: Mode, self_stand_in: Any = None) -> Callable | None:
        if self.compiled is None:
            return None
        function = self.compiled
        kwargs = dict(mode)
        if self.has_self:
            return lambda x: function(self_stand_in, x, **kwargs)
        return lambda x: function(x, **kwargs)


def function_text(module: cst.Module, node: cst.FunctionDef, line: int) -> str:
    bare = node.with_changes(leading_lines=(), decorators=())
    text = textwrap.dedent(module.code_for_node(bare))
    return "\n" * (line - 1) + text


def lambda_text(module: cst.Module, node: cst.Lambda, name: str, line: int) -> str:
    body = module.code_for_node(node)
    # Wrapped in parentheses so a lambda written across lines still compiles.
    return "\n" * (line - 1) + f"{name} = ({body})\n"


def literal_defaults(params: cst.Parameters) -> dict[str, Any]:
    defaults = {}
    for param in list(params.posonly_params) + list(params.params) + list(params.kwonly_params):
        if param.default is None:
            continue
        try:
            defaults[param.name.value] = ast.literal_eval(code(param.default))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    return defaults


def make_info(
    node: cst.FunctionDef | cst.Lambda,
    name: str,
    scope: Scope,
    cls: ClassInfo | None,
    text: str,
    ident: str,
) -> FunctionInfo:
    positional = positional_param_names(node.params)
    has_self = bool(cls is not None and scope.self_name and positional and positional[0] == scope.self_name)
    if has_self:
        positional = positional[1:]
    info = FunctionInfo(
        node=node,
        name=name,
        ident=ident,
        scope=scope,
        cls=cls,
        positional=positional,
        defaults=literal_defaults(node.params),
        text=text,
        has_self=has_self,
    )
    try:
        tree = sandbox.quiet_parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        info.closed_reason = "does not compile alone"
        return info
    statement = tree.body[0] if tree.body else None
    if isinstance(statement, ast.FunctionDef):
        info.syntax = statement
    elif isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Lambda):
        info.syntax = statement.value
    else:
        info.closed_reason = "does not compile alone"
    return info


def settle_closedness(
    functions: list[FunctionInfo],
    module_constants: dict[str, Any],
    self_constants: dict[ClassInfo, dict[str, Any]],
) -> None:
    """A function is closed when its own body is, and every function it calls is closed too:
    start from all candidates and drop the ones that read anything else, until nothing changes."""
    candidates = [f for f in functions if f.syntax is not None]
    closed = set(candidates)
    changed = True
    while changed:
        changed = False
        for info in list(closed):
            env = _environment(info, closed, module_constants, self_constants)
            reason = sandbox.why_not_closed(info.syntax, env)
            if reason is not None:
                info.closed_reason = reason
                closed.discard(info)
                changed = True
    for info in closed:
        info.closed_reason = None


def _environment(info, closed, module_constants, self_constants) -> sandbox.Environment:
    module_functions = frozenset(
        f.ident for f in closed if f.cls is None and f.scope.parent is not None and f.scope.parent.is_module
    )
    methods = frozenset(f.ident for f in closed if f.cls is info.cls and f.cls is not None)
    return sandbox.Environment(
        constants=module_constants,
        self_constants=self_constants.get(info.cls, {}) if info.cls is not None else {},
        closed_functions=module_functions,
        closed_methods=methods if info.has_self else frozenset(),
    )


def compile_all(
    functions: list[FunctionInfo],
    module_constants: dict[str, Any],
    self_constants: dict[ClassInfo, dict[str, Any]],
) -> dict[ClassInfo, Any]:
    """Compile every closed function. Module functions share one namespace (so they can call
    each other); each class's closed methods are reached through a stand-in `self`."""
    closed = [f for f in functions if f.closed]
    module_level = {
        f.ident: f.text for f in closed if f.cls is None and f.scope.parent is not None and f.scope.parent.is_module
    }
    env = sandbox.Environment(constants=module_constants)
    try:
        compiled = sandbox.compile_closed(module_level, env, FILENAME)
    except Exception:  # noqa: BLE001 - a def that fails to compile is simply not closed
        compiled = {}
    namespace_functions = dict(compiled)
    for info in closed:
        if info.ident in compiled and info.cls is None:
            info.compiled = compiled[info.ident]
    stand_ins: dict[ClassInfo, Any] = {}
    by_class: dict[ClassInfo, list[FunctionInfo]] = {}
    for info in closed:
        if info.cls is not None:
            by_class.setdefault(info.cls, []).append(info)
    for cls, methods in by_class.items():
        method_functions = {}
        for info in methods:
            method_name = info.ident
            try:
                result = sandbox.compile_closed(
                    {method_name: info.text},
                    sandbox.Environment(constants={**module_constants, **namespace_functions}),
                    FILENAME,
                )
            except Exception:  # noqa: BLE001
                continue
            if method_name in result:
                info.compiled = result[method_name]
                method_functions[method_name] = result[method_name]
        stand_ins[cls] = sandbox.make_self(
            sandbox.Environment(self_constants=self_constants.get(cls, {})),
            {name: fn for name, fn in method_functions.items()},
        )
    # nested functions and lambdas inside functions: compiled alone
    for info in closed:
        if info.compiled is None and info.cls is None:
            try:
                result = sandbox.compile_closed(
                    {info.ident: info.text},
                    sandbox.Environment(constants={**module_constants, **namespace_functions}),
                    FILENAME,
                )
            except Exception:  # noqa: BLE001
                continue
            info.compiled = result.get(info.ident)
    return stand_ins


def behaviour(info: FunctionInfo, mode: Mode, stand_in: Any) -> Behaviour | None:
    if mode not in info.behaviours:
        function = info.bound(mode, stand_in)
        info.behaviours[mode] = classify(function) if function is not None else None
    return info.behaviours[mode]
