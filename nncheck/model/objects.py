"""Objects: which class instances an expression can hold, and which method a call dispatches to.

An instance is named by its construction (`Dense(2, 8, Tanh())`), so that two layers of one class
stay two objects: inside `Dense.forward`, `self.activation` holds the `Tanh()` of the first
construction and the `Sigmoid()` of the second. That construction is the *context* in which a
method body is read; without one (context None), every construction of the class is meant.

Instances are found by following what names hold (NetworkModel.values) back to constructions,
through constructor parameters (bound per construction), self attributes, lists and tuples of
objects, `for layer in layers` (and `reversed(layers)`, `layers[::-1]`), `layers.append(...)`,
`layers[-1]`, and calls that return an instance (`Network(...).train(...)` is a method of the
temporary). After a loop, its target holds the last element: the value a loop leaves behind
(`a = layer.forward(a)` read after `for layer in net`) is the last layer's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Protocol

import libcst as cst

from nncheck.model.values import ClassInfo, Scope, code, positional_args

if TYPE_CHECKING:
    from nncheck.model.functions import FunctionInfo


class ModelView(Protocol):
    """What Objects reads of the NetworkModel that owns it. The model builds Objects, so naming
    the model's class here would make the two modules import each other."""

    builder: Any
    classes: Any
    functions: Any
    network: Any

    def key(self, *args: Any) -> Any: ...

    def defs(self, *args: Any) -> Any: ...

    def values(self, *args: Any) -> Any: ...

    def resolve_callable(self, *args: Any) -> Any: ...

MAX_DEPTH = 8
# A list of more objects than this is not a network's layer list; nothing is read from it.
MAX_ELEMENTS = 32


@dataclass(frozen=True, eq=False)
class Instance:
    """One construction of a class: `Dense(2, 8, Tanh())` evaluated in `scope`."""

    cls: ClassInfo
    call: cst.Call
    scope: Scope


class Objects:
    def __init__(self, model: ModelView) -> None:
        self.model = model
        self._memo: dict = {}

    def clear(self) -> None:
        # Constructions do not change as call sites are bound; what names hold does.
        kept = {k: v for k, v in self._memo.items() if k == "all" or (isinstance(k, tuple) and k[0] == "constructions")}
        self._memo = kept

    # -- classes ----------------------------------------------------------------------------------
    def bases(self, cls: ClassInfo) -> list[ClassInfo]:
        """The class and the classes of this file it derives from, nearest first."""
        found, todo = [], [cls]
        while todo and len(found) < MAX_DEPTH:
            current = todo.pop(0)
            if current in found:
                continue
            found.append(current)
            for base in current.node.bases:
                if isinstance(base.value, cst.Name) and base.value.value in self.model.classes:
                    todo.append(self.model.classes[base.value.value])
        return found

    def method(self, cls: ClassInfo, name: str) -> "FunctionInfo | None":
        for owner in self.bases(cls):
            function = self.model.functions.get(("attr", owner, name))
            if function is not None:
                return function
        return None

    def constructions(self, cls: ClassInfo) -> list[Instance]:
        """Every construction of `cls` or of a class derived from it, in source order."""
        found = self._memo.get(("constructions", cls))
        if found is None:
            found = [
                instance for instance in self._all_constructions
                if cls in self.bases(instance.cls)
            ]
            self._memo[("constructions", cls)] = found
        return found

    @property
    def _all_constructions(self) -> list[Instance]:
        found = self._memo.get("all")
        if found is None:
            found = []
            for call, scope in self.model.builder.calls:
                # Only a class's own name constructs it here; resolving anything more would
                # ask what names hold, which depends on the constructions.
                if isinstance(call.func, cst.Name) and self.model.key(call.func, scope) == ("global", call.func.value):
                    cls = self.model.classes.get(call.func.value)
                    if cls is not None:
                        found.append(Instance(cls, call, scope))
            self._memo["all"] = found
        return found

    def contexts(self, scope: Scope) -> list[Instance | None]:
        """The objects a method body can run for: each construction of its class, or None."""
        cls = _class_of(scope)
        if cls is None:
            return [None]
        return list(self.constructions(cls)) or [None]

    # -- what an expression holds -----------------------------------------------------------------
    def instances(
        self,
        expr: cst.BaseExpression,
        scope: Scope,
        context: Instance | None = None,
        after: frozenset = frozenset(),
        depth: int = 0,
    ) -> list[Instance]:
        """The instances `expr` can hold. `context`: the object `self` is; `after`: loops whose
        target is read after they ended (it holds their last element)."""
        if depth > MAX_DEPTH:
            return []
        memo_key = ("instances", expr, scope, context, after)
        found = self._memo.get(memo_key)
        if found is None:
            self._memo[memo_key] = []  # a cycle through this expression adds nothing
            found = _unique(self._instances(expr, scope, context, after, depth))
            self._memo[memo_key] = found
        return found

    def _instances(self, expr, scope, context, after, depth) -> Iterator[Instance]:
        model = self.model
        if isinstance(expr, cst.Call):
            target = model.resolve_callable(expr.func, scope)
            if isinstance(target, ClassInfo):
                yield Instance(target, expr, scope)
                return
            func = expr.func
            on_self = isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == scope.self_name
            if target is not None and (on_self or _class_of(target.scope) is None):
                # `self.build()` runs for this same object; `make_layer(...)` for none in particular
                inner = context if on_self else None
                for returned in target.scope.returns:
                    yield from self.instances(returned, target.scope, inner, frozenset(), depth + 1)
                return
            for function, receiver in self.dispatch(expr.func, scope, context, after, depth + 1):
                for returned in function.scope.returns:
                    yield from self.instances(returned, function.scope, receiver, frozenset(), depth + 1)
            return
        if isinstance(expr, cst.Subscript):
            position = _position(expr)
            if position is not None:
                elements = self.elements(expr.value, scope, context, after, depth + 1)
                if elements is not None and -len(elements) <= position < len(elements):
                    yield from elements[position]
            return
        key = model.key(expr, scope)
        if key is None:
            return
        if isinstance(expr, cst.Name) and scope.self_name == expr.value and context is not None:
            yield context
            return
        defs = [d for d in model.defs(key) if d.augmented is None]
        defs = self._in_context(key, defs, context)
        loop = self._loop_binding(expr)
        if loop is not None:
            # inside `for layer in net:` the name is that loop's, whatever other loops bind it
            defs = [d for d in defs if d.statement is loop]
        for definition in defs:
            statement = definition.statement
            value = definition.value
            if value is not None and value in model.builder.synthetic and isinstance(value, cst.Subscript):
                # an element of what a loop or comprehension walks (`for i, layer in
                # enumerate(layers)`): any of them, in no particular order
                if isinstance(statement, cst.For) and _is_target(statement.target, expr):
                    value = None  # a plain `for layer in layers`: read in order, below
                else:
                    for element in self.elements(value.value, definition.scope, context, after, depth + 1) or []:
                        yield from element
                    continue
            if isinstance(statement, cst.For) and value is None:
                if not _is_target(statement.target, expr):
                    continue
                elements = self.elements(statement.iter, definition.scope, context, after, depth + 1)
                if not elements:
                    continue
                if statement in after:
                    yield from elements[-1]
                else:
                    for element in elements:
                        yield from element
                continue
            if value is None:
                continue
            inner = context if self._same_object(definition.scope, context) else None
            yield from self.instances(value, definition.scope, inner, after, depth + 1)

    def _same_object(self, scope: Scope, context: Instance | None) -> bool:
        """Whether code in `scope` runs with `self` being the object `context`."""
        cls = _class_of(scope)
        return context is not None and cls is not None and cls in self.bases(context.cls)

    def _in_context(self, key, defs, context):
        """A constructor parameter, read for one construction: the argument that construction
        passed, or the default when it passed none."""
        if context is None or key[0] != "local" or key[1].name != "__init__" or not self._same_object(key[1], context):
            return defs
        passed = [d for d in defs if d.from_call and d.statement is context.call]
        if passed:
            return passed
        return [d for d in defs if not d.from_call]

    def elements(self, iterable, scope, context=None, after=frozenset(), depth: int = 0) -> list[list[Instance]] | None:
        """The instances held by each element of a list or tuple of objects, in order; None when
        the elements are not known one by one."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value in ("reversed", "list", "tuple"):
            args = positional_args(iterable)
            if len(args) != 1 or len(iterable.args) != 1:
                return None
            inner = self.elements(args[0], scope, context, after, depth + 1)
            if inner is None or iterable.func.value != "reversed":
                return inner
            return inner[::-1]
        if isinstance(iterable, cst.Subscript) and _is_reversal(iterable):
            inner = self.elements(iterable.value, scope, context, after, depth + 1)
            return inner[::-1] if inner is not None else None
        if isinstance(iterable, cst.ListComp):
            return self._comprehension_elements(iterable, scope, context, after, depth)
        if isinstance(iterable, (cst.List, cst.Tuple)):
            if len(iterable.elements) > MAX_ELEMENTS or any(isinstance(e, cst.StarredElement) for e in iterable.elements):
                return None
            listed = [self.instances(e.value, scope, context, after, depth + 1) for e in iterable.elements]
            if not iterable.elements:
                return None
            return listed
        model = self.model
        key = model.key(iterable, scope)
        if key is None:
            return None
        defs = [d for d in model.defs(key) if d.augmented is None]
        defs = self._in_context(key, defs, context)
        candidates = []
        for definition in defs:
            if definition.value is None:
                return None
            inner = context if self._same_object(definition.scope, context) else None
            listed = self.elements(definition.value, definition.scope, inner, after, depth + 1)
            if listed is None:
                appended = self._appended(key)
                if isinstance(definition.value, cst.List) and not definition.value.elements and appended is not None:
                    listed = appended
                else:
                    return None
            candidates.append(listed)
        if len(candidates) != 1:
            return None  # two lists under one name: which one a loop walks is not known here
        return candidates[0]

    def _comprehension_elements(self, comprehension: cst.ListComp, scope, context, after, depth):
        """`[l for l in layers if isinstance(l, Linear)]`: the elements of `layers` that pass the
        class test, in order."""
        loop = comprehension.for_in
        if loop.inner_for_in is not None or not isinstance(loop.target, cst.Name):
            return None
        if not (isinstance(comprehension.elt, cst.Name) and comprehension.elt.value == loop.target.value):
            return None
        listed = self.elements(loop.iter, scope, context, after, depth + 1)
        if listed is None:
            return None
        for condition in loop.ifs:
            wanted = self._class_test(condition.test, loop.target.value)
            if wanted is None:
                return None
            listed = [
                kept for kept in (
                    [i for i in element if any(c in wanted for c in self.bases(i.cls))] for element in listed
                ) if kept
            ]
        return listed

    def _class_test(self, test: cst.BaseExpression, name: str) -> set | None:
        """The classes `isinstance(name, C)` / `isinstance(name, (C, D))` accepts."""
        if not (isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "isinstance"):
            return None
        args = positional_args(test)
        if len(args) != 2 or not (isinstance(args[0], cst.Name) and args[0].value == name):
            return None
        names = [e.value for e in args[1].elements] if isinstance(args[1], cst.Tuple) else [args[1]]
        wanted = set()
        for node in names:
            if not (isinstance(node, cst.Name) and node.value in self.model.classes):
                return None
            wanted.add(self.model.classes[node.value])
        return wanted

    def _appended(self, key) -> list[list[Instance]] | None:
        """`layers = []` then `layers.append(Dense(...))`: the elements in the order they were
        appended. When some append runs in a loop, the order is not known: one element then
        stands for all of them (any of those objects, wherever it is read)."""
        found = []
        looped = False
        for call, scope in self.model.builder.calls:
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value == "append"):
                continue
            if self.model.key(func.value, scope) != key:
                continue
            args = positional_args(call)
            if len(args) != 1:
                return None
            looped = looped or self._in_loop(call)
            found.append(self.instances(args[0], scope))
        if looped and found:
            return [_unique(i for element in found for i in element)]
        return found or None

    def _loop_binding(self, name: cst.BaseExpression) -> cst.For | None:
        """The innermost loop around `name` whose target is that name."""
        if not isinstance(name, cst.Name):
            return None
        parents = self.model.builder.parents
        current = parents.get(name)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda, cst.Module)):
            if isinstance(current, cst.For) and _is_target(current.target, name) and name is not current.target:
                return current
            current = parents.get(current)
        return None

    def _in_loop(self, node: cst.CSTNode) -> bool:
        parents = self.model.builder.parents
        current = parents.get(node)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda, cst.Module)):
            if isinstance(current, (cst.For, cst.While)):
                return True
            current = parents.get(current)
        return False

    # -- calls ------------------------------------------------------------------------------------
    def dispatch(
        self,
        func: cst.BaseExpression,
        scope: Scope,
        context: Instance | None = None,
        after: frozenset = frozenset(),
        depth: int = 0,
    ) -> list[tuple["FunctionInfo", Instance | None]]:
        """The methods a call's function expression reaches, each with the object it runs for:
        `layer.forward` on each layer `layer` holds, `self.act(z)` on the `__call__` of each
        activation object `self.act` holds."""
        if depth > MAX_DEPTH:
            return []
        found: list = []
        if isinstance(func, cst.Attribute):
            receiver = func.value
            # self.method(...) is this class's method, resolved by name; self.act(...) may
            # still be an object's __call__ (below)
            if not (isinstance(receiver, cst.Name) and receiver.value == scope.self_name):
                for instance in self.instances(receiver, scope, context, after, depth + 1):
                    function = self.method(instance.cls, func.attr.value)
                    if function is not None:
                        found.append((function, instance))
        if not found and isinstance(func, (cst.Name, cst.Attribute, cst.Subscript)):
            for instance in self.instances(func, scope, context, after, depth + 1):
                function = self.method(instance.cls, "__call__")
                if function is not None:
                    found.append((function, instance))
        return found

    def loops_left(self, value: cst.CSTNode, reader: cst.CSTNode) -> frozenset:
        """The loops around `value` that do not hold `reader`: reading `value` from there sees
        what their last iteration left."""
        parents = self.model.builder.parents
        around_reader: set = set()
        current = parents.get(reader)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Module)):
            if isinstance(current, cst.For):
                around_reader.add(current)
            current = parents.get(current)
        left = set()
        current = parents.get(value)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Module)):
            if isinstance(current, cst.For) and current not in around_reader:
                left.add(current)
            current = parents.get(current)
        return frozenset(left)


def _class_of(scope: Scope | None) -> ClassInfo | None:
    while scope is not None:
        if scope.cls is not None:
            return scope.cls
        scope = scope.parent if scope.parent is not None and not scope.parent.is_module else None
    return None


def _is_target(target: cst.BaseExpression, expr: cst.BaseExpression) -> bool:
    return isinstance(target, cst.Name) and isinstance(expr, cst.Name) and target.value == expr.value


def _is_reversal(subscript: cst.Subscript) -> bool:
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Slice):
        return False
    piece = subscript.slice[0].slice
    return piece.lower is None and piece.upper is None and piece.step is not None and code(piece.step) == "-1"


def _position(subscript: cst.Subscript) -> int | None:
    if len(subscript.slice) != 1 or not isinstance(subscript.slice[0].slice, cst.Index):
        return None
    text = code(subscript.slice[0].slice.value)
    try:
        return int(text)
    except ValueError:
        return None


def _unique(instances: Iterator[Instance]) -> list[Instance]:
    seen: set = set()
    found = []
    for instance in instances:
        if instance.call not in seen:
            seen.add(instance.call)
            found.append(instance)
    return found
