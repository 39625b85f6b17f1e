"""NetworkModel: the facts about a NumPy network that every rule reads, built once per file.

Built from the parse tree in one pass (values.ScopeBuilder), then refined on demand:
  functions     closed array functions, compiled and classified by behaviour
  applications  calls (and inline expressions) that apply an activation to an array
  layers        `inp @ W + b` products: input, weight, bias, layout (rows or columns)
  errors        `labels - output` differences, with their sign
  derivatives   factors multiplying a backward signal, paired with the forward activation
"""
from __future__ import annotations

import ast
import functools
import itertools
import operator
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import libcst as cst
import numpy as np
from libcst.metadata import MetadataWrapper

from nncheck.diagnostics import Position
from nncheck.model import sandbox
from nncheck.model.parse import Positions
from nncheck.model.behaviour import Behaviour, classify, derivative_forms, DerivativeForms
from nncheck.model.objects import Instance, Objects
from nncheck.model.functions import (
    FunctionInfo,
    Mode,
    behaviour as function_behaviour,
    compile_all,
    function_text,
    lambda_text,
    make_info,
    settle_closedness,
)
from nncheck.model.values import (
    CREATION_FUNCTIONS,
    ELEMENT,
    RANDOM_FUNCTIONS,
    ClassInfo,
    Definition,
    Key,
    Scope,
    ScopeBuilder,
    Update,
    call_name,
    code,
    is_merged_item,
    is_transposed,
    key_for,
    key_name,
    keyword_arg,
    matrix_product,
    numpy_attribute,
    numpy_imports_of,
    positional_args,
)

MAX_DEPTH = 8
_DIM_ARITHMETIC = {
    cst.Add: operator.add, cst.Subtract: operator.sub, cst.Multiply: operator.mul, cst.FloorDivide: operator.floordiv,
}
Dim = Any  # int, or a str naming a symbolic size


@dataclass(eq=False)
class Application:
    """An activation applied to an array: `f(z)`, `self.act(z, deriv=True)`, `np.tanh(z)`."""

    node: cst.BaseExpression  # the call, or the inline expression
    function: FunctionInfo | None  # None for an inline expression
    name: str  # how the user wrote the function ('nonlin', 'np.tanh')
    mode: Mode
    argument: cst.BaseExpression
    scope: Scope
    behaviour: Behaviour
    callable: Callable
    target: Key | None = None  # where the result is stored
    # The objects (constructions) this application runs for, when a call reaches different
    # functions for different objects (`self.act(z)` in a Dense built with Tanh() or Sigmoid());
    # None: for every one.
    contexts: frozenset | None = None

    @property
    def is_forward(self) -> bool:
        return self.behaviour.is_activation

    @property
    def output_name(self) -> str | None:
        """The name the activation's result is stored under (`a1` in `a1 = sigmoid(z1)`)."""
        return key_name(self.target) if self.target is not None else None

    def runs_for(self, context: "Instance | None") -> bool:
        return self.contexts is None or context is None or context.call in self.contexts


@dataclass(eq=False)
class Layer:
    """A dense layer's pre-activation: `inp @ W + b` (rows layout) or `W @ inp + b` (columns)."""

    product: cst.BaseExpression
    whole: cst.BaseExpression
    input: cst.BaseExpression
    weight: cst.BaseExpression
    weight_key: Key
    bias: cst.BaseExpression | None
    bias_key: Key | None
    bias_inside: bool
    layout: str  # "rows" (samples as rows, inp @ W) or "columns" (W @ inp)
    scope: Scope


@dataclass(eq=False)
class ErrorTerm:
    """`labels - output` (target − prediction) or `output - labels`."""

    node: cst.BinaryOperation
    labels: cst.BaseExpression
    output: cst.BaseExpression
    sign: str  # "target-prediction" or "prediction-target"
    source: Any  # the Application or Layer the output comes from; None when several
    scope: Scope
    # The labels are class indices and the error is written in place, one-hot implied:
    # `d = probs.copy(); d[range(n), y] -= 1`. `node` is then the value `d` starts from.
    indexed: bool = False
    # The log loss's derivative with respect to the output, `y / p - (1 - y) / (1 - p)` (the
    # sign of `y - p`, divided by the sigmoid's slope): the derivative factor still has to follow.
    loss_gradient: bool = False
    written: Any = None  # for an indexed error: the statement `d[range(n), y] -= 1`

    @property
    def is_difference(self) -> bool:
        """The plain `labels - output` (or its reverse) with labels of the output's own form."""
        return not (self.indexed or self.loss_gradient)


@dataclass(eq=False)
class DerivativeUse:
    """A factor that multiplies a backward signal: the activation derivative of some layer."""

    node: cst.BaseExpression  # the factor (a call or an inline expression)
    argument: cst.BaseExpression
    name: str
    callable: Callable
    forward: Application
    at: str  # "output" (post-activation) or "input" (pre-activation)
    forms: DerivativeForms | None
    function: FunctionInfo | None
    mode: Mode
    scope: Scope

    def right_form(self) -> str:
        """The derivative that matches the forward activation, at the point this use passes, in
        the user's names (for a message: "use `a1 * (1 - a1)` at the output")."""
        forward = self.forward
        kind = forward.behaviour.kind
        point = code(self.argument)
        z = code(forward.argument)
        a = forward.output_name
        if kind == "sigmoid":
            return f"`{a} * (1 - {a})` at the output" if a else f"`s * (1 - s)` with s = {forward.name}({z})"
        if kind == "tanh":
            return f"`1 - {a} ** 2` at the output" if a else f"`1 - np.tanh({z}) ** 2`"
        if kind == "relu":
            return f"`({point} > 0)`"
        if kind == "leaky_relu":
            alpha = forward.behaviour.alpha or 0.01
            return f"`np.where({point} > 0, 1, {alpha:g})`"
        if kind == "identity":
            return "1 (no factor)"
        if kind == "elu":
            return f"`np.where({z} > 0, 1, {a} + alpha)`" if a else "`np.where(z > 0, 1, alpha * np.exp(z))`"
        if kind == "softplus":
            return f"the sigmoid of the pre-activation '{z}'"
        return "the derivative of the forward activation"


class NetworkModel:
    def __init__(self, wrapper: MetadataWrapper, path: str, source: str) -> None:
        self.wrapper = wrapper
        self.module: cst.Module = wrapper.module
        self.path = path
        self.source = source
        numpy_imports_of(self.module)
        self.builder = ScopeBuilder(self.module)
        self.module.visit(self.builder)
        self.module_scope = self.builder.module_scope
        self.classes = self.builder.classes
        self.definitions = self.builder.definitions
        self._aliases: dict[Key, Key] = {}  # see canonical()
        # Code that stands for several updates once the model writes it out (a loop over item
        # names, a helper returning updated parameters): no fix may edit it for one of them.
        self._shared_code: list[cst.CSTNode] = []
        self._item_names_memo: dict = {}
        # `X = X + rng.normal(0, 0.1, X.shape)` adds noise to data: a fresh random draw is no
        # step down a gradient, so it does not make X a parameter.
        self.updates: list[Update] = [u for u in self.builder.updates if self.creation_call(u.rhs) is None]
        self._definition_of_value = {
            d.value: d for defs in self.definitions.values() for d in defs if d.value is not None
        }
        self.module_constants = self._constants(lambda key: key[0] == "global")
        self.functions: dict[Key, FunctionInfo] = {}
        self._collect_functions()
        # What an expression can hold is remembered until a definition is added (call-site
        # bindings and unpacked elements below add some, and clear it).
        self._values_memo: dict = {}
        self.objects = Objects(self)
        self._bind_call_sites()
        unresolved = self._resolve_elements()
        self._resolve_helper_updates()
        self._alias_parameters()
        self._close_lists()
        if unresolved:
            # `linear_cache, act_cache = caches[l]` of a list another function filled: its
            # positions are elements only now that the lists are known
            before = len(unresolved)
            if len(self._resolve_elements(unresolved)) < before:
                self._close_lists()
        self._unroll_item_loops()
        self._resolve_object_updates()
        # After the call sites are bound: `self.alpha = alpha` is a constant when every
        # construction leaves `alpha` at one value (its default, or the same argument).
        self.self_constants: dict[ClassInfo, dict[str, Any]] = {}
        for key in self.definitions:
            if key[0] == "attr":
                value = self._attribute_number(key)
                if value is not None:
                    self.self_constants.setdefault(key[1], {})[key[2]] = value
        settle_closedness(list(self.functions.values()), self.module_constants, self.self_constants)
        self._stand_ins = compile_all(list(self.functions.values()), self.module_constants, self.self_constants)

    @functools.cached_property
    def _positions(self):
        # Resolved only when a position is asked for (a finding, a fix), and then only for the
        # top-level statements that hold the nodes asked about: computing every node's position
        # is a code-generation pass over the whole file, which most findings do not need.
        return Positions(self.wrapper, self.source, self.builder.parents)

    @functools.cached_property
    def _definition_lines(self) -> dict[cst.CSTNode, int]:
        """The line of each def and lambda, read from Python's own (fast) parser: the two parsers
        meet defs and lambdas in the same source order."""
        try:
            tree = sandbox.quiet_parse(self.source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return {}
        defs = sorted(
            (n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))),
            key=lambda n: (n.lineno, n.col_offset),
        )
        lambdas = sorted((n for n in ast.walk(tree) if isinstance(n, ast.Lambda)), key=lambda n: (n.lineno, n.col_offset))
        ours_defs = [node for node, _, _ in self.builder.function_defs]
        ours_lambdas = [node for node, _ in self.builder.lambdas]
        if len(defs) != len(ours_defs) or len(lambdas) != len(ours_lambdas):
            return {}
        lines = {node: d.lineno for node, d in zip(ours_defs, defs)}
        lines.update({node: l.lineno for node, l in zip(ours_lambdas, lambdas)})
        return lines

    def _definition_line(self, node: cst.CSTNode) -> int:
        line = self._definition_lines.get(node)
        if line is None:
            anchor = node.name if isinstance(node, cst.FunctionDef) else node
            line = self._positions[anchor].start.line
        return line

    @classmethod
    def build(cls, wrapper: MetadataWrapper, path: str, source: str, budget=None) -> "NetworkModel":
        return cls(wrapper, path, source)

    # -- positions --------------------------------------------------------------------------------
    def span(self, node: cst.CSTNode) -> tuple[Position, Position]:
        node = self._in_source(node)
        code_range = self._positions[node]
        return (
            Position(code_range.start.line, code_range.start.column + 1),
            Position(code_range.end.line, code_range.end.column + 1),
        )

    def line(self, node: cst.CSTNode) -> int:
        return self._positions[self._in_source(node)].start.line

    @functools.cached_property
    def shared_spans(self) -> list[tuple[Position, Position]]:
        """Where the code is that the model wrote out once per parameter (see `_shared_code`):
        an edit there would change every parameter's update, not only the one a rule blames."""
        return [self.span(node) for node in self._shared_code]

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The small statement (Assign, AugAssign, Expr, Return...) that contains `node`."""
        current = node
        while current is not None:
            parent = self.parent(current)
            if isinstance(parent, cst.SimpleStatementLine):
                return current
            current = parent
        return None

    def facts(self, kind):
        """The analysis `kind(model)` (Shapes, Backward, DataFacts, Training, or any function of
        the model), built on first use and kept with this model, so that every rule reads the same
        one and it goes with the file. The one way anything is cached on a model."""
        built = self.__dict__.setdefault("_facts", {})
        if kind not in built:
            built[kind] = kind(self)
        return built[kind]

    def _in_source(self, node: cst.CSTNode) -> cst.CSTNode:
        """An element the model made up for a loop's target is where its container is written."""
        while node in self.builder.synthetic:
            node = self.builder.synthetic[node]
        return node

    def scope_of(self, node: cst.CSTNode) -> Scope:
        return self.builder.scope_of_node.get(self._in_source(node), self.module_scope)

    # -- building -----------------------------------------------------------------------------------
    def _unique_number(self, key: Key) -> Any:
        defs = self.definitions.get(key, [])
        if len(defs) != 1 or defs[0].value is None or defs[0].augmented is not None:
            return None
        try:
            value = ast.literal_eval(code(defs[0].value))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        return None

    def _attribute_number(self, key: Key) -> Any:
        """The one number an attribute holds: assigned as a literal, or from a constructor
        parameter that every construction leaves at the same number."""
        value = self._unique_number(key)
        if value is not None:
            return value
        numbers = set()
        for definition in self.defs(key):
            if definition.augmented is not None or definition.value is None:
                return None
            found = self._parameter_numbers(definition.value, definition.scope, 0)
            if found is None:
                return None
            numbers |= found
        return numbers.pop() if len(numbers) == 1 else None

    def parameter_numbers(self, expr, scope: Scope) -> set | None:
        """The numbers a parameter can hold over every call (`n_out` of `Dense(2, 32)` and
        `Dense(32, 3)`: {32, 3}), or a literal's; None when any is not a known number."""
        return self._parameter_numbers(expr, scope, 0)

    def _parameter_numbers(self, expr, scope: Scope, depth: int) -> set | None:
        """The numbers a literal, or a parameter bound at call sites (and its default), can
        hold; None when any of its values is not a known number."""
        if depth > 4:
            return None
        try:
            value = ast.literal_eval(code(expr))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {value}
        key = self.key(expr, scope)
        if key is None or key[0] != "local" or key[2] not in key[1].params:
            # a module constant (`K = 3`)
            known = self._unique_number(key) if key is not None and key[0] == "global" else None
            return {known} if isinstance(known, (int, float)) and not isinstance(known, bool) else None
        defs = self.defs(key)
        if not defs:
            return None
        numbers: set = set()
        for definition in defs:
            if definition.augmented is not None or definition.value is None:
                return None
            if not definition.from_call and not isinstance(definition.statement, cst.Param):
                return None  # reassigned in the body
            found = self._parameter_numbers(definition.value, definition.scope, depth + 1)
            if found is None:
                return None
            numbers |= found
        return numbers

    def _constants(self, wanted) -> dict[str, Any]:
        constants = {}
        for key in self.definitions:
            if wanted(key):
                value = self._unique_number(key)
                if value is not None:
                    constants[key[-1]] = value
        return constants

    def _collect_functions(self) -> None:
        for node, outer, cls in self.builder.function_defs:
            scope = self.builder.scopes[node]
            name = node.name.value
            line = self._definition_line(node)
            text = function_text(self.module, node, line)
            if cls is not None:
                key = ("attr", cls, name)
                # `act(z)` on an activation object runs its __call__: named by its class
                display = cls.name if name == "__call__" else f"self.{name}"
            elif outer.is_module:
                key = ("global", name)
                display = name
            else:
                key = ("local", outer, name)
                display = name
            info = make_info(node, display, scope, cls, text, name)
            if any(not _is_method_decorator(d) for d in node.decorators):
                # @np.vectorize, @lru_cache...: the name holds the wrapper, not this function
                info.syntax, info.closed_reason = None, "is decorated"
            self.functions[key] = info
        for index, (node, outer) in enumerate(self.builder.lambdas):
            definition = self._definition_of_value.get(node)
            if definition is None:
                continue
            key = definition.key
            display = key_name(key)
            ident = key[-1] if key[0] == "global" else f"_nncheck_lambda_{index}"
            line = self._definition_line(node)
            scope = self.builder.scopes[node]
            cls = key[1] if key[0] == "attr" else None
            info = make_info(node, display, scope, None, lambda_text(self.module, node, ident, line), ident)
            if cls is not None:
                info.cls = None  # a lambda stored on self takes no self argument
            self.functions.setdefault(key, info)

    def _bind_call_sites(self) -> None:
        unresolved = []
        for call, scope in self.builder.calls:
            target = self.resolve_callable(call.func, scope)
            if target is None:
                unresolved.append((call, scope))
            self._bind_call(call, scope, target)
        # `layer.forward(a)` for each layer object a list holds: known once the constructions'
        # arguments are bound (the classes' bodies come before the code that builds them).
        targets = []
        for call, scope in unresolved:
            if isinstance(call.func, (cst.Attribute, cst.Name)):
                functions = {id(f): f for f, _ in self.objects.dispatch(call.func, scope)}
                targets.extend((call, scope, f) for f in functions.values())
        for call, scope, function in targets:
            self._bind_call(call, scope, function)

    def _bind_call(self, call: cst.Call, scope: Scope, target) -> None:
        if isinstance(target, ClassInfo):
            init = self.objects.method(target, "__init__")
            if init is None:
                return
            callee = init.scope
            params = list(init.positional)
        elif isinstance(target, FunctionInfo):
            callee = target.scope
            params = list(target.positional)
        else:
            return
        if callee is None:
            return
        positional = positional_args(call)
        for param, value in zip(params, positional):
            self._add_binding(callee, param, value, scope, call)
        for arg in call.args:
            if arg.keyword is not None:
                self._add_binding(callee, arg.keyword.value, arg.value, scope, call)
        if any(arg.star for arg in call.args):
            # f(*sizes) / Net(**config): the parameters not bound above get values nncheck
            # cannot see; without this their defaults would pass for their only values.
            named = {arg.keyword.value for arg in call.args if arg.keyword is not None}
            for param in params[len(positional):]:
                if param not in named:
                    self._add_binding(callee, param, None, scope, call)

    def _resolve_object_updates(self) -> None:
        """`layer.W -= lr * layer.dW` for each layer object `layer` holds: an update of that
        class's `self.W`, as if its own method had written it."""
        added = False
        for target, rhs, sign, statement, scope, operator in self.builder.object_updates:
            keys = []
            for instance in self.objects.instances(target.value, scope):
                for owner in self.objects.bases(instance.cls):
                    key = ("attr", owner, target.attr.value)
                    if key in self.definitions:
                        if key not in keys:
                            keys.append(key)
                        break
            for key in keys:
                self.updates.append(Update(key, target, rhs, sign, statement, scope))
                value = rhs if operator is not None else statement.value if isinstance(statement, cst.Assign) else None
                self.definitions[key].append(Definition(key, value, scope, statement, operator))
                added = True
        if added:
            self._values_memo.clear()
            self.objects.clear()
            for derived in ("_update_statements", "updated_origins"):
                self.__dict__.pop(derived, None)  # read while call sites were bound

    def item_names(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> list[str]:
        """The string keys a dict is known to hold: a dict literal's, the items assigned one by
        one, or those of the dict a function returns (`params = init(...)`)."""
        remembered = self._item_names_memo.get((expr, scope))
        if remembered is not None:
            return remembered
        names: list[str] = []
        if depth > 4:
            return names
        self._item_names_memo[(expr, scope)] = []  # a cycle through returns adds nothing
        for value, value_scope in self.values(expr, scope):
            key = None
            if isinstance(value, cst.Dict):
                for element in value.elements:
                    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                        names.append(element.key.evaluated_value)
                holder = self._definition_of_value.get(value)
                key = holder.key if holder is not None else None
            elif isinstance(value, cst.Call):
                callee = self._callee(value, value_scope)
                if callee is not None:
                    for returned in callee.scope.returns:
                        names.extend(self.item_names(returned, callee.scope, depth + 1))
            else:
                key = self.key(value, value_scope)
            if key is not None:
                names.extend(self._literal_items.get(key, ()))
        found = list(dict.fromkeys(n for n in names if isinstance(n, str)))
        self._item_names_memo[(expr, scope)] = found
        return found

    @functools.cached_property
    def _literal_items(self) -> dict[Key, list[str]]:
        found: dict[Key, list[str]] = {}
        for key in self.definitions:
            if key[0] == "item" and not is_merged_item(key):
                found.setdefault(key[1], []).append(key[2])
        return found

    def _unroll_item_loops(self) -> None:
        """`for k in params: params[k] -= lr * grads[k]` updates params["W1"], params["b1"], ...:
        each statement of such a loop is written out once per item name (for the names of a
        literal tuple, of the dict iterated, or the pairs of `for name, g in (("W1", dW1), ...)`),
        so each parameter gets its own definition and update."""
        added = False
        for loop, scope in list(self.builder.scope_of_node.items()):
            if not isinstance(loop, cst.For) or not isinstance(loop.body, cst.IndentedBlock):
                continue
            bindings = self._item_bindings(loop, scope)
            if not bindings or len(bindings) > 64:
                continue
            names = set(bindings[0])
            for line in loop.body.body:
                if not isinstance(line, cst.SimpleStatementLine):
                    continue
                for small in line.body:
                    if isinstance(small, (cst.Assign, cst.AugAssign)):
                        added |= self._unroll_statement(small, names, bindings, scope)
        if added:
            self._values_memo.clear()
            self.__dict__.pop("_literal_items", None)
            for derived in ("_update_statements", "updated_origins"):
                self.__dict__.pop(derived, None)

    def _item_bindings(self, loop: cst.For, scope: Scope) -> list[dict[str, cst.BaseExpression]]:
        target, iterable = loop.target, loop.iter
        if isinstance(target, cst.Name):
            if isinstance(iterable, (cst.Tuple, cst.List)):
                strings = [e.value for e in iterable.elements]
                if strings and all(isinstance(v, cst.SimpleString) for v in strings):
                    return [{target.value: v} for v in strings]
                return []
            if (
                isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute)
                and iterable.func.attr.value == "keys" and not iterable.args
            ):
                iterable = iterable.func.value
            if self.key(iterable, scope) is None or self.key(iterable, scope) in self.module_scope.lists:
                return []
            return [{target.value: cst.SimpleString(repr(n))} for n in self.item_names(iterable, scope)]
        if (
            isinstance(target, cst.Tuple) and len(target.elements) == 2
            and all(isinstance(e.value, cst.Name) for e in target.elements)
            and isinstance(iterable, (cst.Tuple, cst.List))
        ):
            first, second = (e.value.value for e in target.elements)
            bindings = []
            for element in iterable.elements:
                pair = element.value
                if not (
                    isinstance(pair, (cst.Tuple, cst.List)) and len(pair.elements) == 2
                    and isinstance(pair.elements[0].value, cst.SimpleString)
                    and not any(isinstance(e, cst.StarredElement) for e in pair.elements)
                ):
                    return []
                bindings.append({first: pair.elements[0].value, second: pair.elements[1].value})
            return bindings
        return []

    def _unroll_statement(self, statement, names: set[str], bindings, scope: Scope) -> bool:
        targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
        if len(targets) != 1 or not isinstance(targets[0], cst.Subscript):
            return False
        if not (self.key(targets[0], scope) is None and names & self._references(targets[0].slice[0])):
            return False
        added = False
        for binding in bindings:
            written = statement.visit(_Substitute(binding))
            self._map_synthetic(written, statement)
            target = written.targets[0].target if isinstance(written, cst.Assign) else written.target
            key = self.key(target, scope)
            if key is None or key[0] != "item" or is_merged_item(key):
                continue
            value = written.value
            operator = written.operator if isinstance(written, cst.AugAssign) else None
            definition = Definition(key, value, scope, statement, operator)
            self.definitions.setdefault(key, []).append(definition)
            self._definition_of_value[value] = definition
            sign = None
            if isinstance(operator, (cst.AddAssign, cst.SubtractAssign)):
                sign, step = ("+" if isinstance(operator, cst.AddAssign) else "-"), value
            elif (
                operator is None and isinstance(value, cst.BinaryOperation)
                and isinstance(value.operator, (cst.Add, cst.Subtract)) and self.key(value.left, scope) == key
            ):
                sign, step = ("+" if isinstance(value.operator, cst.Add) else "-"), value.right
            if sign is not None and self.creation_call(step) is None:
                self.updates.append(Update(key, target, step, sign, statement, scope))
                self._shared_code.append(statement)
            added = True
        return added

    def _map_synthetic(self, written: cst.CSTNode, original: cst.CSTNode) -> None:
        """Each node of a written-out copy stands for the node of the user's code it copies."""
        stack = [(written, original)]
        in_source = self.builder.scope_of_node
        while stack:
            new, old = stack.pop()
            if new is old or new in in_source:
                continue  # a node of the user's code (an iteration's value, `dW1`) keeps its links
            self.builder.synthetic[new] = old
            new_children = list(new.children)
            self.builder.children[new] = new_children
            old_children = list(old.children) if type(new) is type(old) else []
            for child, counterpart in itertools.zip_longest(new_children, old_children):
                if child is None or child is counterpart or child in in_source:
                    continue
                self.builder.parents[child] = new  # the copy's own links: `g` in `g["b1"]`
                if counterpart is not None and len(new_children) == len(old_children):
                    stack.append((child, counterpart))
                else:
                    stack.append((child, old))

    def _resolve_helper_updates(self) -> None:
        """`W1, b1 = step(W1, b1, dW1, db1, lr)` with `def step(W, b, dW, db, lr): return
        W - lr * dW, b - lr * db`: each name is updated by what the helper returns for it, when
        that is the argument it was passed, plus or minus a step (read in the helper's scope)."""
        added = False
        for key, defs in list(self.definitions.items()):
            for definition in list(defs):
                statement, value = definition.statement, definition.value
                if definition.augmented is not None or value is None or not isinstance(statement, cst.Assign):
                    continue
                call = statement.value
                if not isinstance(call, cst.Call) or any(arg.star for arg in call.args):
                    continue
                callee = self._callee(call, self.scope_of(call))
                if callee is None:
                    continue
                returned = [value] if definition.scope is callee.scope else (
                    callee.scope.returns if value is call else [])
                for expr in returned:
                    if not (isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Subtract))):
                        continue
                    if not isinstance(expr.left, cst.Name) or expr.left.value not in callee.positional:
                        continue
                    argument = self._argument_for(call, callee, expr.left.value)
                    if argument is None or key_for(argument, self.scope_of(call), self.module_scope) != key:
                        continue
                    sign = "+" if isinstance(expr.operator, cst.Add) else "-"
                    target = self._assigned_target(statement, expr, callee)
                    step = self._inlined(expr.right, call, callee)
                    if target is not None and step is not None and self.creation_call(step) is None:
                        # the step as this call computes it, read where the call is: each call
                        # site's own gradient, not every caller's
                        self.updates.append(Update(key, target, step, sign, statement, self.scope_of(call)))
                        self._shared_code.extend((statement, expr))
                        added = True
        if added:
            self._values_memo.clear()
            for derived in ("_update_statements", "updated_origins"):
                self.__dict__.pop(derived, None)

    @staticmethod
    def _assigned_target(statement: cst.Assign, returned: cst.BaseExpression, callee: FunctionInfo):
        """The name an element of the helper's return value is assigned to at this call."""
        if len(statement.targets) != 1:
            return None
        target = statement.targets[0].target
        if not isinstance(target, (cst.Tuple, cst.List)):
            return target if returned in callee.scope.returns else None
        for value in callee.scope.returns:
            if isinstance(value, (cst.Tuple, cst.List)):
                for index, element in enumerate(value.elements):
                    if element.value is returned and index < len(target.elements):
                        return target.elements[index].value
        return None

    def _inlined(self, expr: cst.BaseExpression, call: cst.Call, callee: FunctionInfo) -> cst.BaseExpression | None:
        """`expr` of the helper with its parameters replaced by this call's arguments, when it
        reads nothing else of the helper (and the caller sees the same module names)."""
        caller = self.scope_of(call)
        binding = {}
        for node in self.walk(expr):
            if not isinstance(node, cst.Name) or node.value in binding:
                continue
            parent = self.parent(node)
            if isinstance(parent, cst.Attribute) and parent.attr is node:
                continue
            if isinstance(parent, cst.Arg) and parent.keyword is node:
                continue
            if node.value in callee.positional:
                argument = self._argument_for(call, callee, node.value)
                if argument is None and node.value in callee.defaults:
                    argument = cst.parse_expression(repr(callee.defaults[node.value]))
                if argument is None:
                    return None
                binding[node.value] = argument.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()]) \
                    if isinstance(argument, (cst.BinaryOperation, cst.UnaryOperation)) else argument
            elif key_for(node, callee.scope, self.module_scope) != ("global", node.value) or \
                    key_for(node, caller, self.module_scope) != ("global", node.value):
                return None
        written = expr.visit(_Substitute(binding))
        self._map_synthetic(written, expr)
        return written

    @staticmethod
    def _argument_for(call: cst.Call, function: FunctionInfo, param: str) -> cst.BaseExpression | None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == param:
                return arg.value
        positional = positional_args(call)
        index = list(function.positional).index(param)
        return positional[index] if index < len(positional) else None

    def _alias_parameters(self) -> None:
        """Find the parameters that always receive the same container (see `canonical`), then
        file every item definition and update under its canonical key."""
        aliases = self._aliases
        for _ in range(4):
            changed = False
            for key, defs in self.definitions.items():
                if key[0] != "local" or key in aliases or key[2] not in key[1].params:
                    continue
                if not defs or not all(d.from_call and d.value is not None for d in defs):
                    continue  # a default, or assigned in the body: not only what callers pass
                held = set()
                for d in defs:
                    bound = key_for(d.value, d.scope, self.module_scope)
                    held.add(self._aliases.get(bound, bound))
                if len(held) == 1 and None not in held:
                    target = held.pop()
                    if target[0] in ("global", "local", "attr") and target != key:
                        aliases[key] = target
                        changed = True
            if not changed:
                break
        if not aliases:
            return
        merged: dict[Key, list[Definition]] = {}
        for key, defs in self.definitions.items():
            canonical = self.canonical(key) if key[0] == "item" else key
            for definition in defs:
                definition.key = canonical
            merged.setdefault(canonical, []).extend(defs)
        self.definitions.clear()
        self.definitions.update(merged)
        for update in self.updates:
            if update.key[0] == "item":
                update.key = self.canonical(update.key)
        for key in list(self.builder.element_writes):
            canonical = self.canonical(key)
            if canonical != key:
                self.builder.element_writes.setdefault(canonical, []).extend(self.builder.element_writes[key])
        self.module_scope.lists |= {self.canonical(k) for k in self.module_scope.lists}
        self._values_memo.clear()

    def _close_lists(self) -> None:
        """A name holds a list when it is assigned one, a name that holds one, or the result of
        a function that returns one (`layers = self.feedforward(X)`), or is bound to one at a
        call site: then its positions are elements (`layers[-1]`)."""
        lists = self.module_scope.lists
        for _ in range(4):
            added = set()
            for key, defs in self.definitions.items():
                if key in lists:
                    continue
                for definition in defs:
                    value = definition.value
                    if value is None or definition.augmented is not None:
                        continue
                    if self.key(value, definition.scope) in lists or any(
                        self.key(returned, callee.scope) in lists
                        for callee in [self._callee(value, definition.scope)] if callee is not None
                        for returned in callee.scope.returns
                    ):
                        added.add(key)
                        break
            if not added:
                break
            lists |= added
            self._values_memo.clear()

    def _callee(self, value, scope: Scope):
        if not isinstance(value, cst.Call):
            return None
        target = self.resolve_callable(value.func, scope)
        return target if isinstance(target, FunctionInfo) else None

    def _resolve_elements(self, pending: list | None = None) -> list:
        """`W1, b1 = init()` and `W1, b1 = params`: give each name the matching element of the
        tuple or list the right-hand side holds (a literal, or what a function returns). Returns
        the unpackings still unresolved."""
        pending = list(self.builder.pending_elements) if pending is None else pending
        for _ in range(3):
            unresolved = []
            for key, value, scope, statement, index in pending:
                found = self._element_of(value, scope, index, 0)
                if not found:
                    unresolved.append((key, value, scope, statement, index))
                    continue
                if self._elements_complete(value, scope, index, 0):
                    # every value the element can take is now known: the placeholder that
                    # stood for "unpacked from something unknown" no longer holds
                    self.definitions[key] = [
                        d for d in self.definitions.get(key, [])
                        if not (d.value is None and d.statement is statement and d.augmented is None)
                    ]
                for element, element_scope in found:
                    definition = Definition(key, element, element_scope, statement)
                    self.definitions.setdefault(key, []).append(definition)
                    self._definition_of_value.setdefault(element, definition)
                    self._values_memo.clear()
                    self.objects.clear()
            if len(unresolved) == len(pending):
                break
            pending = unresolved
        return pending

    def _element_of(self, expr, scope: Scope, index: int, depth: int) -> list[tuple[cst.BaseExpression, Scope]]:
        if depth > 4:
            return []
        if isinstance(expr, (cst.Tuple, cst.List)):
            elements = expr.elements
            if index < len(elements) and not any(isinstance(e, cst.StarredElement) for e in elements):
                return [(elements[index].value, scope)]
            return []
        stepped = _stepped_container(expr)
        if stepped is not None:
            return self._element_of(stepped, scope, index, depth + 1)
        if isinstance(expr, cst.Call):
            target = self.resolve_callable(expr.func, scope)
            if isinstance(target, FunctionInfo):
                found = []
                for returned in target.scope.returns:
                    found.extend(self._element_of(returned, target.scope, index, depth + 1))
                return found
            generated = self._generated_dataset_element(expr, index)
            return [(generated, scope)] if generated is not None else []
        key = self.key(expr, scope)
        found = []
        built = [d for d in self.defs(key) if d.value is not None and d.augmented is None]
        for definition in built:
            if not self._steps_itself(definition):
                found.extend(self._element_of(definition.value, definition.scope, index, depth + 1))
        if not built and isinstance(expr, cst.Subscript):
            # `caches[l]` of a list another function filled (`caches.append((linear, act))`)
            for value, value_scope in self.values(expr, scope):
                if value is not expr:
                    found.extend(self._element_of(value, value_scope, index, depth + 1))
        return found

    def _steps_itself(self, definition: Definition) -> bool:
        """`params = [p - lr * g for p, g in zip(params, grads)]`: the same elements, updated."""
        stepped = _stepped_container(definition.value)
        return stepped is not None and self.key(stepped, definition.scope) == definition.key

    def _elements_complete(self, expr, scope: Scope, index: int, depth: int) -> bool:
        """Whether `_element_of` finds the element on every path: each return of the function
        called, each definition of the name."""
        if depth > 4:
            return False
        if isinstance(expr, (cst.Tuple, cst.List)):
            return index < len(expr.elements) and not any(isinstance(e, cst.StarredElement) for e in expr.elements)
        stepped = _stepped_container(expr)
        if stepped is not None:
            return self._elements_complete(stepped, scope, index, depth + 1)
        if isinstance(expr, cst.Call):
            target = self.resolve_callable(expr.func, scope)
            if isinstance(target, FunctionInfo):
                returns = target.scope.returns
                return bool(returns) and all(self._elements_complete(r, target.scope, index, depth + 1) for r in returns)
            return _generates_dataset(expr, index)
        defs = [d for d in self.defs(self.key(expr, scope)) if d.value is None or not self._steps_itself(d)]
        return bool(defs) and all(
            d.value is not None and d.augmented is None and self._elements_complete(d.value, d.scope, index, depth + 1)
            for d in defs
        )

    def _generated_dataset_element(self, call: cst.Call, index: int) -> cst.BaseExpression | None:
        """`X, y = make_moons(200)`: scikit-learn's generators return (n_samples, n_features)
        samples and (n_samples,) labels. The shape stands in as an array allocation of the user's
        sizes, mapped back to the call (no fix edits it)."""
        if not _generates_dataset(call, index):
            return None
        features_default, features_position = _DATASET_GENERATORS[(call_name(call) or "").split(".")[-1]]
        args = positional_args(call)
        samples = keyword_arg(call, "n_samples") or (args[0] if args else cst.Integer("100"))
        features = keyword_arg(call, "n_features")
        if features is None and features_position is not None and len(args) > features_position:
            features = args[features_position]
        if features is None:
            features = cst.Integer(str(features_default))
        sizes = [samples, features] if index == 0 else [samples]
        generated = cst.Call(
            func=cst.Attribute(value=cst.Name("np"), attr=cst.Name("empty")),
            args=[cst.Arg(cst.Tuple([cst.Element(size) for size in sizes]))],
        )
        self.builder.synthetic[generated] = call
        return generated

    def _add_binding(self, callee: Scope, param: str, value, scope: Scope, call) -> None:
        if param not in callee.params:
            return
        key = ("local", callee, param)
        self.definitions.setdefault(key, []).append(Definition(key, value, scope, call, from_call=True))
        self._values_memo.clear()
        self.objects.clear()

    # -- names and values ---------------------------------------------------------------------------
    def key(self, expr: cst.BaseExpression, scope: Scope | None = None) -> Key | None:
        return self.canonical(key_for(expr, scope or self.scope_of(expr), self.module_scope))

    def canonical(self, key: Key | None) -> Key | None:
        """One key per stored array: an item of a function's parameter that every call site
        binds to the same dict or list is that dict's item (`params["W1"]` in `forward(params)`
        is the caller's `parameters["W1"]`)."""
        if key is None or not self._aliases or key[0] != "item":
            return key
        base = key[1]
        base = self.canonical(base) if base[0] == "item" else self._aliases.get(base, base)
        return key if base is key[1] else ("item", base, key[2])

    def defs(self, key: Key | None) -> list[Definition]:
        if key is None:
            return []
        return self.definitions.get(key, [])

    def values(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> list[tuple[cst.BaseExpression, Scope]]:
        """What an expression can hold: follows names, self attributes, dict items and parameters
        back to the expressions that were assigned (augmented updates excluded)."""
        # Remembered once the model is built: without it, names with many definitions bound at
        # many call sites are followed along every path, exponentially (a file of scikit-learn
        # took minutes). The answer depends only on (expr, scope, depth); each pair is kept once.
        memo = getattr(self, "_values_memo", None)
        if memo is None:  # before the model's own state exists (values() used while building)
            return self._values(expr, scope, depth)
        remembered = memo.get((expr, scope, depth))
        if remembered is None:
            found = self._values(expr, scope, depth)
            seen: set = set()
            remembered = memo[(expr, scope, depth)] = [
                pair for pair in found if (id(pair[0]), id(pair[1])) not in seen and not seen.add((id(pair[0]), id(pair[1])))
            ]
        return list(remembered)

    def _values(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> list[tuple[cst.BaseExpression, Scope]]:
        if isinstance(expr, cst.IfExp) and depth <= MAX_DEPTH:
            # `sigmoid(z) if last else np.tanh(z)`: either branch
            return self.values(expr.body, scope, depth + 1) + self.values(expr.orelse, scope, depth + 1)
        key = self.key(expr, scope)
        if key is None and depth <= MAX_DEPTH and isinstance(expr, cst.Attribute):
            return self._object_attribute_values(expr, scope, depth) or [(expr, scope)]
        if key is None or depth > MAX_DEPTH:
            return [(expr, scope)]
        defs = [d for d in self.defs(key) if d.augmented is None]
        # `params["w"] = params["w"] - lr * g` inside a function that got `params` as an argument
        # is an update, not where the array came from: the dict it was passed still says that.
        only_updates = bool(defs) and all(d.statement in self._update_statements for d in defs)
        if (not defs or only_updates) and key[0] == "item" and isinstance(expr, cst.Subscript):
            # cache["A2"] where cache is a parameter or name holding {"A2": A2, ...}
            found = [
                held for d in defs if d.value is not None and d.value is not expr
                for held in self.values(d.value, d.scope, depth + 1)
            ]
            for base, base_scope in self.values(expr.value, scope, depth + 1):
                found.extend(self._item_values(base, base_scope, key[2], depth + 1))
            return found or [(expr, scope)]
        if not defs:
            return [(expr, scope)]
        found = []
        masked = self._masked_values
        for definition in defs:
            if definition.value is None:
                continue
            if definition.value is expr:
                continue
            if definition.value in masked:
                found.append((definition.value, definition.scope))  # a ReLU written in place
                continue
            found.extend(self.values(definition.value, definition.scope, depth + 1))
        return found or [(expr, scope)]

    def _object_attribute_values(self, expr: cst.Attribute, scope: Scope, depth: int) -> list:
        """`dense1.output` read outside the class: what the methods of the objects `dense1` can
        hold assign to `self.output` (the attribute of every object of that class)."""
        if not isinstance(expr.value, (cst.Name, cst.Attribute, cst.Subscript)):
            return []
        found = []
        for cls in {id(i.cls): i.cls for i in self.objects.instances(expr.value, scope)}.values():
            for owner in self.objects.bases(cls):
                for definition in self.defs(("attr", owner, expr.attr.value)):
                    if definition.value is not None and definition.augmented is None:
                        found.extend(self.values(definition.value, definition.scope, depth + 1))
        return found

    def _item_values(self, base, scope: Scope, item: str, depth: int) -> list[tuple[cst.BaseExpression, Scope]]:
        """What `base[item]` holds when `base` is a dict literal, a name whose items are assigned
        one by one, or a call of a function that returns either (`params = init(); params["W1"]`)."""
        if depth > MAX_DEPTH:
            return []
        found: list[tuple[cst.BaseExpression, Scope]] = []
        if isinstance(base, cst.Dict):
            for element in base.elements:
                if (
                    isinstance(element, cst.DictElement)
                    and isinstance(element.key, cst.SimpleString)
                    and element.key.evaluated_value == item
                ):
                    found.extend(self.values(element.value, scope, depth + 1))
            # `params = {}` then `params["W1"] = ...`: the items live under the name it was
            # assigned to.
            holder = self._definition_of_value.get(base)
            base_key = holder.key if holder is not None else None
        elif isinstance(base, cst.List):
            # `caches = []` then `caches.append(cache)`: the elements live under the name
            if item == ELEMENT:
                for element in base.elements:
                    if isinstance(element, cst.Element):
                        found.extend(self.values(element.value, scope, depth + 1))
            holder = self._definition_of_value.get(base)
            base_key = holder.key if holder is not None else None
        elif isinstance(base, cst.Call):
            target = self.resolve_callable(base.func, scope)
            if isinstance(target, FunctionInfo):
                for returned in target.scope.returns:
                    found.extend(self._item_values(returned, target.scope, item, depth + 1))
                    for held, held_scope in self.values(returned, target.scope, depth + 1):
                        if held is not returned:
                            found.extend(self._item_values(held, held_scope, item, depth + 1))
            return found
        else:
            base_key = self.key(base, scope)
        if base_key is not None:
            for definition in self.defs(("item", base_key, item)):
                if definition.value is not None and definition.augmented is None and \
                        definition.statement not in self._update_statements:
                    found.extend(self.values(definition.value, definition.scope, depth + 1))
        return found

    def resolve_callable(self, func: cst.BaseExpression, scope: Scope, depth: int = 0):
        """The FunctionInfo or ClassInfo a call's function expression refers to, if one."""
        if depth > 4:
            return None
        key = self.key(func, scope)
        if key is not None:
            if key in self.functions:
                return self.functions[key]
            if key[0] == "global" and key[1] in self.classes and not self.defs(key):
                return self.classes[key[1]]
            if key[0] == "global" and key[1] in self.classes:
                return self.classes[key[1]]
            targets = set()
            for definition in self.defs(key):
                if definition.value is None or definition.augmented is not None:
                    return self._dispatched(func, scope)
                target = self.resolve_callable(definition.value, definition.scope, depth + 1)
                if target is None:
                    return self._dispatched(func, scope)
                targets.add(target)
            if len(targets) == 1:
                return targets.pop()
            return None
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
            # Net.sigmoid(z): a static method (or any method) read from the class itself
            cls = self.resolve_callable(func.value, scope, depth + 1)
            if isinstance(cls, ClassInfo):
                method = self.objects.method(cls, func.attr.value)
                if method is not None and not method.has_self:
                    return method
        if isinstance(func, cst.Attribute) and isinstance(func.value, (cst.Name, cst.Attribute)):
            # obj.method(...) where obj = SomeClass(...)
            owners = set()
            for value, value_scope in self.values(func.value, scope):
                if isinstance(value, cst.Call):
                    owner = self.resolve_callable(value.func, value_scope, depth + 1)
                    if isinstance(owner, ClassInfo):
                        owners.add(owner)
            if len(owners) == 1:
                owner = owners.pop()
                found = self.functions.get(("attr", owner, func.attr.value))
                if found is not None:
                    return found
        return self._dispatched(func, scope)

    def _dispatched(self, func: cst.BaseExpression, scope: Scope):
        """The one method a call reaches through the objects its receiver holds (`layer.forward`
        for a list of Dense layers, `self.act(z)` on a Tanh object's `__call__`), if one."""
        if not isinstance(func, (cst.Attribute, cst.Name, cst.Subscript)):
            return None
        found = {id(f): f for f, _ in self.objects.dispatch(func, scope)}
        return next(iter(found.values())) if len(found) == 1 else None

    def literal(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> np.ndarray | None:
        """The value of a literal array expression (np.array([...]) with .T, .reshape, .astype)."""
        if depth > MAX_DEPTH:
            return None
        key = self.key(expr, scope)
        if key is not None:
            defs = [d for d in self.defs(key) if d.value is not None]
            if len(defs) != 1 or defs[0].augmented is not None or len(self.defs(key)) != 1:
                return None
            return self.literal(defs[0].value, defs[0].scope, depth + 1)
        try:
            if isinstance(expr, (cst.List, cst.Tuple)):
                return np.asarray(ast.literal_eval(code(expr)))
            if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
                base = self.literal(expr.value, scope, depth + 1)
                return None if base is None else base.T
            if isinstance(expr, cst.Call):
                name = numpy_attribute(expr.func)
                args = positional_args(expr)
                if name in ("array", "asarray") and args:
                    base = self.literal(args[0], scope, depth + 1)
                    if base is None:
                        return None
                    dtype = keyword_arg(expr, "dtype")
                    return base.astype(float) if dtype is not None and "float" in code(dtype) else base
                if isinstance(expr.func, cst.Attribute) and name is None:
                    method = expr.func.attr.value
                    base = self.literal(expr.func.value, scope, depth + 1)
                    if base is None:
                        return None
                    if method == "reshape":
                        shape = [ast.literal_eval(code(a)) for a in args]
                        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
                            shape = list(shape[0])
                        return base.reshape(shape)
                    if method == "astype":
                        return base.astype(float) if args and "float" in code(args[0]) else base
                    if method in ("flatten", "ravel"):
                        return base.ravel()
                    if method == "copy":
                        return base.copy()
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
        return None

    def value_set(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> frozenset | None:
        """The distinct values an array can hold, when they are few and known: {0, 1} for
        binary labels, from literals, comparisons, randint(0, 2) or one-hot rows, kept through
        what NumPy does to the data without changing its values (reshape, transpose, astype,
        indexing, stacking)."""
        if depth > MAX_DEPTH:
            return None
        found: set = set()
        for value, value_scope in self.values(expr, scope):
            values = self._value_set_of(value, value_scope, depth)
            if values is None:
                return None
            found |= values
        return frozenset(found) if found else None

    # Calls and methods that rearrange an array's elements (or select some) without changing
    # their values: the result holds a subset of the values of their first argument.
    _SAME_VALUES = {
        "array", "asarray", "asanyarray", "ascontiguousarray", "reshape", "ravel", "flatten",
        "squeeze", "expand_dims", "atleast_1d", "atleast_2d", "transpose", "copy", "astype",
        "tolist", "take", "repeat", "tile", "flip", "roll",
    }
    _STACKING = {"concatenate", "vstack", "hstack", "stack", "column_stack", "row_stack", "append"}
    _SMALL = 10

    def _value_set_of(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> set | None:
        array = self.literal(expr, scope)
        if array is not None:
            if array.dtype.kind not in "biuf" or array.size == 0:
                return None
            unique = np.unique(array)
            return {float(v) for v in unique} if unique.size <= self._SMALL else None
        if isinstance(expr, cst.Comparison):
            return {0.0, 1.0}
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            return self.value_set(expr.value, scope, depth + 1)
        if isinstance(expr, cst.Subscript):
            if isinstance(expr.value, cst.Call) and call_name(expr.value) in ("eye", "identity"):
                return {0.0, 1.0}
            if self.key(expr, scope) is None:
                # y[:, None], y[perm], y[i:i + bs]: a selection of y's values
                return self.value_set(expr.value, scope, depth + 1)
            return None
        if isinstance(expr, (cst.BinaryOperation, cst.UnaryOperation)):
            return self._arithmetic_value_set(expr, scope, depth)
        if isinstance(expr, cst.Call):
            return self._call_value_set(expr, scope, depth)
        return None

    def _call_value_set(self, expr: cst.Call, scope: Scope, depth: int) -> set | None:
        name = call_name(expr)
        numpy_name = numpy_attribute(expr.func)
        args = positional_args(expr)
        last = (name or "").split(".")[-1]
        if name in ("random.randint", "randint", "integers") and len(args) >= 2:
            low, high = self.constant(args[0], scope), self.constant(args[1], scope)
            if isinstance(low, int) and isinstance(high, int) and 0 <= high - low <= self._SMALL:
                return {float(v) for v in range(low, high)}
            return None
        if name in ("where",) and len(args) == 3:
            sides = [self._constant_set(a, scope, depth) for a in args[1:]]
            return None if None in sides else sides[0] | sides[1]
        method = isinstance(expr.func, cst.Attribute) and numpy_name is None
        if last in self._SAME_VALUES and (method or numpy_name is not None):
            source = expr.func.value if method else (args[0] if args else None)
            return None if source is None else self.value_set(source, scope, depth + 1)
        if numpy_name is not None and last in self._STACKING and args:
            parts = args[:2] if last == "append" else None
            if parts is None:
                if not isinstance(args[0], (cst.List, cst.Tuple)):
                    return None
                parts = [element.value for element in args[0].elements]
            found: set = set()
            for part in parts:
                values = self._constant_set(part, scope, depth)
                if values is None:
                    return None
                found |= values
            return found
        if numpy_name in CREATION_FUNCTIONS and numpy_name is not None:
            return self._filled_value_set(expr, scope, depth)
        return None

    def _filled_value_set(self, expr: cst.Call, scope: Scope, depth: int) -> set | None:
        """np.zeros / np.ones / np.full(shape, c), unless the array is later written into
        (`Y = np.zeros(m); Y[ix] = j`)."""
        holder = self._definition_of_value.get(expr)
        if holder is not None and (
            holder.key in self.builder.element_writes
            or any(d.augmented is not None for d in self.defs(holder.key))
        ):
            return None
        name = numpy_attribute(expr.func).split(".")[-1]
        if name in ("zeros", "zeros_like"):
            return {0.0}
        if name in ("ones", "ones_like"):
            return {1.0}
        if name in ("full", "full_like"):
            args = positional_args(expr)
            fill = args[1] if len(args) >= 2 else keyword_arg(expr, "fill_value")
            return None if fill is None else self._constant_set(fill, scope, depth)
        return None

    def _constant_set(self, expr: cst.BaseExpression, scope: Scope, depth: int) -> set | None:
        known = self.constant(expr, scope)
        if isinstance(known, (int, float)) and not isinstance(known, bool):
            return {float(known)}
        return self.value_set(expr, scope, depth + 1)

    def _arithmetic_value_set(self, expr, scope: Scope, depth: int) -> set | None:
        """`1 - y`, `2 * y - 1`, `-y`: a few known values through arithmetic with constants."""
        import operator

        if isinstance(expr, cst.UnaryOperation):
            inner = self._constant_set(expr.expression, scope, depth)
            if inner is None:
                return None
            if isinstance(expr.operator, cst.Minus):
                return {-v for v in inner}
            return inner if isinstance(expr.operator, cst.Plus) else None
        operators = {cst.Add: operator.add, cst.Subtract: operator.sub, cst.Multiply: operator.mul}
        apply = operators.get(type(expr.operator))
        if apply is None:
            return None
        left = self._constant_set(expr.left, scope, depth)
        right = self._constant_set(expr.right, scope, depth)
        if left is None or right is None or len(left) * len(right) > self._SMALL * self._SMALL:
            return None
        found = {float(apply(a, b)) for a in left for b in right}
        # Two arrays combined elementwise: their values pair up in ways nobody can list here.
        if len(left) > 1 and len(right) > 1:
            return None
        return found if len(found) <= self._SMALL else None

    # -- shapes -------------------------------------------------------------------------------------
    def shape(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> tuple[Dim, ...] | None:
        """The shape of a created array: literal ints where known, else the size's source text."""
        if depth > MAX_DEPTH:
            return None
        key = self.key(expr, scope)
        if key is not None:
            # What the name, item or parameter holds, wherever that was assigned (a dict filled
            # in another function, an argument bound at a call site); an update such as
            # `W = W - lr * dW` keeps the array it updates.
            shapes = set()
            for value, value_scope in self.values(expr, scope):
                if value is expr:
                    return None
                definition = self._definition_of_value.get(value)
                if definition is not None and definition.statement in self._update_statements:
                    continue
                shape = self.shape(value, value_scope, depth + 1)
                if shape is None:
                    return None
                shapes.add(shape)
            return shapes.pop() if len(shapes) == 1 else None
        array = self.literal(expr, scope)
        if array is not None:
            return tuple(int(n) for n in array.shape)
        creation = self.creation_call(expr)
        if creation is None:
            return None
        return self.creation_shape(creation, scope, depth)

    def shape_for(self, expr: cst.BaseExpression, scope: Scope, contexts) -> tuple[Dim, ...] | None:
        """The created shape of `self.W` for the objects a call runs for (`contexts`: their
        construction calls): a size that is a constructor parameter is the number those
        constructions pass (`Layer(8, 1, Softmax())` makes ('n_in', 'n_out') (8, 1))."""
        shape = self.shape(expr, scope)
        init = self.objects.method(scope.cls, "__init__") if shape is not None and scope.cls is not None else None
        if init is None or not contexts:
            return shape
        resolved = []
        for dim in shape:
            if isinstance(dim, str) and dim in init.scope.params:
                bound = {
                    self.dim(d.value, d.scope)
                    for d in self.defs(("local", init.scope, dim))
                    if d.from_call and d.statement in contexts and d.value is not None
                }
                if len(bound) == 1 and isinstance(next(iter(bound)), int) and \
                        len([d for d in self.defs(("local", init.scope, dim)) if d.from_call and d.statement in contexts]) == len(contexts):
                    dim = bound.pop()
            resolved.append(dim)
        return tuple(resolved)

    def creation_call(self, expr: cst.BaseExpression) -> cst.Call | None:
        """The np.random / np.zeros-like call that creates a parameter, through scaling:
        `np.random.randn(3, 4) * 0.01`, `2 * np.random.random((3, 1)) - 1`."""
        if isinstance(expr, cst.Call):
            name = call_name(expr)
            if name is None:
                return None
            last = name.split(".")[-1]
            if last in CREATION_FUNCTIONS or last in RANDOM_FUNCTIONS:
                return expr
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "astype":
                return self.creation_call(expr.func.value)
            return None
        if isinstance(expr, cst.BinaryOperation) and not isinstance(expr.operator, cst.MatrixMultiply):
            left = self.creation_call(expr.left)
            right = self.creation_call(expr.right)
            if left is not None and right is None and self._is_scalar_like(expr.right):
                return left
            if right is not None and left is None and self._is_scalar_like(expr.left):
                return right
        if isinstance(expr, cst.UnaryOperation):
            return self.creation_call(expr.expression)
        return None

    def _is_scalar_like(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.Integer, cst.Float, cst.Name, cst.Attribute)):
            return True
        if isinstance(expr, cst.UnaryOperation):
            return self._is_scalar_like(expr.expression)
        if isinstance(expr, cst.BinaryOperation):
            return self._is_scalar_like(expr.left) and self._is_scalar_like(expr.right)
        if isinstance(expr, cst.Call):
            name = call_name(expr)
            return name in ("sqrt", "math.sqrt", "float") or (name or "").endswith("sqrt")
        return False

    def unscaled(self, expr: cst.BaseExpression) -> cst.BaseExpression:
        """`X.T` for `lr * X.T` (as `lr * X.T @ delta` parses: `(lr * X.T) @ delta`)."""
        while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Multiply, cst.Divide)):
            if self._is_scalar_like(expr.left) and not isinstance(expr.operator, cst.Divide):
                expr = expr.right
            elif self._is_scalar_like(expr.right):
                expr = expr.left
            else:
                break
        return expr

    def creation_shape(self, call: cst.Call, scope: Scope, depth: int = 0) -> tuple[Dim, ...] | None:
        """The shape of the array a creating call makes (`np.random.randn(n, 4)` → (n, 4)), when
        its arguments say it; `depth` bounds how far names are followed."""
        name = (call_name(call) or "").split(".")[-1]
        args = positional_args(call)
        if name in ("randn", "rand", "standard_normal_args"):
            if len(args) == 1 and isinstance(args[0], cst.Tuple):
                return self._dims(args[0], scope, depth)
            return tuple(self.dim(a, scope, depth) for a in args) if args else None
        size = keyword_arg(call, "size") or keyword_arg(call, "shape")
        if size is None:
            if name in ("zeros", "ones", "empty", "full", "random", "random_sample", "standard_normal", "ranf", "sample"):
                size = args[0] if args else None
            elif name in ("normal", "uniform") and len(args) >= 3:
                size = args[2]
            elif name in ("randint", "integers") and len(args) >= 3:
                size = args[2]
            elif name == "choice" and len(args) >= 2:
                size = args[1]
            elif name.endswith("_like") and args:
                return self.shape(args[0], scope, depth + 1)
        if size is None:
            return None
        return self._dims(size, scope, depth)

    def _dims(self, size: cst.BaseExpression, scope: Scope, depth: int) -> tuple[Dim, ...]:
        if isinstance(size, (cst.Tuple, cst.List)):
            return tuple(self.dim(e.value, scope, depth) for e in size.elements)
        return (self.dim(size, scope, depth),)

    def dim(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> Dim:
        """One size: an int when it can be known, else its source text (X.shape[1], n_hidden)."""
        try:
            value = ast.literal_eval(code(expr))
            if isinstance(value, int):
                return value
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            pass
        if depth <= MAX_DEPTH:
            key = self.key(expr, scope)
            if key is not None:
                defs = [d for d in self.defs(key) if d.value is not None and d.augmented is None]
                dims = {self.dim(d.value, d.scope, depth + 1) for d in defs}
                if len(dims) == 1 and len(defs) == len(self.defs(key)):
                    return dims.pop()
            if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "shape":
                index = expr.slice[0].slice if len(expr.slice) == 1 else None
                if isinstance(index, cst.Index):
                    try:
                        position = ast.literal_eval(code(index.value))
                    except (ValueError, SyntaxError):
                        position = None
                    shape = self.shape(expr.value.value, scope, depth + 1)
                    if shape is not None and isinstance(position, int) and -len(shape) <= position < len(shape):
                        return shape[position]
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "len":
                args = positional_args(expr)
                if args:
                    shape = self.shape(args[0], scope, depth + 1)
                    if shape:
                        return shape[0]
            operation = _DIM_ARITHMETIC.get(type(getattr(expr, "operator", None)))
            if isinstance(expr, cst.BinaryOperation) and operation is not None:
                # `points * classes`, `n // 2`: a size computed from sizes that are known
                left, right = self.dim(expr.left, scope, depth + 1), self.dim(expr.right, scope, depth + 1)
                if isinstance(left, int) and isinstance(right, int) and not (right == 0 and operation is operator.floordiv):
                    return operation(left, right)
        return code(expr)

    # -- roles --------------------------------------------------------------------------------------
    def is_created_parameter(self, key: Key | None) -> bool:
        """Created by np.random / np.zeros-like calls (a weight or a bias)."""
        if key is None:
            return False
        for definition in self.defs(key):
            if definition.value is None or definition.augmented is not None:
                continue
            for value, value_scope in self.values(definition.value, definition.scope):
                if self.creation_call(value) is not None:
                    return True
        return False

    def initial_values(self, expr: cst.BaseExpression, scope: Scope) -> list[tuple[cst.BaseExpression, Scope]] | None:
        """What `expr` holds before any training update (`W = W - lr * dW` keeps the array it
        updates), followed through names, dict items, tuple returns and call sites; None when
        one of its assignments is unknown."""
        key = self.key(expr, scope)
        if any(d.value is None for d in self.defs(key)):
            return None
        held = self.values(expr, scope)
        seen = {id(value) for value, _ in held}
        found = []
        for value, value_scope in held:
            if value is expr:
                return None
            definition = self._definition_of_value.get(value)
            if definition is not None and definition.statement in self._update_statements:
                continue
            if self.key(value, value_scope) is not None and self.defs(self.key(value, value_scope)):
                # cut short by the depth bound, as a cycle (`params = update(params)`) is: known
                # when what it holds was reached along a shorter path
                if all(id(v) in seen for v, _ in self.values(value, value_scope) if v is not value):
                    continue
                return None
            found.append((value, value_scope))
        return found

    def creation(self, expr: cst.BaseExpression, scope: Scope) -> tuple[cst.BaseExpression, Scope] | None:
        """The one np.random / np.zeros-like expression whose array `expr` holds, followed through
        names, dict items, tuple returns and call sites; None when it holds anything else too."""
        found = None
        for value, value_scope in self.initial_values(expr, scope) or [(expr, scope)]:
            if self.creation_call(value) is None:
                return None
            if found is not None and found[0] is not value:
                return None
            found = (value, value_scope)
        return found

    def is_updated(self, key: Key | None) -> bool:
        return key is not None and any(update.key == key for update in self.updates)

    def steps_a_parameter(self, key: Key | None) -> bool:
        """A gradient that steps a created parameter (`W += -lr * dW`), even when it is itself
        added to in place (`dW += reg * W`, a regularisation term): not a parameter."""
        return key is not None and key in self._step_keys

    @functools.cached_property
    def _step_keys(self) -> set:
        found = set()
        for update in self.updates:
            if not self.is_created_parameter(update.key):
                continue
            for node in self.walk(update.rhs):
                if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                    key = self.key(node, update.scope)
                    if key is not None and key != update.key and not self.is_created_parameter(key):
                        found.add(key)
        return found

    def origins(self, expr: cst.BaseExpression, scope: Scope) -> frozenset:
        """The creation calls (np.random..., np.zeros...) whose array this expression holds:
        the identity of a parameter across names, functions, tuples and dicts."""
        found = set()
        for value, _ in self.values(expr, scope):
            creation = self.creation_call(value)
            if creation is not None:
                found.add(creation)
        return frozenset(found)

    @functools.cached_property
    def updated_origins(self) -> frozenset:
        found: set = set()
        for update in self.updates:
            found |= self.origins(update.target, update.scope)
        return frozenset(found)

    def is_trained(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """A parameter: created by np.random/np.zeros-like calls, and updated somewhere (under
        this name or any other that holds the same array)."""
        key = self.key(expr, scope)
        if key is not None and self.is_updated(key) and self.is_created_parameter(key):
            return True
        return bool(self.origins(expr, scope) & self.updated_origins)

    def is_array(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> bool:
        """Certainly an array with more than one element, as far as the code shows."""
        if depth > MAX_DEPTH:
            return False
        if matrix_product(expr) is not None:
            return True
        key = self.key(expr, scope)
        if key is not None:
            return any(
                d.value is not None and d.augmented is None and self.is_array(d.value, d.scope, depth + 1)
                for d in self.defs(key)
            )
        if isinstance(expr, cst.BinaryOperation):
            return self.is_array(expr.left, scope, depth + 1) or self.is_array(expr.right, scope, depth + 1)
        if isinstance(expr, cst.UnaryOperation):
            return self.is_array(expr.expression, scope, depth + 1)
        if isinstance(expr, cst.Comparison):
            # `a > 0`: a mask of the array's shape
            return self.is_array(expr.left, scope, depth + 1) or any(
                self.is_array(c.comparator, scope, depth + 1) for c in expr.comparisons)
        if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
            return self.is_array(expr.value, scope, depth + 1)
        array = self.literal(expr, scope)
        if array is not None:
            return array.size > 1
        if isinstance(expr, cst.Call):
            if self.creation_call(expr) is not None:
                shape = self.creation_shape(expr, scope, depth)
                return bool(shape) and not all(d == 1 for d in shape)
            name = numpy_attribute(expr.func)
            if name is not None:
                if name in ("sum", "mean", "max", "min", "prod", "std", "var") and keyword_arg(expr, "axis") is None:
                    return False
                return any(self.is_array(a, scope, depth + 1) for a in positional_args(expr))
            target = self.resolve_callable(expr.func, scope)
            if isinstance(target, FunctionInfo):
                args = positional_args(expr)
                if args and target.positional:
                    return self.is_array(args[0], scope, depth + 1)
                return any(self.is_array(r, target.scope, depth + 1) for r in target.scope.returns)
            if target is None and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in (
                "astype", "copy", "reshape", "transpose", "clip"
            ):
                return self.is_array(expr.func.value, scope, depth + 1)  # `(a > 0).astype(float)`
        return False

    # -- functions in use ---------------------------------------------------------------------------
    def call_mode(self, call: cst.Call, function: FunctionInfo, scope: Scope) -> Mode | None:
        """The values of the extra parameters at this call (literals or known constants)."""
        mode = {}
        positional = positional_args(call)
        for name, value in zip(function.positional[1:], positional[1:]):
            known = self.constant(value, scope)
            if known is None:
                return None
            mode[name] = known
        for arg in call.args:
            if arg.star:
                return None
            if arg.keyword is not None:
                if arg.keyword.value == function.array_param:
                    continue
                known = self.constant(arg.value, scope)
                if known is None:
                    return None
                mode[arg.keyword.value] = known
        for required in function.positional[1 + max(len(positional) - 1, 0):]:
            if required not in function.defaults and required not in mode:
                return None
        return tuple(sorted(mode.items()))

    def constant(self, expr: cst.BaseExpression, scope: Scope) -> Any:
        try:
            value = ast.literal_eval(code(expr))
            return value if isinstance(value, (int, float, bool, str)) else None
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            pass
        key = self.key(expr, scope)
        if key is not None:
            return self._unique_number(key)
        return None

    def call_argument(self, call: cst.Call, function: FunctionInfo) -> cst.BaseExpression | None:
        positional = positional_args(call)
        if positional:
            return positional[0]
        if function.array_param is not None:
            return keyword_arg(call, function.array_param)
        return None

    def function_behaviour(self, function: FunctionInfo, mode: Mode) -> Behaviour | None:
        return function_behaviour(function, mode, self._stand_ins.get(function.cls))

    def function_callable(self, function: FunctionInfo, mode: Mode) -> Callable | None:
        return function.bound(mode, self._stand_ins.get(function.cls))

    @functools.cached_property
    def calls_to_functions(self) -> list[tuple[cst.Call, Scope, FunctionInfo, Mode | None]]:
        """Every call of a closed user function, with its mode. A call that reaches different
        methods for different objects is listed once per method (see `call_contexts`)."""
        found = []
        for call, scope in self.builder.calls:
            target = self.resolve_callable(call.func, scope)
            if isinstance(target, FunctionInfo):
                targets = [target]
            elif target is None:
                targets = list(self.dispatch_in_contexts(call.func, scope))
            else:
                targets = []
            for function in targets:
                if function.closed and function.compiled is not None:
                    found.append((call, scope, function, self.call_mode(call, function, scope)))
        return found

    def dispatch_in_contexts(self, func: cst.BaseExpression, scope: Scope) -> dict:
        """function -> the constructions of the enclosing method's object for which the call's
        function expression reaches that function (None: for every one)."""
        remembered = self._call_contexts.get((func, scope))
        if remembered is not None:
            return remembered
        reached: dict = {}
        if isinstance(func, (cst.Attribute, cst.Name, cst.Subscript)):
            for context in self.objects.contexts(scope):
                for function, _ in self.objects.dispatch(func, scope, context):
                    reached.setdefault(function, set()).add(context)
        result = {}
        for function, contexts in reached.items():
            if None in contexts or len(reached) == 1:
                result[function] = None
            else:
                result[function] = frozenset(context.call for context in contexts)
        self._call_contexts[(func, scope)] = result
        return result

    @functools.cached_property
    def _call_contexts(self) -> dict:
        return {}

    def contexts_of(self, call: cst.Call, scope: Scope, function: FunctionInfo) -> frozenset | None:
        return self.dispatch_in_contexts(call.func, scope).get(function)

    @functools.cached_property
    def applications(self) -> list[Application]:
        found: list[Application] = []
        for call, scope, function, mode in self.calls_to_functions:
            if mode is None:
                continue
            argument = self.call_argument(call, function)
            behaviour = self.function_behaviour(function, mode)
            callable_ = self.function_callable(function, mode)
            if argument is None or behaviour is None or callable_ is None:
                continue
            contexts = self.contexts_of(call, scope, function) if self.resolve_callable(call.func, scope) is None else None
            name = function.name
            if function.cls is not None and not _calls_self(call.func, scope):
                # reached through an object: named by its class, as the user wrote it
                name = function.cls.name if function.node.name.value == "__call__" else f"{function.cls.name}.{function.node.name.value}"
            found.append(
                Application(call, function, name, mode, argument, scope, behaviour, callable_,
                            self._target_of(call), contexts)
            )
        seen_inline: set = {application.node for application in found}
        # The body of an activation is classified with its function. A closed function that is
        # called, but never with a mode it can be applied in (`forward(X, W1, W2)`: the weights
        # are no flags), is a forward pass, not an activation: its body holds the activations.
        modes: dict = {}
        for _, _, function, mode in self.calls_to_functions:
            modes.setdefault(function, set()).add(mode)
        # A closed method that caches what it computes on self (`self.out = np.tanh(x)`) keeps
        # its inline activations too: the backward pass reads them through the attribute.
        caching = {d.scope for key, defs in self.definitions.items() if key[0] == "attr" for d in defs}
        # So does one that returns its activation with a cache (`return np.maximum(0, Z), Z`): the
        # caller unpacks the activation from the tuple (`A1, cache1 = relu(Z1)`).
        caching |= {
            f.scope for f in self.functions.values()
            if f.scope.returns and all(isinstance(r, cst.Tuple) for r in f.scope.returns)
        }
        inside_closed = {
            f.scope for f in self.functions.values()
            if f.closed and not (f in modes and modes[f] == {None}) and f.scope not in caching
        }
        for definition in itertools.chain.from_iterable(self.definitions.values()):
            value = definition.value
            if value is None or definition.from_call or value in seen_inline:
                continue
            if definition.scope in inside_closed:
                continue
            if definition.augmented is not None:
                continue
            seen_inline.add(value)
            # `A = sigmoid(Z) if l == L else np.maximum(0, Z)`: each branch is an activation of
            # its own (the layer loop picks one per layer), stored in the same place.
            for branch in _branches(value):
                if branch is not value and branch in seen_inline:
                    continue
                seen_inline.add(branch)
                application = self._inline_application(branch, definition.scope, definition.key)
                if application is not None:
                    found.append(application)
        for scope in self.builder.scopes.values():
            if scope in inside_closed:
                continue
            for returned in scope.returns:
                elements = [e.value for e in returned.elements] if isinstance(returned, cst.Tuple) else [returned]
                for value in [branch for element in elements for branch in _branches(element)]:
                    if value in seen_inline or isinstance(value, cst.StarredElement):
                        continue
                    seen_inline.add(value)
                    application = self._inline_application(value, scope, None)
                    if application is not None:
                        found.append(application)
        found.extend(self._masked_relus({application.node for application in found}))
        return found

    def _masked_relus(self, applied: set) -> list[Application]:
        """`h = z.copy(); h[h < 0] = 0` (or `h = z`, or the mask read on z): a ReLU written in
        place on a layer's pre-activation. The application is the value `h` was assigned."""
        found = []
        for value, (node, scope, definition, argument) in self._masked_values.items():
            if value in applied or self.layer_of(argument, scope) is None:
                continue
            found.append(Application(
                value, None, code(node), (), argument, scope, _RELU_BEHAVIOUR, _relu, definition.key))
        return found

    @functools.cached_property
    def _masked_values(self) -> dict:
        """The values written over in place by `h[h < 0] = 0` right after `h = z` (or a copy of
        z), read from the syntax alone: what they hold stops there (see _values)."""
        found = {}
        for node, scope in self.builder.scope_of_node.items():
            if not (isinstance(node, cst.Assign) and len(node.targets) == 1 and code(bare(node.value)) in ("0", "0.0", "0.")):
                continue
            target = node.targets[0].target
            if not isinstance(target, cst.Subscript) or len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
                continue
            mask = bare(target.slice[0].slice.value)
            if not (isinstance(mask, cst.Comparison) and len(mask.comparisons) == 1
                    and isinstance(mask.comparisons[0].operator, (cst.LessThan, cst.LessThanEqual))
                    and code(bare(mask.comparisons[0].comparator)) in ("0", "0.0", "0.")):
                continue
            start = self._positions[node].start.line
            before = [
                d for d in self.defs(self.key(target.value, scope))
                if d.scope is scope and d.value is not None and d.augmented is None and not d.from_call
                and d.statement is not None and self._positions[d.statement].end.line < start
            ]
            if not before:
                continue
            definition = max(before, key=lambda d: self._positions[d.statement].start.line)
            argument = _copied(definition.value)
            if code(bare(mask.left)) not in (code(target.value), code(argument)):
                continue
            found[definition.value] = (node, scope, definition, argument)
        return found

    def _target_of(self, value: cst.BaseExpression) -> Key | None:
        definition = self._definition_of_value.get(value)
        if definition is None or definition.from_call:
            return None
        return definition.key

    def _inline_application(self, expr, scope: Scope, target: Key | None) -> Application | None:
        if not _looks_like_activation(expr, self.walk) and not self._reads_stored_attribute(expr, scope):
            return None
        if isinstance(expr, cst.Call) and isinstance(self.resolve_callable(expr.func, scope), FunctionInfo):
            return None  # a call of the user's own function is an application of that function
        abstraction = self.abstract(expr, scope)
        behaviour = classify(abstraction[0]) if abstraction is not None else None
        if behaviour is None or not behaviour.is_activation:
            # `e = np.exp(z - z.max(...)); p = e / e.sum(...)`: a softmax written over two
            # statements is one function of z once `e` is read as what it was assigned.
            abstraction = self._abstract_expanded(expr, scope)
            behaviour = classify(abstraction[0]) if abstraction is not None else None
        if behaviour is None or not behaviour.is_activation:
            return None
        callable_, argument = abstraction
        return Application(expr, None, brief(expr), (), argument, scope, behaviour, callable_, target)

    def _reads_stored_attribute(self, expr, scope: Scope) -> bool:
        """`x * self.mask` where this method set `self.mask = x > 0`: worth expanding."""
        if scope.self_name is None or isinstance(expr, (cst.Name, cst.Attribute)):
            return False
        for node in self.walk(expr):
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value == scope.self_name:
                defs = self.defs(self.key(node, scope))
                if len(defs) == 1 and defs[0].scope is scope and defs[0].value is not None \
                        and _looks_like_activation(defs[0].value, self.walk):
                    return True
        return False

    def _abstract_expanded(self, expr, scope: Scope) -> tuple[Callable, cst.BaseExpression] | None:
        """`abstract` after replacing each name that has one plain definition in this scope,
        itself a NumPy computation, by that definition; the sub-expression found is mapped
        back to the node in the user's code."""
        expansions: dict[str, cst.BaseExpression] = {}
        for node in self.walk(expr):
            # `self.mask = x > 0; return x * self.mask`: an attribute set once, in this same
            # method, is read like a local name
            is_self_attribute = (
                isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
                and node.value.value == scope.self_name
            )
            if not (isinstance(node, cst.Name) or is_self_attribute) or code(node) in expansions:
                continue
            key = self.key(node, scope)
            defs = self.defs(key)
            if key is None or key[0] not in ("local", "global", "attr") or len(defs) != 1:
                continue
            value = defs[0].value
            if value is None or defs[0].augmented is not None or defs[0].scope is not scope:
                continue
            if _looks_like_activation(value, self.walk) and not isinstance(value, cst.Name):
                expansions[code(node)] = value
        if not expansions:
            return None
        expanded = expr.visit(_Expand(expansions))
        try:
            fresh = cst.parse_expression(code(expanded))
        except cst.ParserSyntaxError:
            return None
        abstraction = self.abstract(fresh, scope)
        if abstraction is None:
            return None
        function, argument = abstraction
        wanted = code(bare(argument))
        for source in [expr, *expansions.values()]:
            for node in self.walk(source):
                if isinstance(node, cst.BaseExpression) and code(bare(node)) == wanted:
                    return function, node
        return None

    def abstract(self, expr: cst.BaseExpression, scope: Scope) -> tuple[Callable, cst.BaseExpression] | None:
        """Read `expr` as a closed function of one array sub-expression: `np.tanh(X @ W + b)` is
        tanh of `X @ W + b`, `a * (1 - a)` is x*(1-x) of `a`. Returns (function, sub-expression)."""
        candidates = [
            node for node in _subexpressions(expr, self.builder)
            if node is not expr and _is_candidate_argument(node)
        ]
        candidates.sort(key=lambda node: -len(code(node)))
        # Only a sub-expression that holds every outside name can leave a closed function
        # behind: checking that first spares compiling most candidates.
        free = self._references(expr) - self._closed_names
        tried: set[str] = set()
        for candidate in candidates:
            if not free <= self._references(candidate):
                continue
            text = code(bare(candidate))
            if text in tried:
                continue
            tried.add(text)
            replaced = expr.visit(_Replace(candidate))
            body = code(replaced)
            if "_nncheck_v" not in body:
                continue
            function = self._compile_lambda(body, scope)
            if function is not None:
                return function, candidate
        return None

    def _references(self, node: cst.CSTNode) -> set[str]:
        """The plain names an expression reads (for `self.W @ x`: self, x)."""
        if isinstance(node, cst.Name):
            return {node.value}
        if isinstance(node, cst.Attribute):
            return self._references(node.value)
        if isinstance(node, cst.Arg):
            return self._references(node.value)  # `axis=1`: a keyword is no name read
        found: set[str] = set()
        children = self.builder.children.get(node)
        if children is None:
            children = node.children if node not in self.builder.parents else []
        for child in children:
            found |= self._references(child)
        return found

    @functools.cached_property
    def _closed_names(self) -> set[str]:
        names = {"np", "numpy", "math", "True", "False", "None"} | set(self.module_constants)
        names |= {info.ident for info in self.functions.values() if info.compiled is not None and info.cls is None}
        return names

    def _compile_lambda(self, body: str, scope: Scope) -> Callable | None:
        text = f"_nncheck_lambda = (lambda _nncheck_v: ({body}))\n"
        try:
            tree = sandbox.quiet_parse(text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
        statement = tree.body[0] if len(tree.body) == 1 else None
        if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Lambda)):
            return None
        lambda_node = statement.value
        module_functions = {
            info.ident: info.compiled for info in self.functions.values()
            if info.compiled is not None and info.cls is None and info.scope.parent is not None and info.scope.parent.is_module
        }
        env = sandbox.Environment(
            constants=self.module_constants,
            closed_functions=frozenset(module_functions),
        )
        if sandbox.why_not_closed(lambda_node, env) is not None:
            return None
        try:
            compiled = sandbox.compile_closed(
                {"_nncheck_lambda": text},
                sandbox.Environment(constants={**self.module_constants, **module_functions}),
            )
        except Exception:  # noqa: BLE001
            return None
        return compiled.get("_nncheck_lambda")

    # -- layers ---------------------------------------------------------------------------------------
    @functools.cached_property
    def layers(self) -> list[Layer]:
        found = []
        for node, scope in self._all_products():
            layer = self._layer(node, scope)
            if layer is not None:
                found.append(layer)
        return found

    def _all_products(self) -> Iterator[tuple[cst.BaseExpression, Scope]]:
        for node, scope in self.builder.scope_of_node.items():
            if matrix_product(node) is not None:
                yield node, scope

    def _layer(self, product, scope: Scope) -> Layer | None:
        left, right = matrix_product(product)
        if is_transposed(left) or is_transposed(right):
            return None
        whole, bias = self._bias_after(product)
        for weight, other, layout in ((right, left, "rows"), (left, right, "columns")):
            inside = self._bias_inside(weight, scope)
            if inside is not None:
                weight_expr, bias_expr = inside
                return Layer(product, product, other, weight_expr, self.key(weight_expr, scope), bias_expr,
                             self.key(bias_expr, scope), True, layout, scope)
        right_param = self.is_trained(right, scope)
        left_param = self.is_trained(left, scope)
        if right_param == left_param:
            return None
        weight, other, layout = (right, left, "rows") if right_param else (left, right, "columns")
        if self._has_labels_taken_away(other, scope):
            return None
        bias_key = self.key(bias, scope) if bias is not None else None
        return Layer(product, whole, other, weight, self.key(weight, scope), bias, bias_key, False, layout, scope)

    def _has_labels_taken_away(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """`delta3[range(n), y] -= 1`: an output with the labels' ones taken away in place is
        the loss's gradient; a product with it runs backward, it feeds no next layer."""
        key = self.canonical(self.key(expr, scope))
        if key is None:
            return False
        return any(
            isinstance(statement, cst.AugAssign) and isinstance(statement.operator, cst.SubtractAssign)
            for _, _, statement in self.builder.element_writes.get(key, ())
        )

    @functools.cached_property
    def layout(self) -> str | None:
        """The file's data layout when all its layers agree: "rows" (samples as rows, X @ W) or
        "columns" (samples as columns, W @ X); None when unknown or mixed."""
        layouts = {layer.layout for layer in self.layers}
        return layouts.pop() if len(layouts) == 1 else None

    def _bias_after(self, product) -> tuple[cst.BaseExpression, cst.BaseExpression | None]:
        parent = self.builder.parents.get(product)
        if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add):
            other = parent.right if parent.left is product else parent.left
            return parent, other
        return product, None

    def _bias_inside(self, operand, scope: Scope) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
        """`W + b` as a factor of the product, where both are trained parameters and the added
        term is not a helper of another parameter's update (as a momentum buffer is)."""
        if not (isinstance(operand, cst.BinaryOperation) and isinstance(operand.operator, cst.Add)):
            return None
        first, second = operand.left, operand.right
        first_key, second_key = self.key(first, scope), self.key(second, scope)
        if first_key is None or second_key is None or first_key == second_key:
            return None
        for term in (first, second):
            if not self.is_trained(term, scope):
                return None
        for update in self.updates:
            if update.key in (first_key, second_key) and any(
                self.key(n, update.scope) in (first_key, second_key) and self.key(n, update.scope) != update.key
                for n in self.walk(update.rhs)
            ):
                return None
        return first, second

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        return self.builder.parents.get(node)

    # -- the syntax, by kind ------------------------------------------------------------------------
    def nodes(self, *kinds: type) -> list[tuple[cst.CSTNode, Scope]]:
        """(node, scope) for every node of these libcst types (every node, with none), in source
        order: a rule asks for the few kinds it reads instead of walking the whole file."""
        if not kinds:
            return list(self.builder.scope_of_node.items())
        by_type = self.facts(_nodes_by_type)
        found = [entry for kind, entries in by_type.items() if issubclass(kind, kinds) for entry in entries]
        if len(kinds) > 1 or sum(issubclass(kind, kinds) for kind in by_type) > 1:
            found.sort(key=lambda entry: entry[0])
        return [(node, scope) for _, node, scope in found]

    @property
    def matrix_products(self) -> list[tuple[cst.BaseExpression, Scope, tuple]]:
        """(node, scope, (left, right)) for every matrix product: `a @ b`, `np.dot(a, b)`,
        `a.dot(b)` (not `np.dot(a, b, out)`)."""
        return self.facts(_matrix_products)

    @property
    def calls(self) -> list[tuple[cst.Call, Scope]]:
        """Every call in the file, with the scope it is made in."""
        return self.builder.calls

    @property
    def imported_names(self) -> set[str]:
        """The names the module binds by import."""
        return self.builder.imported

    @property
    def star_import(self) -> bool:
        """Whether the module does `from x import *` (then any name may be bound)."""
        return self.builder.star_import

    @property
    def scopes(self) -> list[Scope]:
        """The module's scope, and one per function, lambda and class body."""
        return list(self.builder.scopes.values())

    def walk(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The node and everything below it, in source order."""
        return _subexpressions(node, self.builder)

    def feeds_itself(self, layer: Layer) -> bool:
        """Whether the layer is applied to its own activation: one line of code that stands for
        a stack of layers (`A = relu(params['W' + str(l)] @ A)` in `for l in range(1, L + 1)`)."""
        for value, value_scope in self.values(layer.input, layer.scope):
            if value is layer.whole or value is layer.product:
                return True
            for application in self.applications:
                if application.node is value and self.layer_of(application.argument, application.scope) is layer:
                    return True
        return False

    def layer_of(self, expr: cst.BaseExpression, scope: Scope) -> Layer | None:
        """The layer whose pre-activation this expression is (directly or through names)."""
        for value, value_scope in self.values(expr, scope):
            for layer in self.layers:
                if layer.whole is value or layer.product is value:
                    return layer
        return None

    # -- outputs, errors, backward signals ----------------------------------------------------------
    def producer(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0, context: Instance | None = None):
        """The forward Application (or identity Layer) whose result this expression holds; None
        when it holds none, or the results of several (`caches["A" + str(l)]` is every layer's).
        `context`: the object whose method `scope` is, when known."""
        found = self._producers(expr, scope, depth, context)
        if len(found) == 1:
            return found[0]
        # The same activation reached along several paths (a training loop and a prediction
        # both ending in a sigmoid) is still one kind of output.
        if found and all(isinstance(p, Application) for p in found):
            return _one_kind(found)
        return None

    def _producers(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0, context: Instance | None = None,
                   memo: dict | None = None) -> list:
        if depth > MAX_DEPTH:
            return []
        # One answer per (expression, scope, depth, object) within one question: helpers that
        # return what other helpers return are reached along many paths, and without it each
        # path was followed again (a test module of 2.5k lines took 30 s for one rule).
        if memo is None:
            memo = {}
        state = (id(expr), id(scope), depth, id(context))
        known = memo.get(state)
        if known is not None:
            return known
        found = memo[state] = self._producers_of(expr, scope, depth, context, memo)
        return found

    def _producers_of(self, expr: cst.BaseExpression, scope: Scope, depth: int, context: Instance | None,
                      memo: dict) -> list:
        forward = self._forwards_by_node
        if context is None:
            context = self._only_context(scope)
        found: list = []

        def add(producer) -> None:
            if not any(producer is seen for seen in found):
                found.append(producer)

        for value, value_scope in self.values(expr, scope):
            value_context = context if value_scope is scope or context is None else self._only_context(value_scope) or context
            if value in forward:
                applications = [a for a in forward[value] if a.runs_for(value_context)]
                if isinstance(value, cst.Call) and len(applications) > 1:
                    # `layer.forward(out)` read after `for layer in net`: the last layer's
                    reached = {
                        id(f) for f, _ in self.objects.dispatch(
                            value.func, value_scope, value_context, self.objects.loops_left(value, expr))
                    }
                    if reached:
                        applications = [a for a in applications if id(a.function) in reached]
                for application in applications:
                    add(application)
            elif value in self._layer_by_whole:
                add(self._layer_by_whole[value])
            elif isinstance(value, cst.Call):
                target = self.resolve_callable(value.func, value_scope)
                after = self.objects.loops_left(value, expr)
                if isinstance(target, FunctionInfo) and _calls_self(value.func, value_scope):
                    reached = [(target, value_context)]
                else:
                    # each object the receiver holds runs its own method (a loop's target read
                    # after the loop holds its last element)
                    reached = self.objects.dispatch(value.func, value_scope, value_context, after)
                    if not reached and isinstance(target, FunctionInfo):
                        reached = [(target, None)]
                for function, receiver in reached:
                    for returned in function.scope.returns:
                        for inner in self._producers(returned, function.scope, depth + 1, receiver, memo):
                            add(inner)
        return found

    def _only_context(self, scope: Scope) -> Instance | None:
        """The object a method runs for, when its class is constructed exactly once."""
        contexts = self.objects.contexts(scope)
        return contexts[0] if len(contexts) == 1 else None

    @functools.cached_property
    def _forwards_by_node(self) -> dict:
        """node -> its forward applications (several when the call reaches a different
        activation for each object, `self.act(z)`)."""
        found: dict = {}
        for application in self.applications:
            if application.is_forward:
                found.setdefault(application.node, []).append(application)
        return found

    @functools.cached_property
    def _forward_by_node(self) -> dict:
        """node -> its forward application, where that is one kind of activation whatever the
        object."""
        found: dict = {}
        for node, applications in self._forwards_by_node.items():
            kinds = {(a.behaviour.kind, a.behaviour.alpha, a.behaviour.normalised_axis) for a in applications}
            if len(kinds) == 1:
                found[node] = applications[-1]
        return found

    @functools.cached_property
    def _layer_by_whole(self) -> dict:
        return {layer.whole: layer for layer in self.layers}

    @functools.cached_property
    def errors(self) -> list[ErrorTerm]:
        found = []
        for node, scope in self.builder.scope_of_node.items():
            if not (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract)):
                continue
            # A side that holds some layer's output is a prediction even when which layer's it
            # is cannot be told (a loop's last activation): the sign is known, the source is None.
            left = bool(self._producers(node.left, scope))
            right = bool(self._producers(node.right, scope))
            if left == right:
                continue
            output, labels = (node.left, node.right) if left else (node.right, node.left)
            if not self._is_external(labels, scope) or self._reads_network(labels, scope):
                continue
            sign = "prediction-target" if left else "target-prediction"
            found.append(ErrorTerm(node, labels, output, sign, self.producer(output, scope), scope))
        found.extend(self._indexed_errors())
        found.extend(self._log_loss_gradients())
        return found

    def _log_loss_gradients(self) -> list[ErrorTerm]:
        """`Y / AL - (1 - Y) / (1 - AL)` (also written with np.divide, or with an epsilon added
        to AL): the derivative of the binary log loss, up to its sign, at the output AL."""
        found = []
        for node, scope in self.builder.scope_of_node.items():
            if not (isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract)):
                continue
            left, right = _quotient(node.left), _quotient(node.right)
            if left is None or right is None:
                continue
            labels, output = left
            one_minus_labels, one_minus_output = right
            if _one_minus(one_minus_labels) != code(bare(labels)) or _one_minus(one_minus_output) != code(_without_epsilon(output)):
                continue
            output = _without_epsilon(output)
            if not self._producers(output, scope) or not self._is_external(labels, scope) or self._reads_network(labels, scope):
                continue
            found.append(ErrorTerm(
                node, labels, output, "target-prediction", self.producer(output, scope), scope, loss_gradient=True))
        return found

    def _indexed_errors(self) -> list[ErrorTerm]:
        """`d = probs.copy(); d[range(n), y] -= 1` (or `d[...] = d[...] - 1`): the output minus the
        one-hot labels, written in place. The error term is the value `d` was assigned from, the
        nearest definition before the write."""
        found = []
        for node, scope in self.builder.scope_of_node.items():
            written = _minus_one_at(node)
            if written is None:
                continue
            labels = _label_index(written)
            if labels is None or not self._is_external(labels, scope) or self._reads_network(labels, scope):
                continue
            start = self._positions[node].start
            before = [
                d for d in self.defs(self.key(written.value, scope))
                if d.scope is scope and d.value is not None and d.augmented is None
                and d.statement is not None and self._positions[d.statement].end.line <= start.line
            ]
            if not before:
                continue
            definition = max(before, key=lambda d: self._positions[d.statement].start.line)
            output = _copied(definition.value)
            producer = self.producer(output, scope)
            if producer is None or self._reads_network(labels, scope):
                continue
            found.append(ErrorTerm(
                definition.value, labels, output, "prediction-target", producer, scope, indexed=True,
                written=node))
        return found

    def _reads_network(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """`np.max(scores, axis=1)[:, None]`: a value computed from the network's own output is
        not the labels (`scores - max` shifts the scores, it compares them with nothing)."""
        return any(
            isinstance(node, (cst.Name, cst.Attribute)) and self._producers(node, scope)
            for node in self.walk(expr) if node is not expr
        )

    def _is_external(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """Data from outside the network (labels), not a number, parameter or activation."""
        if isinstance(expr, (cst.Integer, cst.Float)):
            return False
        if self.constant(expr, scope) is not None:
            return False
        key = self.key(expr, scope)
        if key is None:
            return isinstance(expr, cst.Subscript)
        # Random or zero arrays that are never updated are data (X, y), not parameters.
        return not self.is_updated(key) and not self.is_trained(expr, scope)

    @functools.cached_property
    def signal_keys(self) -> set[Key]:
        """Keys that hold a backward signal: an error, or something computed from one."""
        error_nodes = {error.node for error in self.errors}
        keys: set[Key] = set()
        changed = True
        rounds = 0
        while changed and rounds < 10:
            changed = False
            rounds += 1
            for key, defs in self.definitions.items():
                if key in keys:
                    continue
                for definition in defs:
                    if definition.augmented is not None or self.is_update(definition):
                        continue  # a parameter updated by the gradient is not itself a gradient
                    if definition.value is not None and self._carries_signal(
                        definition.value, definition.scope, error_nodes, keys
                    ):
                        keys.add(key)
                        changed = True
                        break
        return keys

    @functools.cached_property
    def _update_statements(self) -> set:
        return {update.statement for update in self.updates}

    def is_update(self, definition: Definition) -> bool:
        """The definition is a training update of what it assigns (`W = W - lr * dW`)."""
        return definition.statement in self._update_statements

    def accumulates_gradients(self, definition: Definition) -> bool:
        """The definition adds to a gradient accumulator (`nabla_w = [nw + dnw for nw, dnw in
        zip(nabla_w, delta_nabla_w)]`, `self.nabla_w[i] += gw[i]`): it builds the step a
        parameter update takes, it updates no parameter."""
        return definition.key in self.gradient_accumulators

    @functools.cached_property
    def gradient_accumulators(self) -> frozenset:
        """Keys that sum gradients and are then read by the step of another key's update: an
        array (or a list's elements) that starts at zero, is only added to, and that no layer
        applies (`nabla_w` stepped into `self.weights = [w - eta * nw for w, nw in
        zip(self.weights, nabla_w)]`). Its own "updates" are accumulations."""
        updated = {update.key for update in self.updates}
        if len(updated) < 2:
            return frozenset()
        applied = set()
        for layer in self.layers:
            for expr in (layer.weight, layer.bias):
                if expr is None:
                    continue
                applied.add(self.key(expr, layer.scope))
                applied.update(self.key(value, scope) for value, scope in self.values(expr, layer.scope))
        found = set()
        for update in self.updates:
            for node in self.walk(update.rhs):
                if not isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                    continue
                key = self.key(node, update.scope)
                read = {key}
                if key not in updated:
                    # `nw` of `for w, nw in zip(self.weights, nabla_w)`: the element it walks
                    read = {self.key(d.value, d.scope) for d in self.defs(key) if d.value is not None}
                for candidate in read:
                    if candidate in updated and candidate != update.key and candidate not in applied \
                            and self._starts_at_zero(candidate):
                        found.add(candidate)
        return frozenset(found)

    def _starts_at_zero(self, key: Key) -> bool:
        """Every value of `key` that is not an update or an addition is a zero array."""
        starts = [
            d for d in self.defs(key)
            if not (d.statement in self._update_statements or isinstance(d.augmented, cst.AddAssign))
        ]
        if not starts:
            return False
        for definition in starts:
            if definition.value is None or definition.augmented is not None:
                return False
            created = self.creation_call(definition.value)
            name = call_name(created) if created is not None else None
            if created is not definition.value or name is None or name.split(".")[-1] not in ("zeros", "zeros_like"):
                return False
        return True

    def forward_at(self, node: cst.CSTNode) -> "Application | None":
        """The forward activation applied at `node`, when it is one kind whatever the object."""
        return self._forward_by_node.get(node)

    def _carries_signal(self, expr, scope, error_nodes, keys, outside: bool = True) -> bool:
        for node in self.walk(expr):
            if node in error_nodes:
                return True
            if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                key = self.key(node, scope)
                if key in keys:
                    return True
                if key is None and outside and isinstance(node, cst.Attribute) and any(
                    value is not node and self._carries_signal(value, value_scope, error_nodes, keys, False)
                    for value, value_scope in self.values(node, scope)
                ):
                    return True  # `head.dinputs` read outside the class: what its methods assign
            elif outside and isinstance(node, cst.Call):
                # `self.cost_derivative(out, y)` returning `out - y`: a helper computing the error
                target = self.resolve_callable(node.func, scope)
                if isinstance(target, FunctionInfo) and self._returns_error(target, error_nodes):
                    return True
        return False

    def _returns_error(self, function: FunctionInfo, error_nodes) -> bool:
        """The function returns an error term: `return out - y`, or `e = out - y; return e`
        (only the error itself, not values computed from others' signals)."""
        for returned in function.scope.returns:
            for node in self.walk(returned):
                if node in error_nodes:
                    return True
                if isinstance(node, cst.Name):
                    for definition in self.defs(self.key(node, function.scope)):
                        if definition.scope is function.scope and definition.value is not None and any(
                            sub in error_nodes for sub in self.walk(definition.value)
                        ):
                            return True
        return False

    def is_signal(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        errors = self._error_nodes
        if self._carries_signal(expr, scope, errors, self.signal_keys):
            return True
        # `grads["b2"]` of the dict a function returned (`loss, grads = f(X, y)`), `layer.dbiases`
        # read outside its class: what they hold where they were assigned
        if not isinstance(expr, (cst.Subscript, cst.Attribute)):
            return False
        key = self.key(expr, scope)
        if key is None and not isinstance(expr, cst.Attribute):
            return False
        if key is not None and (key[0] != "item" or any(d.value is not None for d in self.defs(key))):
            return False
        return any(
            value is not expr and self._carries_signal(value, value_scope, errors, self.signal_keys)
            for value, value_scope in self.values(expr, scope)
        )

    @functools.cached_property
    def _error_nodes(self) -> set:
        return {e.node for e in self.errors}

    @functools.cached_property
    def derivative_uses(self) -> list[DerivativeUse]:
        found = []
        seen: set = set()
        for node, scope in list(self.builder.scope_of_node.items()):
            if not _is_product_chain(node):
                continue
            if _is_product_chain(self.parent(node)):
                continue  # handle a chain of products once, from its top
            factors = _product_factors(node)
            signals = [f for f, inverted in factors if not inverted and self.is_signal(f, scope)]
            if not signals:
                continue
            # 1/n, lr, 2: scale factors do not change which function the derivative is
            rest = [
                (f, inverted) for f, inverted in factors
                if not any(f is s for s in signals) and not self.is_scale(f, scope)
            ]
            if not rest:
                continue
            if len(rest) == 1 and not rest[0][1]:
                uses = [self._derivative_use(rest[0][0], scope)]
                if uses[0] is None:
                    uses = self._dispatched_derivative_uses(rest[0][0], scope)
            else:
                use = self._derivative_of_factors(node, rest, scope)
                # When the other factors cannot be read as one function, only an explicit
                # derivative call is safe to take alone: a bare `(1 - a)` next to an unknown
                # factor is not a derivative of anything.
                uses = [use] if use is not None else [
                    self._derivative_use(f, scope) for f, inverted in rest
                    if not inverted and isinstance(f, cst.Call)
                    and isinstance(self.resolve_callable(f.func, scope), FunctionInfo)
                ]
                if use is None:
                    for f, inverted in rest:
                        if not inverted:
                            uses.extend(self._dispatched_derivative_uses(f, scope))
            for use in uses:
                if use is not None and (use.node, use.forward) not in seen:
                    seen.add((use.node, use.forward))
                    found.append(use)
        return found

    def _dispatched_derivative_uses(self, factor, scope: Scope) -> list[DerivativeUse]:
        """`self.act.gradient(z)` on an activation object: one use per method it reaches,
        paired with the forward activation of the same objects."""
        if not isinstance(factor, cst.Call) or self.resolve_callable(factor.func, scope) is not None:
            return []
        found = []
        for function, contexts in self.dispatch_in_contexts(factor.func, scope).items():
            if not function.closed or function.compiled is None:
                continue
            mode = self.call_mode(factor, function, scope)
            argument = self.call_argument(factor, function)
            if mode is None or argument is None:
                continue
            callable_ = self.function_callable(function, mode)
            name = function.name if function.node.name.value == "__call__" else f"{function.cls.name}.{function.node.name.value}" if function.cls else function.name
            use = self._pair(factor, argument, name, callable_, function, mode, scope, contexts)
            if use is not None:
                found.append(use)
        return found

    def is_scale(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """Whether `expr` is a scalar factor: a number, a constant, a learning rate."""
        if isinstance(expr, (cst.Integer, cst.Float)):
            return True
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, (cst.Minus, cst.Plus)):
            return self.is_scale(expr.expression, scope)  # `-lr`, `-Config.epsilon`
        if self.constant(expr, scope) is not None:
            return True
        if isinstance(expr, (cst.Name, cst.Attribute)) or (
            isinstance(expr, cst.Call) and code(expr.func) in ("len", "float", "int")
        ) or (isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Attribute) and expr.value.attr.value == "shape"):
            return not self.is_array(expr, scope) and not any(
                value is not expr and (self.producer(value, s) is not None or self.is_array(value, s))
                for value, s in self.values(expr, scope)
            )
        return False

    def _derivative_use(self, factor, scope: Scope) -> DerivativeUse | None:
        if isinstance(factor, cst.Call):
            target = self.resolve_callable(factor.func, scope)
            if isinstance(target, FunctionInfo):
                if not target.closed or target.compiled is None:
                    return None
                mode = self.call_mode(factor, target, scope)
                argument = self.call_argument(factor, target)
                if mode is None or argument is None:
                    return None
                callable_ = self.function_callable(target, mode)
                return self._pair(factor, argument, target.name, callable_, target, mode, scope)
        if isinstance(factor, (cst.Name, cst.Attribute, cst.Subscript)):
            # a derivative computed earlier into a name: d = a * (1 - a); delta = err * d
            key = self.key(factor, scope)
            defs = [d for d in self.defs(key) if d.value is not None and d.augmented is None]
            forward_nodes = {a.node for a in self.applications if a.is_forward}
            if len(defs) == 1 and defs[0].value not in forward_nodes and not self.is_signal(defs[0].value, defs[0].scope):
                inner = self._derivative_use(defs[0].value, defs[0].scope)
                if inner is not None:
                    return inner
            return None
        abstraction = self.abstract(factor, scope)
        if abstraction is None:
            return None
        callable_, argument = abstraction
        return self._pair(factor, argument, code(factor), callable_, None, (), scope)

    def _merged(self, expr: cst.BaseExpression, scope: Scope) -> bool:
        """Whether `expr` reads a key that stands for several layers' values (a list element,
        an item named per layer), directly or through the names it was assigned from."""
        for node in self.walk(expr):
            key = self.key(node, scope) if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)) else None
            if key is None:
                continue
            if _is_merged_key(key):
                return True
            for definition in self.defs(key):
                if definition.value is not None and any(
                    _is_merged_key(self.key(n, definition.scope))
                    for n in self.walk(definition.value) if isinstance(n, cst.Subscript)
                ):
                    return True
        return False

    def _derivative_of_factors(self, node, factors, scope) -> DerivativeUse | None:
        """`err * a * (1 - a)`: the factors other than the signal, read as one expression."""
        body = " * ".join(f"(1 / ({code(f)}))" if inverted else f"({code(f)})" for f, inverted in factors)
        try:
            expr = cst.parse_expression(body)
        except cst.ParserSyntaxError:
            return None
        abstraction = self.abstract(expr, scope)
        if abstraction is None:
            return None
        callable_, argument_copy = abstraction
        wanted = code(bare(argument_copy))
        argument = next((f for f in self.walk(node) if code(bare(f)) == wanted), None)
        if argument is None:
            return None
        first = factors[0][0]
        return self._pair(first, argument, code(bare(cst.parse_expression(body))), callable_, None, (), scope)

    def _stored_directly(self, argument, scope: Scope, forwards: list) -> tuple:
        """`self.inp = inp; return np.tanh(inp)` then `(1 - self.inp ** 2)`: the attribute holds
        exactly the activation's argument (or exactly its result), whatever else flows through
        the loop of layers that feeds it. ("input"|"output", application) or (None, None)."""
        key = self.key(argument, scope)
        defs = [d for d in self.defs(key) if d.augmented is None]
        if key is None or key[0] != "attr" or len(defs) != 1 or defs[0].value is None:
            return None, None
        stored, stored_scope = defs[0].value, defs[0].scope
        stored_key = self.key(stored, stored_scope)
        found = []
        for application in forwards:
            if application.scope is not stored_scope:
                continue
            if application.node is stored:
                found.append(("output", application))
            elif stored_key is not None and self.key(application.argument, application.scope) == stored_key:
                found.append(("input", application))
        return found[0] if len(found) == 1 else (None, None)

    def _pair(self, node, argument, name, callable_, function, mode, scope, contexts=None) -> DerivativeUse | None:
        """Find the forward activation this derivative belongs to, by its argument: the stored
        output of an activation (post-activation) or the value an activation was applied to;
        `contexts`: the objects the derivative is computed for, when only some."""
        if callable_ is None:
            return None
        forwards = [
            a for a in self.applications
            if a.is_forward and (contexts is None or a.contexts is None or a.contexts & contexts)
        ]
        # A derivative reached through some objects pairs first with the activations of exactly
        # those objects (a closed helper's own `self(x)` runs for every object).
        matched = [a for a in forwards if contexts and a.contexts and a.contexts & contexts]
        if matched:
            use = self._pair_among(node, argument, name, callable_, function, mode, scope, matched)
            if use is not None:
                return use
        return self._pair_among(node, argument, name, callable_, function, mode, scope, forwards)

    def _outputs_or_data(self, others: set, argument, scope: Scope) -> bool:
        """`activations[-l]` of `activations = [x]` extended with each layer's output: besides
        the outputs, the list holds only the network's input data (a name read from outside, no
        layer's value), which is no pre-activation either."""
        by_node = {id(v): (v, s) for v, s in self.values(argument, scope)}
        for value in others:
            value, value_scope = by_node[id(value)]
            if not isinstance(value, (cst.Name, cst.Attribute, cst.Subscript)):
                return False
            if not self._is_external(value, value_scope) or self._producers(value, value_scope):
                return False
        return True

    def _pair_among(self, node, argument, name, callable_, function, mode, scope, forwards) -> DerivativeUse | None:
        held = {value for value, _ in self.values(argument, scope) if value is not argument}
        at, forward = self._stored_directly(argument, scope, forwards)
        outputs = [a for a in forwards if a.node in held] if forward is None else []
        if outputs and self._merged(argument, scope) and len(outputs) < len(held) and not self._outputs_or_data(
            held - {a.node for a in outputs}, argument, scope
        ):
            # an element of a list of layer outputs that also holds other values (an activation
            # not recognised, a pre-activation): which layer it is cannot be told
            return None
        if outputs:
            at, forward = "output", _one_kind(outputs) or _the_one_it_derives(outputs, callable_)
        elif forward is None:
            text = code(argument)
            inputs = [
                a for a in forwards
                if held & {v for v, _ in self.values(a.argument, a.scope)} or (not held and code(a.argument) == text)
            ]
            if inputs and self._merged(argument, scope):
                applied = set()
                for application in inputs:
                    applied |= {v for v, _ in self.values(application.argument, application.scope)}
                if not held <= applied:
                    inputs = []
            if inputs:
                at, forward = "input", _one_kind(inputs) or _the_one_it_derives(inputs, callable_)
        # A list element or a per-layer item can hold several layers' values: a derivative is
        # paired with a forward activation only when they are all the same function.
        if forward is None:
            return None
        if function is not None and forward.function is function and forward.mode == mode:
            pass  # the activation itself used as the derivative: forms will say it matches neither
        forms = derivative_forms(forward.callable, callable_)
        return DerivativeUse(node, argument, name, callable_, forward, at, forms, function, mode, scope)


# scikit-learn's sample generators: the default number of features, and the position of
# `n_features` among the positional arguments (None: it has no such argument)
_DATASET_GENERATORS = {
    "make_moons": (2, None),
    "make_circles": (2, None),
    "make_blobs": (2, 1),
    "make_classification": (20, 1),
}


def _generates_dataset(call: cst.Call, index: int) -> bool:
    name = (call_name(call) or "").split(".")[-1]
    if name not in _DATASET_GENERATORS or index > 1 or any(arg.star for arg in call.args):
        return False
    args = positional_args(call)
    samples = keyword_arg(call, "n_samples") or (args[0] if args else None)
    # samples per cluster (`n_samples=[50, 50]`): the count is their sum, not read here
    return not isinstance(samples, (cst.Tuple, cst.List))


def _is_merged_key(key: Key | None) -> bool:
    while key is not None and key[0] == "item":
        if is_merged_item(key):
            return True
        key = key[1]
    return False


def _nodes_by_type(model: NetworkModel) -> dict[type, list[tuple[int, cst.CSTNode, Scope]]]:
    by_type: dict[type, list] = {}
    for order, (node, scope) in enumerate(model.builder.scope_of_node.items()):
        by_type.setdefault(type(node), []).append((order, node, scope))
    return by_type


def _matrix_products(model: NetworkModel) -> list[tuple[cst.BaseExpression, Scope, tuple]]:
    found = []
    for node, scope in model.nodes(cst.BinaryOperation, cst.Call):
        factors = matrix_product(node)
        if factors is not None:
            found.append((node, scope, factors))
    return found


def _branches(value: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The values a conditional expression can take (`a if c else b` → a, b), else the value."""
    if isinstance(value, cst.IfExp):
        return _branches(value.body) + _branches(value.orelse)
    return [value]


def _one_kind(applications: list[Application]) -> Application | None:
    """The last of these applications when they all apply the same function, else None."""
    kinds = {(a.behaviour.kind, a.behaviour.alpha, a.behaviour.normalised_axis) for a in applications}
    return applications[-1] if len(kinds) == 1 else None


def _the_one_it_derives(applications: list[Application], derivative) -> Application | None:
    """Among activations of several kinds applied to the same value (one helper's `Z`, passed
    through `sigmoid(Z)` or `relu(Z)` by a flag), the one kind whose derivative this is, in
    either form; None when it is no kind's or several kinds'."""
    matching = []
    for application in applications:
        forms = derivative_forms(application.callable, derivative)
        if forms is not None and forms.matches:
            matching.append(application)
    return _one_kind(matching) if matching else None


def _calls_self(func: cst.BaseExpression, scope: Scope) -> bool:
    """`self.method(...)`: a method of the caller's own object, named as the user calls it."""
    return (
        isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
        and scope.self_name is not None and func.value.value == scope.self_name
        and scope.cls is not None and ("attr", scope.cls, func.attr.value) is not None
        and func.attr.value in scope.cls.methods
    )


def _is_method_decorator(decorator: cst.Decorator) -> bool:
    return isinstance(decorator.decorator, cst.Name) and decorator.decorator.value in ("staticmethod", "classmethod")


def brief(node: cst.CSTNode, limit: int = 40) -> str:
    """The node's source, shortened for a one-line message."""
    text = code(node)
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def bare(node: cst.BaseExpression) -> cst.BaseExpression:
    """The node without its own parentheses: `(a)` and `a` are the same value."""
    if getattr(node, "lpar", None):
        try:
            return node.with_changes(lpar=[], rpar=[])
        except cst.CSTValidationError:
            return node  # `()` and a generator expression cannot lose their parentheses
    return node


class _Substitute(cst.CSTTransformer):
    """Replace a loop's variables by the values of one iteration (`k` by `"W1"`)."""

    def __init__(self, binding: dict[str, cst.BaseExpression]) -> None:
        self.binding = binding

    def leave_Name(self, original, updated):
        return self.binding.get(original.value, updated)

    def leave_Attribute(self, original, updated):
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original, updated):
        return updated.with_changes(keyword=original.keyword)


class _Expand(cst.CSTTransformer):
    """Replace names by (a parenthesised copy of) the expression they were assigned."""

    def __init__(self, expansions: dict[str, cst.BaseExpression]) -> None:
        self.expansions = expansions

    def leave_Name(self, original, updated):
        value = self.expansions.get(original.value)
        if value is None:
            return updated
        return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    def leave_Attribute(self, original, updated):
        value = self.expansions.get(code(original))
        if value is not None and "." in code(original):
            return value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        # `np.exp`: the attribute's own name is never a variable
        return updated.with_changes(attr=original.attr)

    def leave_Arg(self, original, updated):
        # `axis=1`: nor is a keyword
        return updated.with_changes(keyword=original.keyword)


class _Replace(cst.CSTTransformer):
    """Replace every occurrence of one sub-expression (parenthesised or not) by a variable."""

    def __init__(self, target: cst.BaseExpression) -> None:
        self.target = bare(target)

    def on_leave(self, original, updated):
        if isinstance(original, cst.BaseExpression) and bare(original).deep_equals(self.target):
            return cst.Name("_nncheck_v", lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return updated


def _subexpressions(expr: cst.CSTNode, builder: ScopeBuilder | None = None) -> Iterator[cst.CSTNode]:
    """Walk a subtree. Nodes of the parsed file use the child links recorded while building;
    libcst's own (slow) `children` serves only nodes built on the fly."""
    stack = [expr]
    while stack:
        node = stack.pop()
        yield node
        if builder is not None and (node in builder.children or node in builder.parents):
            stack.extend(reversed(builder.children.get(node, ())))
        else:
            stack.extend(reversed(node.children))


def _is_candidate_argument(node: cst.CSTNode) -> bool:
    if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
        if isinstance(node, cst.Name) and node.value in ("np", "numpy", "math", "True", "False", "None"):
            return False
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and node.value.value in ("np", "numpy", "math"):
            return False
        return True
    if matrix_product(node) is not None:
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return matrix_product(node.left) is not None or matrix_product(node.right) is not None
    if isinstance(node, cst.Call) and not isinstance(node.func, cst.Attribute):
        return False
    return False


def _looks_like_activation(expr: cst.BaseExpression, walk) -> bool:
    """Cheap filter before any compiling: an expression that calls np.*/math.* functions or
    compares or divides, and is not a bare name."""
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Integer, cst.Float, cst.SimpleString)):
        return False
    for node in walk(expr):
        if isinstance(node, cst.Call) and numpy_attribute(node.func) is not None:
            return True
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) and node.func.value.value == "math":
            return True
        if isinstance(node, (cst.Comparison, cst.IfExp)):
            return True
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            return True
    return False


def _minus_one_at(node: cst.CSTNode) -> cst.Subscript | None:
    """The subscript `d[i]` of `d[i] -= 1` or `d[i] = d[i] - 1`."""
    if isinstance(node, cst.AugAssign) and isinstance(node.operator, cst.SubtractAssign):
        target, value = node.target, node.value
    elif (
        isinstance(node, cst.Assign) and len(node.targets) == 1
        and isinstance(node.value, cst.BinaryOperation) and isinstance(node.value.operator, cst.Subtract)
        and code(node.value.left) == code(node.targets[0].target)
    ):
        target, value = node.targets[0].target, node.value.right
    else:
        return None
    if not isinstance(target, cst.Subscript) or code(bare(value)) not in ("1", "1.0", "1."):
        return None
    return target


def _label_index(target: cst.Subscript) -> cst.BaseExpression | None:
    """`y` in `d[range(n), y]` / `d[np.arange(len(y)), y]`: one row per sample, the labels'
    column in each."""
    if len(target.slice) != 2 or not all(isinstance(e.slice, cst.Index) for e in target.slice):
        return None
    rows, labels = (e.slice.value for e in target.slice)
    if not isinstance(rows, cst.Call) or code(rows.func) not in ("range",) and numpy_attribute(rows.func) != "arange":
        return None
    return labels


def _relu(x):
    return np.maximum(x, 0)


_RELU_BEHAVIOUR = classify(_relu)


def _quotient(expr: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """(a, b) for `a / b` or `np.divide(a, b)`."""
    expr = bare(expr)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
        return bare(expr.left), bare(expr.right)
    if isinstance(expr, cst.Call) and numpy_attribute(expr.func) == "divide":
        args = positional_args(expr)
        if len(args) == 2 and len(expr.args) == 2:
            return bare(args[0]), bare(args[1])
    return None


def _one_minus(expr: cst.BaseExpression) -> str | None:
    """'x' for `1 - x` (and `1 - x + eps`, `1 - x - eps`)."""
    expr = bare(expr)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Subtract)) and not (
        isinstance(expr.left, cst.Integer) or code(expr.left) in ("1", "1.0", "1.")
    ):
        expr = bare(expr.left)  # `1 - x + eps`: the epsilon is a guard, not part of the value
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Subtract) and code(bare(expr.left)) in ("1", "1.0", "1."):
        return code(bare(expr.right))
    return None


def _without_epsilon(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`p` for `p + eps` (an addend that is a name or number, kept away from zero)."""
    expr = bare(expr)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add) and isinstance(
        bare(expr.right), (cst.Name, cst.Float, cst.Integer)
    ):
        return bare(expr.left)
    return expr


def _copied(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`p` for `p.copy()`, `np.copy(p)`, `np.array(p, copy=True)`, `p`."""
    expr = bare(expr)
    if isinstance(expr, cst.Call):
        if isinstance(expr.func, cst.Attribute) and numpy_attribute(expr.func) is None and expr.func.attr.value == "copy" and not expr.args:
            return bare(expr.func.value)
        if numpy_attribute(expr.func) in ("copy", "array") and positional_args(expr):
            return bare(positional_args(expr)[0])
    return expr


def _is_product_chain(node) -> bool:
    return isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Multiply, cst.Divide))


def _product_factors(node: cst.BaseExpression, inverted: bool = False) -> list[tuple[cst.BaseExpression, bool]]:
    """The factors of a chain of * and /, each with whether it divides: a * b / c → a, b, 1/c."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        return _product_factors(node.left, inverted) + _product_factors(node.right, inverted)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
        return _product_factors(node.left, inverted) + _product_factors(node.right, not inverted)
    return [(node, inverted)]


def _stepped_container(expr) -> cst.BaseExpression | None:
    """`params` for `[p - lr * g for p, g in zip(params, grads)]` (or `p + ...`, `for p in params`):
    a list comprehension that steps each element of a container in place of it, so its i-th
    element is the container's i-th element, updated."""
    if not isinstance(expr, cst.ListComp):
        return None
    loop = expr.for_in
    if loop.inner_for_in is not None or loop.ifs or loop.asynchronous is not None:
        return None
    element = expr.elt
    if not (isinstance(element, cst.BinaryOperation) and isinstance(element.operator, (cst.Add, cst.Subtract))
            and isinstance(element.left, cst.Name)):
        return None
    stepped = element.left.value
    if isinstance(loop.target, cst.Name):
        return loop.iter if loop.target.value == stepped else None
    iterable = loop.iter
    if not (isinstance(loop.target, cst.Tuple) and isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name) and iterable.func.value == "zip"):
        return None
    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in loop.target.elements]
    containers = [arg.value for arg in iterable.args if not arg.star and arg.keyword is None]
    if len(names) != len(containers) or names.count(stepped) != 1:
        return None
    return containers[names.index(stepped)]
