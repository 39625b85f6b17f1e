"""Values: which expressions each name can hold, across scopes, methods and call sites.

A *key* names a storage place:
  ("global", name)            a module-level name
  ("local", scope, name)      a function's local or parameter
  ("attr", class, attr)       `self.attr`, shared by all methods of a class
  ("item", key, "W1")         `params["W1"]`, an item of a dict held in `key`
  ("class", "Config", "lr")   `Config.lr`, a name assigned in the body of a module-level class

Every assignment to a key is a Definition. Parameters also get one Definition per call site
(the argument expression, evaluated in the caller's scope), so a label array defined at module
level and passed to `NeuralNetwork(X, y)` is known inside `self.labels`.
"""
from __future__ import annotations

import ast
import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Union

import libcst as cst

Key = tuple


@dataclass(eq=False)
class ClassInfo:
    node: cst.ClassDef
    name: str
    methods: dict[str, cst.FunctionDef] = field(default_factory=dict)


@dataclass(eq=False)
class Scope:
    node: Union[cst.Module, cst.FunctionDef, cst.Lambda]
    name: str
    parent: "Scope | None" = None
    cls: ClassInfo | None = None
    params: list[str] = field(default_factory=list)
    self_name: str | None = None
    assigned: set[str] = field(default_factory=set)
    global_names: set[str] = field(default_factory=set)
    returns: list[cst.BaseExpression] = field(default_factory=list)
    # (module scope only) the keys that hold a Python list: only their positions are elements
    lists: set = field(default_factory=set)
    # (module scope only) module-level classes: `Config.lr` reads the class body's `lr`
    class_names: set = field(default_factory=set)
    # (module scope only) (class, name) for each name a module-level class body assigns: only
    # those are read as `Class.name` constants (a method stays a method)
    class_assigned: set = field(default_factory=set)

    @property
    def is_module(self) -> bool:
        return self.parent is None

    @property
    def module_scope(self) -> "Scope":
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope


@dataclass(eq=False)
class Definition:
    key: Key
    value: cst.BaseExpression | None  # None: assigned, but to something unknown
    scope: Scope  # where `value` is evaluated
    statement: cst.CSTNode
    augmented: cst.BaseAugOp | None = None
    from_call: bool = False  # a parameter bound at a call site


@dataclass(eq=False)
class Update:
    """`key += rhs`, `key -= rhs` or `key = key - rhs`: a parameter update."""

    key: Key
    target: cst.BaseExpression
    rhs: cst.BaseExpression
    sign: str  # "+" or "-"
    statement: cst.CSTNode
    scope: Scope


NUMPY_ALIASES = {"np", "numpy"}

CREATION_FUNCTIONS = {
    "zeros", "ones", "full", "empty", "zeros_like", "ones_like", "full_like", "empty_like",
}
RANDOM_FUNCTIONS = {
    "randn", "rand", "random", "random_sample", "normal", "uniform", "standard_normal",
    "randint", "integers", "choice", "default_rng", "RandomState", "seed", "permutation",
    "sample", "ranf", "truncated_normal", "glorot_uniform",
}


_EMPTY_MODULE = cst.Module([])
_CODE_CACHE: dict[int, tuple[cst.CSTNode, str]] = {}


def code(node: cst.CSTNode) -> str:
    """The node's source text, whitespace folded (cached: the model asks for it often)."""
    cached = _CODE_CACHE.get(id(node))
    if cached is not None and cached[0] is node:
        return cached[1]
    text = re.sub(r"\s+", " ", _EMPTY_MODULE.code_for_node(node)).strip()
    if len(_CODE_CACHE) > 200_000:
        _CODE_CACHE.clear()
    _CODE_CACHE[id(node)] = (node, text)
    return text


# The names the file being checked imports from numpy (`from numpy import dot, exp` ->
# {"dot": "dot", "exp": "exp"}; `from numpy.random import randn` -> {"randn": "random.randn"}),
# set once per file (numpy_imports_of) before its model is built and its rules run.
_NUMPY_IMPORTS: ContextVar[dict[str, str]] = ContextVar("nncheck_numpy_imports", default={})


def numpy_imports_of(module: cst.Module) -> dict[str, str]:
    """Read a module's `from numpy import ...` statements (top level) and make them the names
    numpy_attribute knows for the file; a name the file also assigns or defines is left out."""
    imported: dict[str, str] = {}
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.ImportFrom) or small.relative or small.module is None:
                continue
            if isinstance(small.names, cst.ImportStar):
                continue
            origin = code(small.module)
            if origin != "numpy" and not origin.startswith("numpy."):
                continue
            prefix = origin[len("numpy."):] + "." if origin != "numpy" else ""
            for alias in small.names:
                local = alias.evaluated_alias or alias.evaluated_name
                imported[local] = prefix + alias.evaluated_name
    if imported:
        rebound = _RebindsNames(set(imported))
        module.visit(rebound)
        imported = {k: v for k, v in imported.items() if k not in rebound.found}
    _NUMPY_IMPORTS.set(imported)
    return imported


def numpy_imports() -> dict[str, str]:
    """The names the file being checked imports from numpy (see numpy_imports_of)."""
    return _NUMPY_IMPORTS.get()


class _RebindsNames(cst.CSTVisitor):
    def __init__(self, names: set[str]) -> None:
        self.names = names
        self.found: set[str] = set()

    def _bind(self, name: cst.CSTNode) -> None:
        if isinstance(name, cst.Name) and name.value in self.names:
            self.found.add(name.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        for sub in _target_names(node.target):
            self._bind(sub)

    def visit_Param(self, node: cst.Param) -> None:
        self._bind(node.name)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._bind(node.name)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._bind(node.name)

    def visit_For(self, node: cst.For) -> None:
        for sub in _target_names(node.target):
            self._bind(sub)


def _target_names(target: cst.BaseExpression) -> list[cst.Name]:
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


def numpy_attribute(node: cst.BaseExpression) -> str | None:
    """'exp' for np.exp / numpy.exp (and a bare `exp` imported from numpy); 'random.randn' for
    np.random.randn."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        if node.value in NUMPY_ALIASES and parts:
            return ".".join(reversed(parts))
        imported = _NUMPY_IMPORTS.get().get(node.value)
        if imported is not None:
            return ".".join([imported, *reversed(parts)])
    return None


def call_name(call: cst.Call) -> str | None:
    """np.* function name, or the plain name / method name of a call."""
    name = numpy_attribute(call.func)
    if name is not None:
        return name
    if isinstance(call.func, cst.Name):
        return call.func.value
    if isinstance(call.func, cst.Attribute):
        return call.func.attr.value
    return None


def positional_args(call: cst.Call) -> list[cst.BaseExpression]:
    return [arg.value for arg in call.args if arg.keyword is None and not arg.star]


def keyword_arg(call: cst.Call, name: str) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg.value
    return None


def strip_parens(node: cst.BaseExpression) -> cst.BaseExpression:
    return node


def transposed_base(node: cst.BaseExpression) -> cst.BaseExpression:
    """X for X.T, X.transpose(), np.transpose(X); the node itself otherwise."""
    if isinstance(node, cst.Attribute) and node.attr.value == "T":
        return node.value
    if isinstance(node, cst.Call):
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "transpose" and not node.args:
            return node.func.value
        if numpy_attribute(node.func) == "transpose" and len(node.args) == 1:
            return node.args[0].value
    return node


def is_transposed(node: cst.BaseExpression) -> bool:
    return transposed_base(node) is not node


def matrix_product(node: cst.CSTNode) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """The two factors of `a @ b`, `np.dot(a, b)`, `np.matmul(a, b)` or `a.dot(b)` (not of
    `np.dot(a, b, c)`, which writes `a @ b` into `c`: NN307)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.MatrixMultiply):
        return node.left, node.right
    if isinstance(node, cst.Call):
        name = numpy_attribute(node.func)
        args = positional_args(node)
        if name in ("dot", "matmul") and len(args) == 2 and len(node.args) == 2:
            return args[0], args[1]
        if (
            name is None
            and isinstance(node.func, cst.Attribute)
            and node.func.attr.value == "dot"
            and len(args) == 1
        ):
            return node.func.value, args[0]
    return None


class ScopeBuilder(cst.CSTVisitor):
    """One pass over the module: scopes, classes, definitions, updates and call sites."""

    def __init__(self, module: cst.Module) -> None:
        self.module_scope = Scope(node=module, name="<module>")
        self.stack: list[Scope] = [self.module_scope]
        self.class_stack: list[ClassInfo] = []
        # the scope each open class statement sits in: a name assigned there is the class's own
        self.class_outer: list[Scope] = []
        self.classes: dict[str, ClassInfo] = {}
        self.scopes: dict[cst.CSTNode, Scope] = {module: self.module_scope}
        self.scope_of_node: dict[cst.CSTNode, Scope] = {}
        self.definitions: dict[Key, list[Definition]] = {}
        self.updates: list[Update] = []
        self.calls: list[tuple[cst.Call, Scope]] = []
        self.function_defs: list[tuple[cst.FunctionDef, Scope, ClassInfo | None]] = []
        self.lambdas: list[tuple[cst.Lambda, Scope]] = []
        self.statement_stack: list[cst.CSTNode] = []
        self.node_stack: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.children: dict[cst.CSTNode, list[cst.CSTNode]] = {}
        self.star_import = False
        self.imported: set[str] = set()
        # `layer.W -= lr * layer.dW` on an object other than self: (target, rhs, sign, statement,
        # scope, operator), resolved to the attributes of the objects `layer` holds by the model
        self.object_updates: list[tuple] = []
        # `Y[ix] = j`, `W[:] = W - lr * dW`, `dW[i] += g`: writes into part of an array, per key of
        # the array written (the value written, its scope, the statement).
        self.element_writes: dict[Key, list[tuple[cst.BaseExpression, Scope, cst.CSTNode]]] = {}
        # Expressions the model made up (an element of a list a loop walks, a loop's statement
        # written out for one dict item), each with the node of the user's code it stands for.
        self.synthetic: dict[cst.CSTNode, cst.CSTNode] = {}
        # `a, b = f(x)` / `W1, b1 = params`: resolved once functions and call sites are known
        self.pending_elements: list[tuple[Key, cst.BaseExpression, Scope, cst.CSTNode, int]] = []

    # -- scopes ---------------------------------------------------------------------------------
    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        info = ClassInfo(node=node, name=node.name.value)
        for statement in node.body.body:
            if isinstance(statement, cst.FunctionDef):
                info.methods[statement.name.value] = statement
        self.classes.setdefault(info.name, info)
        self.class_stack.append(info)
        self.class_outer.append(self.scope)
        self.scope.assigned.add(info.name)
        if self.scope is self.module_scope:
            self.module_scope.class_names.add(info.name)
        return True

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self.class_stack.pop()
        self.class_outer.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        outer = self.scope
        cls = self.class_stack[-1] if self.class_stack and node in self.class_stack[-1].methods.values() else None
        if cls is None:  # a method's name lives in its class, not in the enclosing scope
            outer.assigned.add(node.name.value)
        params = _param_names(node.params)
        is_static = any(
            isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod" for d in node.decorators
        )
        self_name = params[0] if cls is not None and params and not is_static else None
        scope = Scope(
            node=node,
            name=node.name.value,
            parent=self.module_scope if cls is not None else outer,
            cls=cls,
            params=params,
            self_name=self_name,
            assigned=set(params),
        )
        self.scopes[node] = scope
        self.function_defs.append((node, outer, cls))
        self.stack.append(scope)
        for param in _all_params(node.params):
            if param.default is not None:
                self._define(("local", scope, param.name.value), param.default, outer, param)
        return True

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        params = _param_names(node.params)
        scope = Scope(node=node, name="<lambda>", parent=self.scope, params=params, assigned=set(params))
        self.scopes[node] = scope
        self.lambdas.append((node, self.scope))
        self.stack.append(scope)
        return True

    def leave_Lambda(self, node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scope.global_names.add(item.name.value)

    # -- statements -----------------------------------------------------------------------------
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.statement_stack.append(node)

    def leave_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.statement_stack.pop()

    @property
    def statement(self) -> cst.CSTNode:
        return self.statement_stack[-1] if self.statement_stack else self.module_scope.node

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assign(target.target, node.value, node)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._assign(node.target, node.value, node)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        key = self.key_for_target(node.target)
        if key is None:
            if isinstance(node.target, cst.Attribute) and isinstance(node.operator, (cst.AddAssign, cst.SubtractAssign)):
                sign = "+" if isinstance(node.operator, cst.AddAssign) else "-"
                self.object_updates.append((node.target, node.value, sign, node, self.scope, node.operator))
        if isinstance(node.target, cst.Subscript) and (key is None or key[2] == ELEMENT):
            self._element_write(node.target, node.value, node)
        whole = _whole_array(node.target)
        if key is None and whole is not None:
            # `W[:] -= lr * dW` changes W in place, as `W -= lr * dW` does
            key = self.key_for_target(whole)
            if key is not None:
                self._define(key, node.value, self.scope, node, augmented=node.operator)
                if isinstance(node.operator, (cst.AddAssign, cst.SubtractAssign)):
                    sign = "+" if isinstance(node.operator, cst.AddAssign) else "-"
                    self.updates.append(Update(key, whole, node.value, sign, node, self.scope))
            return
        if key is None:
            return
        self._define(key, node.value, self.scope, node, augmented=node.operator)
        if isinstance(node.operator, (cst.AddAssign, cst.SubtractAssign)):
            sign = "+" if isinstance(node.operator, cst.AddAssign) else "-"
            self.updates.append(Update(key, node.target, node.value, sign, node, self.scope))

    def visit_For(self, node: cst.For) -> None:
        self._assign_loop(node.target, node.iter, node)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._assign_loop(node.target, node.iter, self.statement)

    def _assign_loop(self, target: cst.BaseExpression, iterable: cst.BaseExpression, statement) -> None:
        """`for w, b in zip(weights, biases)`, `for i, layer in enumerate(layers)`,
        `for W in params`: each target holds an element of what it iterates over."""
        elements = self._loop_elements(target, iterable)
        if elements is None:
            self._assign(target, None, statement)
            return
        for element_target, container in elements:
            if container is None:
                self._assign(element_target, None, statement)
                continue
            value = element_of(container)
            self.synthetic[value] = container
            self._assign(element_target, value, statement)

    def _loop_elements(self, target, iterable):
        call = iterable if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) else None
        name = call.func.value if call is not None else None
        args = positional_args(call) if call is not None else []
        if name in ("zip", "enumerate") and any(arg.star or arg.keyword for arg in call.args):
            return None
        if name == "zip":
            if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(args):
                return None
            pairs = []
            for element, arg in zip(target.elements, args):
                if isinstance(element, cst.StarredElement):
                    return None
                inner = self._loop_elements(element.value, arg)
                if inner is None:
                    return None
                pairs.extend(inner)
            return pairs
        if name == "enumerate":
            if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != 2 or len(args) != 1:
                return None
            if any(isinstance(e, cst.StarredElement) for e in target.elements):
                return None
            inner = self._loop_elements(target.elements[1].value, args[0])
            return None if inner is None else [(target.elements[0].value, None), *inner]
        if name in ("reversed", "list", "tuple", "iter") and len(args) == 1:
            return self._loop_elements(target, args[0])
        if name in ("range", "len", "zip", "enumerate", "sorted", "map", "filter"):
            return None
        if key_for(iterable, self.scope, self.module_scope) is None:
            return None
        return [(target, iterable)]

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._assign(node.asname.name, None, node)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._assign(node.target, node.value, node)

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            name = alias.evaluated_alias or alias.evaluated_name.split(".")[0]
            self.scope.assigned.add(name)
            self.imported.add(name)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            self.star_import = True
            return
        for alias in node.names:
            name = alias.evaluated_alias or alias.evaluated_name
            self.scope.assigned.add(name)
            self.imported.add(name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._assign(node.name.name, None, node)

    def visit_Return(self, node: cst.Return) -> None:
        if node.value is not None:
            self.scope.returns.append(node.value)

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.append((node, self.scope))
        self._ufunc_update(node)
        # `acts.append(a)`, `layers.insert(0, layer)`: a new element of the list
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("append", "insert"):
            args = positional_args(node)
            wanted = 1 if func.attr.value == "append" else 2
            if len(args) == wanted and len(node.args) == wanted:
                key = self.key_for_target(func.value)
                if key is not None:
                    self._define(("item", key, ELEMENT), args[-1], self.scope, self.statement)

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.scope_of_node[node] = self.scope
        # Parent and child links, recorded once here: libcst's own `children` re-visits the
        # subtree on every call, which is far too slow to use in the model's queries.
        if self.node_stack:
            parent = self.node_stack[-1]
            self.parents[node] = parent
            self.children.setdefault(parent, []).append(node)
        self.node_stack.append(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self.node_stack.pop()

    # -- helpers --------------------------------------------------------------------------------
    def _assign(self, target: cst.BaseExpression, value: cst.BaseExpression | None, statement) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            elements = [e.value for e in target.elements]
            starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
            literal = isinstance(value, (cst.Tuple, cst.List)) and len(value.elements) == len(elements)
            for index, element in enumerate(elements):
                if isinstance(element, cst.StarredElement):
                    element = element.value
                if literal and not starred:
                    self._assign(element, value.elements[index].value, statement)
                    continue
                self._assign(element, None, statement)
                key = self.key_for_target(element)
                if key is not None and value is not None and not starred:
                    self.pending_elements.append((key, value, self.scope, statement, index))
            return
        if isinstance(target, cst.Name) and target.value not in self.scope.global_names:
            self.scope.assigned.add(target.value)
            if self.class_outer and self.class_outer[-1] is self.scope and self.scope is self.module_scope:
                # a settings class (`class Config: n_hidden = 3`) read as `Config.n_hidden`
                self._define(("class", self.class_stack[-1].name, target.value), value, self.scope, statement)
                self.module_scope.class_assigned.add((self.class_stack[-1].name, target.value))
        key = self.key_for_target(target)
        if key is None and (
            isinstance(target, cst.Attribute) and isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, (cst.Add, cst.Subtract)) and code(value.left) == code(target)
        ):
            sign = "+" if isinstance(value.operator, cst.Add) else "-"
            self.object_updates.append((target, value.right, sign, statement, self.scope, None))
        if isinstance(target, cst.Subscript) and (key is None or key[2] == ELEMENT):
            self._element_write(target, value, statement)
        whole = _whole_array(target)
        if key is None and whole is not None:
            # `W[:] = W - lr * dW`: an in-place update (anything else written into W[:] is no
            # new value of W that the model could follow)
            key = self.key_for_target(whole)
            if (
                key is not None and isinstance(value, cst.BinaryOperation)
                and isinstance(value.operator, (cst.Add, cst.Subtract)) and self.key_for_target(value.left) == key
            ):
                operator = cst.AddAssign() if isinstance(value.operator, cst.Add) else cst.SubtractAssign()
                self._define(key, value.right, self.scope, statement, augmented=operator)
                sign = "+" if isinstance(value.operator, cst.Add) else "-"
                self.updates.append(Update(key, whole, value.right, sign, statement, self.scope))
            return
        if key is None:
            return
        self._define(key, value, self.scope, statement)
        self._define_elements(key, target, value, statement)
        # `W = W - lr * dW` is an update just like `W -= lr * dW`.
        if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Subtract)):
            if self.key_for_target(value.left) == key:
                sign = "+" if isinstance(value.operator, cst.Add) else "-"
                self.updates.append(Update(key, target, value.right, sign, statement, self.scope))
        # A dict literal defines its constant-string items: params = {"W1": W1, ...}
        if isinstance(value, cst.Dict):
            for element in value.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                    item = element.key.evaluated_value
                    self._define(("item", key, item), element.value, self.scope, statement)

    def _ufunc_update(self, call: cst.Call) -> None:
        """`np.subtract(W, lr * dW, out=W)`, `np.add(W, -lr * dW, out=W)`: W updated in place."""
        name = numpy_attribute(call.func)
        out = keyword_arg(call, "out")
        args = positional_args(call)
        if name not in ("subtract", "add") or out is None or len(args) != 2:
            return
        if isinstance(out, cst.Tuple) and len(out.elements) == 1:
            out = out.elements[0].value
        key = self.key_for_target(out)
        if key is None or self.key_for_target(args[0]) != key:
            return
        operator = cst.AddAssign() if name == "add" else cst.SubtractAssign()
        self._define(key, args[1], self.scope, self.statement, augmented=operator)
        self.updates.append(Update(key, out, args[1], "+" if name == "add" else "-", self.statement, self.scope))

    def _define_elements(self, key: Key, target, value, statement) -> None:
        """A list literal or comprehension defines the elements of the list it is assigned to;
        `weights = [w - lr * g for w, g in zip(weights, grads)]` updates each of them."""
        if isinstance(value, (cst.List, cst.ListComp)) or (
            isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "list"
        ):
            self.module_scope.lists.add(key)
        if isinstance(value, cst.List):
            for element in value.elements:
                if not isinstance(element, cst.StarredElement):
                    self._define(("item", key, ELEMENT), element.value, self.scope, statement)
            return
        if not isinstance(value, cst.ListComp):
            return
        element_key = ("item", key, ELEMENT)
        self._define(element_key, value.elt, self.scope, statement)
        elt = value.elt
        if isinstance(elt, cst.BinaryOperation) and isinstance(elt.operator, (cst.Add, cst.Subtract)):
            # the element read on the left must be an element of this same list
            walked = self._loop_elements(value.for_in.target, value.for_in.iter) or []
            if value.for_in.inner_for_in is None and isinstance(elt.left, cst.Name) and any(
                isinstance(name, cst.Name) and name.value == elt.left.value
                and container is not None and self.key_for_target(container) == key
                for name, container in walked
            ):
                sign = "+" if isinstance(elt.operator, cst.Add) else "-"
                self.updates.append(Update(element_key, elt.left, elt.right, sign, statement, self.scope))

    def _element_write(self, target: cst.BaseExpression, value, statement) -> None:
        if isinstance(target, cst.Subscript):
            key = self.key_for_target(target.value)
            if key is not None:
                self.element_writes.setdefault(key, []).append((value, self.scope, statement))

    def _define(self, key, value, scope, statement, augmented=None, from_call=False) -> None:
        self.definitions.setdefault(key, []).append(
            Definition(key, value, scope, statement, augmented, from_call)
        )

    def key_for_target(self, target: cst.BaseExpression) -> Key | None:
        return key_for(target, self.scope, self.module_scope)


def key_for(expr: cst.BaseExpression, scope: Scope, module_scope: Scope | None = None) -> Key | None:
    """The storage key an expression reads (or writes), if it is a name, self.attr or item."""
    if isinstance(expr, cst.Name):
        name = expr.value
        walker = scope
        while walker is not None and not walker.is_module:
            if name in walker.global_names:
                break
            if name in walker.assigned:
                return ("local", walker, name)
            if walker.cls is not None:
                break  # methods do not see the class body's names
            walker = walker.parent
        return ("global", name)
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        walker = scope
        while walker is not None and walker.self_name is None and not walker.is_module:
            walker = walker.parent  # a lambda inside a method still sees self
        if walker is not None and walker.self_name == expr.value.value and walker.cls is not None:
            return ("attr", walker.cls, expr.attr.value)
        module = module_scope or scope.module_scope
        if (expr.value.value, expr.attr.value) in module.class_assigned and \
                key_for(expr.value, scope, module) == ("global", expr.value.value):
            return ("class", expr.value.value, expr.attr.value)
        return None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if isinstance(index, cst.Index):
            item = item_name(index.value)
            base = key_for(expr.value, scope, module_scope) if item is not None or _is_position(index.value) else None
            if item is None and base is not None:
                # `X[batch]` selects rows of an array; `weights[i]` is an element of a list
                lists = (module_scope or scope.module_scope).lists
                item = ELEMENT if base in lists else None
            if item is not None and base is not None:
                return ("item", base, item)
    return None


# Every element of a list (`weights[0]`, `weights[-1]`, `acts[i + 1]`, `w` in `for w in
# weights`) shares this one key: networks index their layers by position, and which layer a
# computed position names is not known before the code runs.
ELEMENT = "[]"


def _is_position(index: cst.BaseExpression) -> bool:
    """An index that picks one element: `0`, `-1`, `i`, `l - 1`, `self.i` (not a slice, a mask,
    a tuple of indices or `None`)."""
    if isinstance(index, cst.Integer):
        return True
    if isinstance(index, cst.Name):
        return index.value not in ("None", "True", "False", "Ellipsis")
    if isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus):
        return _is_position(index.expression)
    if isinstance(index, cst.BinaryOperation) and isinstance(index.operator, (cst.Add, cst.Subtract)):
        return _is_position(index.left) and _is_position(index.right)
    return False


def _whole_array(target: cst.BaseExpression) -> cst.BaseExpression | None:
    """`W` for `W[:]` and `W[...]`: a write into every element of W."""
    if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
        return None
    index = target.slice[0].slice
    if isinstance(index, cst.Slice) and index.lower is None and index.upper is None and index.step is None:
        return target.value
    if isinstance(index, cst.Index) and isinstance(index.value, cst.Ellipsis):
        return target.value
    return None


def is_merged_item(key: Key | None) -> bool:
    """An item key that stands for several arrays: a list's elements, a per-layer dict item."""
    return key is not None and key[0] == "item" and (key[2] == ELEMENT or key[2].endswith(LAYER_MARK))


def element_of(container: cst.BaseExpression) -> cst.Subscript:
    """A stand-in expression for "an element of `container`" (made by the model, not in the
    user's code): its key is the container's ELEMENT key."""
    return cst.Subscript(
        value=container,
        slice=[cst.SubscriptElement(cst.Index(cst.Name("__element__")))],
    )


# A layer loop names one item per layer: `params["W" + str(l)]`, `params[f"W{l}"]`,
# `params["W%d" % l]`, `params["W{}".format(l)]`. Every layer's item shares one key, its
# prefix followed by this mark, so the loop that creates the weights, the one that uses them
# and the one that updates them (each with its own loop variable) name the same parameters.
LAYER_MARK = "#"


_ITEM_CACHE: dict[int, tuple[cst.CSTNode, str | None]] = {}


def item_name(index: cst.BaseExpression) -> str | None:
    """The dict item an index names: the string itself, or a prefix + LAYER_MARK when the
    string is a constant prefix followed by a computed layer number (cached: every key asks)."""
    cached = _ITEM_CACHE.get(id(index))
    if cached is not None and cached[0] is index:
        return cached[1]
    name = _item_name(index)
    if len(_ITEM_CACHE) > 200_000:
        _ITEM_CACHE.clear()
    _ITEM_CACHE[id(index)] = (index, name)
    return name


def _item_name(index: cst.BaseExpression) -> str | None:
    if isinstance(index, cst.SimpleString):
        value = index.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(index, cst.BinaryOperation) and isinstance(index.operator, cst.Add):
        # `"d" + "W1"`, as a loop over item names writes `grads["d" + key]` for each of them
        left, right = item_name(index.left), item_name(index.right)
        if left is not None and right is not None and LAYER_MARK not in left + right:
            return left + right
    prefix = None
    if isinstance(index, cst.BinaryOperation) and isinstance(index.operator, cst.Add):
        if isinstance(index.left, cst.SimpleString) and _is_number_text(index.right):
            prefix = index.left.evaluated_value
    elif isinstance(index, cst.BinaryOperation) and isinstance(index.operator, cst.Modulo):
        if isinstance(index.left, cst.SimpleString):
            text = index.left.evaluated_value
            if isinstance(text, str) and re.fullmatch(r"[A-Za-z_]\w*?%[di]", text):
                prefix = text[:-2]
    elif isinstance(index, cst.FormattedString):
        parts = index.parts
        if (
            len(parts) == 2
            and isinstance(parts[0], cst.FormattedStringText)
            and isinstance(parts[1], cst.FormattedStringExpression)
            and parts[1].conversion is None
            and parts[1].format_spec is None
        ):
            prefix = parts[0].value
    elif (
        isinstance(index, cst.Call)
        and isinstance(index.func, cst.Attribute)
        and index.func.attr.value == "format"
        and isinstance(index.func.value, cst.SimpleString)
        and len(index.args) == 1
    ):
        text = index.func.value.evaluated_value
        if isinstance(text, str) and re.fullmatch(r"[A-Za-z_]\w*?\{\}", text):
            prefix = text[:-2]
    if isinstance(prefix, str) and re.fullmatch(r"[A-Za-z_]\w*", prefix):
        return prefix + LAYER_MARK
    return None


def _is_number_text(node: cst.BaseExpression) -> bool:
    """`str(l)`, `str(l + 1)`: a layer number turned into text."""
    return (
        isinstance(node, cst.Call)
        and isinstance(node.func, cst.Name)
        and node.func.value == "str"
        and len(node.args) == 1
        and not isinstance(node.args[0].value, (cst.SimpleString, cst.FormattedString))
    )


def key_name(key: Key) -> str:
    """How the user wrote the key: 'y', 'self.labels', 'params["W1"]'."""
    if key[0] in ("global", "local"):
        return key[-1]
    if key[0] == "attr":
        return f"self.{key[2]}"
    if key[0] == "class":
        return f"{key[1]}.{key[2]}"
    if key[0] == "item":
        if key[2] == ELEMENT:
            return f"{key_name(key[1])}[i]"
        if key[2].endswith(LAYER_MARK):
            return f'{key_name(key[1])}["{key[2][:-1]}" + str(l)]'
        return f'{key_name(key[1])}["{key[2]}"]'
    return "?"


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    every = list(params.posonly_params) + list(params.params) + list(params.kwonly_params)
    if isinstance(params.star_arg, cst.Param):
        every.append(params.star_arg)
    if params.star_kwarg is not None:
        every.append(params.star_kwarg)
    return every


def _param_names(params: cst.Parameters) -> list[str]:
    return [p.name.value for p in _all_params(params)]


def positional_param_names(params: cst.Parameters) -> list[str]:
    return [p.name.value for p in list(params.posonly_params) + list(params.params)]


# -- literal evaluation --------------------------------------------------------------------------

def literal_python(node: cst.BaseExpression) -> Any:
    """A Python literal (numbers, nested lists/tuples, strings, True/False/None), or raise."""
    return ast.literal_eval(code(node))


class LiteralError(Exception):
    pass
