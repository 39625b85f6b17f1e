"""The backward pass, paired with the forward pass: which activation each layer applies, which
updates train its weights and bias, which delta its weight gradient uses, and how a backward
signal is built (through names, in-place writes, helper functions and call sites).

Everything here is read from a NetworkModel and cached per model (`backward_of(model)`); the
model itself is not changed. Names never count: a layer's activation is the forward Application
applied to its pre-activation, its delta is the factor beside its (transposed) input in the
product that updates its weights.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from nncheck.model.behaviour import derivative_forms
from nncheck.model.functions import FunctionInfo
from nncheck.model.network import Application, ErrorTerm, Layer, NetworkModel
from nncheck.model.values import (
    ELEMENT,
    Key,
    Scope,
    Update,
    code,
    element_of,
    keyword_arg,
    matrix_product,
    numpy_attribute,
    positional_args,
    transposed_base,
)

MAX_DEPTH = 12

# Calls that pass their (first) array argument through unchanged in sign and role.
_PASS_FUNCTIONS = {
    "array", "asarray", "copy", "transpose", "reshape", "squeeze", "expand_dims", "atleast_2d",
    "atleast_1d", "ravel", "sum", "mean", "clip", "nan_to_num",
}
_PASS_METHODS = {"copy", "reshape", "transpose", "squeeze", "ravel", "flatten", "astype", "sum", "mean"}
_SHAPE_METHODS = {"copy", "reshape", "transpose", "squeeze", "ravel", "flatten", "astype"}
REDUCTIONS = {"sum", "mean"}
RELU_FAMILY = {"relu", "leaky_relu"}
NONLINEAR = {"sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "softmax"}


@dataclass(eq=False)
class WeightGradient:
    """`X.T @ delta` in a weight update: the product, the layer input's factor, the delta."""

    update: Update
    product: cst.BaseExpression
    input_factor: cst.BaseExpression
    delta: cst.BaseExpression
    scope: Scope  # where `product` (and so `delta`) is evaluated


@dataclass(eq=False)
class LayerBackward:
    """One layer's forward/backward pairing."""

    layer: Layer
    activation: Application | None  # the activation applied to the layer's pre-activation
    weight_updates: list[Update]
    bias_updates: list[Update]
    gradients: list[WeightGradient]


@dataclass(frozen=True)
class Pure:
    """A delta built only from errors, propagated through weights and scaled: no other factor."""

    errors: frozenset  # ErrorTerm nodes reached before any weight product
    weights: tuple  # the (transposed) weight expressions it was propagated through


def backward_of(model: NetworkModel) -> "Backward":
    return model.facts(Backward)


class Backward:
    def __init__(self, model: NetworkModel) -> None:
        self.model = model
        self._errors = {error.node: error for error in model.errors}
        self._error_writes = {error.written for error in model.errors if error.written is not None}
        self.forwards = [a for a in model.applications if a.is_forward]

    # -- derivative calls ---------------------------------------------------------------------------
    def candidate_derivative_calls(self) -> Iterator[tuple[cst.Call, Scope, FunctionInfo, tuple]]:
        """Calls of closed user functions, in a known mode, that are not forward activations."""
        forward_nodes = {id(a.node) for a in self.forwards}
        for call, scope, function, mode in self.model.calls_to_functions:
            if mode is not None and id(call) not in forward_nodes:
                yield call, scope, function, mode

    def forward_of(self, function: FunctionInfo, mode: tuple, derivative) -> Application | None:
        """The forward activation this call computes the derivative of: the same function with
        its flags at their defaults (`nonlin(a, deriv=True)`), or else the activation whose slope
        it matches numerically. None for the activation itself applied to a signal."""
        forward_mode = function.forward_mode(mode)
        if forward_mode != mode:
            for application in self.forwards:
                if application.function is function and application.mode == forward_mode:
                    return application
            return None
        for application in self.forwards:
            if application.function is function:
                return None
            forms = derivative_forms(application.callable, derivative)
            if forms is not None and forms.matches:
                return application
        return None

    # -- statements, reads and in-place writes ----------------------------------------------------
    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The small statement (Assign, AugAssign, Expr, Return...) that contains `node`."""
        return self.model.statement_of(node)

    def _index(self):
        if hasattr(self, "_reads"):
            return
        model = self.model
        reads: dict[Key, list[cst.CSTNode]] = {}
        writes: dict[Key, list[cst.CSTNode]] = {}
        stores: set = set()

        def mark_store(target):
            if isinstance(target, (cst.Tuple, cst.List)):
                for element in target.elements:
                    mark_store(element.value)
            elif isinstance(target, cst.StarredElement):
                mark_store(target.value)
            else:
                stores.add(target)

        for node in model.builder.scope_of_node:
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    mark_store(target.target)
            elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
                stores.add(node.target)
            elif isinstance(node, cst.For):
                mark_store(node.target)
        for node, scope in model.builder.scope_of_node.items():
            if isinstance(node, (cst.Assign, cst.AugAssign)):
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    # x[mask] = v, x[i] += v, x *= v: the array in `x` is written in place
                    if isinstance(target, cst.Subscript):
                        key = model.key(target.value, scope)
                        if key is not None:
                            writes.setdefault(key, []).append(node)
                    elif isinstance(node, cst.AugAssign):
                        key = model.key(target, scope)
                        if key is not None:
                            writes.setdefault(key, []).append(node)
                continue
            if isinstance(node, cst.Expr) and isinstance(node.value, cst.Call):
                # np.multiply(d, mask, out=d), d.fill(0), np.copyto(d, ...): may write in place
                call = node.value
                receivers = [arg.value for arg in call.args]
                if isinstance(call.func, cst.Attribute):
                    receivers.append(call.func.value)
                for receiver in receivers:
                    key = model.key(receiver, scope)
                    if key is not None:
                        writes.setdefault(key, []).append(node)
                continue
            if node in stores or not isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                continue
            parent = model.parent(node)
            if isinstance(node, cst.Name):
                if isinstance(parent, cst.Attribute) and parent.attr is node:
                    continue
                if isinstance(parent, (cst.Param, cst.FunctionDef, cst.ClassDef, cst.Arg)) and getattr(parent, "keyword", None) is node:
                    continue
            key = model.key(node, scope)
            if key is not None:
                reads.setdefault(key, []).append(node)
        self._reads, self._writes = reads, writes

    def reads(self, key: Key) -> list[cst.CSTNode]:
        """Every place the value stored under `key` is read (generously: never too few)."""
        self._index()
        return self._reads.get(key, [])

    def writes(self, key: Key) -> list[cst.CSTNode]:
        """Statements that change the array under `key` in place: `x[m] = v`, `x *= v`."""
        self._index()
        return self._writes.get(key, [])

    def read_after(self, key: Key, node: cst.CSTNode, scope: Scope) -> cst.CSTNode | None:
        """A read of `key` that can see what `node` did to its array: later in the same function
        (or module body), or — for attributes, items and globals — in a function that does not
        assign the key itself (a cache read by another method)."""
        model = self.model
        start = model._positions[node].end
        inside = set(map(id, model.walk(node)))
        assigning = {d.scope for d in model.defs(key) if not d.from_call}
        for read in self.reads(key):
            if id(read) in inside:
                continue
            read_scope = model.scope_of(read)
            position = model._positions[read].start
            if read_scope is scope:
                if (position.line, position.column) > (start.line, start.column):
                    return read
            elif key[0] in ("attr", "item", "global") and read_scope not in assigning:
                return read
        return None

    # -- the forward/backward pairing -------------------------------------------------------------
    def object_backwards(self, application: Application) -> list[Scope]:
        """An activation object's own backward methods (`ReLU.backward(self, dvalues)` beside the
        `forward` that applies np.maximum): the other methods of its class that take a backward
        signal as a parameter. Empty for an activation applied outside a class."""
        cls = application.scope.cls
        if cls is None:
            return []
        model = self.model
        found = []
        for function in model.functions.values():
            scope = function.scope
            if scope is application.scope or scope.cls is not cls:
                continue
            if any(("local", scope, param) in model.signal_keys for param in scope.params):
                found.append(scope)
        return found

    def activation_of(self, layer: Layer) -> Application | None:
        """The forward activation applied to the layer's pre-activation (one kind only)."""
        found = []
        for application in self.model.applications:
            if not application.is_forward:
                continue
            held = {id(v) for v, _ in self.model.values(application.argument, application.scope)}
            if id(layer.whole) in held or id(layer.product) in held:
                found.append(application)
        kinds = {a.behaviour.kind for a in found}
        if len(kinds) != 1:
            return None
        with_target = [a for a in found if a.target is not None]
        return (with_target or found)[0]

    def same_storage(self, key: Key | None, expr: cst.BaseExpression, scope: Scope) -> bool:
        """`expr` holds the array stored under `key` (same key, or the same created array)."""
        if key is None:
            return False
        if self.model.key(expr, scope) == key:
            return True
        mine = self.model.origins(expr, scope)
        if not mine:
            return False
        for definition in self.model.defs(key):
            if definition.value is not None and self.model.origins(definition.value, definition.scope) & mine:
                return True
        return False

    def updates_of(self, expr: cst.BaseExpression | None, key: Key | None, scope: Scope) -> list[Update]:
        if expr is None:
            return []
        model = self.model
        origins = model.origins(expr, scope)
        found = []
        for update in model.updates:
            if key is not None and update.key == key:
                found.append(update)
            elif origins and model.origins(update.target, update.scope) & origins:
                found.append(update)
        return found

    @property
    def pairs(self) -> list[LayerBackward]:
        if not hasattr(self, "_pairs"):
            self._pairs = [self._pair(layer) for layer in self.model.layers if not layer.bias_inside]
        return self._pairs

    def _pair(self, layer: Layer) -> LayerBackward:
        weight_updates = self.updates_of(layer.weight, layer.weight_key, layer.scope)
        bias_updates = self.updates_of(layer.bias, layer.bias_key, layer.scope) if layer.bias is not None else []
        gradients = []
        for update in weight_updates:
            gradient = self.weight_gradient(layer, update)
            if gradient is not None:
                gradients.append(gradient)
        return LayerBackward(layer, self.activation_of(layer), weight_updates, bias_updates, gradients)

    def pair_of_weight(self, weight: cst.BaseExpression, scope: Scope) -> LayerBackward | None:
        """The layer whose weight `weight` (possibly transposed) is."""
        base = transposed_base(weight)
        for pair in self.pairs:
            if self.same_storage(pair.layer.weight_key, base, scope):
                return pair
        return None

    def weight_gradient(self, layer: Layer, update: Update) -> WeightGradient | None:
        model = self.model
        input_key = model.key(layer.input, layer.scope)
        input_values = {id(v) for v, _ in model.values(layer.input, layer.scope)}
        for node, scope, (first, second) in self._products_in(update):
            mine, other = (first, second) if layer.layout == "rows" else (second, first)
            unscaled = model.unscaled(mine)
            base = transposed_base(unscaled)
            if base is unscaled:
                continue  # the input's factor is transposed in a weight gradient
            matches = (input_key is not None and model.key(base, scope) == input_key) or any(
                id(v) in input_values for v, _ in model.values(base, scope)
            ) or code(base) == code(layer.input)
            if matches:
                return WeightGradient(update, node, mine, self.strip_scale(other, scope), scope)
        return None

    def _products_in(self, update: Update) -> list:
        """The matrix products in an update's right-hand side and in the values it reads, with
        their factors: the same for every layer that asks, so found once per update."""
        cache = self.__dict__.setdefault("_products_by_update", {})
        found = cache.get(id(update))
        if found is None:
            found = []
            for node, scope in self.expression_nodes(update.rhs, update.scope, 0, set()):
                factors = matrix_product(node)
                if factors is not None:
                    found.append((node, scope, factors))
            cache[id(update)] = (update, found)  # the update is kept so its id stays its own
            return found
        return found[1]

    def strip_scale(self, expr, scope):
        """`delta` for `lr * delta`, `delta / m`: the array a scale factor multiplies (a factor
        that holds a backward signal is never a scale, even when it is a number)."""
        model = self.model
        while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Multiply, cst.Divide)):
            if model.is_scale(expr.right, scope) and not model.is_signal(expr.right, scope):
                expr = expr.left
            elif (
                isinstance(expr.operator, cst.Multiply)
                and model.is_scale(expr.left, scope) and not model.is_signal(expr.left, scope)
            ):
                expr = expr.right
            else:
                break
        return expr

    def expression_nodes(self, expr, scope, depth, seen) -> Iterator[tuple[cst.CSTNode, Scope]]:
        """The sub-expressions of `expr`, and through names (never through parameters that are
        updated) those of the values they were assigned."""
        if depth > 3:
            return
        for node in self.model.walk(expr):
            yield node, scope
            if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                key = self.model.key(node, scope)
                if key is None and isinstance(node, cst.Attribute) and ("object", node) not in seen:
                    # `layer.dweights` read outside the class: what the class's methods assign
                    seen.add(("object", node))
                    for value, value_scope in self.model.values(node, scope):
                        if value is not node:
                            yield from self.expression_nodes(value, value_scope, depth + 1, seen)
                    continue
                if key is None or key in seen or (self.model.is_updated(key) and not self.model.steps_a_parameter(key)):
                    continue
                seen.add(key)
                built = [d for d in self.model.defs(key) if d.value is not None and d.augmented is None]
                for definition in built:
                    yield from self.expression_nodes(definition.value, definition.scope, depth + 1, seen)
                if not built and key[0] == "item":
                    # `grads["W1"]` of a dict a function returned: the values its items hold
                    for value, value_scope in self.model.values(node, scope):
                        if value is not node:
                            yield from self.expression_nodes(value, value_scope, depth + 1, seen)

    # -- how a delta is built ---------------------------------------------------------------------
    def definitions(self, key: Key) -> list:
        """A key's definitions that build its value (not the parameter updates)."""
        return [
            d for d in self.model.defs(key)
            if d.value is not None and (not self.model.is_update(d) or self.model.accumulates_gradients(d))
        ]

    def pure(self, expr, scope, depth: int = 0, seen: frozenset = frozenset()) -> Pure | None:
        """The delta is only errors, propagated through weight matrices and scaled by numbers —
        no factor that depends on a layer's activation. None when anything else is in it."""
        model = self.model
        if depth > MAX_DEPTH:
            return None
        if expr in self._errors:
            return Pure(frozenset({self._errors[expr]}), ())
        if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)):
            key = model.key(expr, scope)
            if key is not None:
                if key in seen or key not in model.signal_keys or any(
                    w not in self._error_writes and not self._rescales(w) for w in self.writes(key)
                ):
                    return None
                defs = self.definitions(key)
                if not defs:
                    return None
                results = []
                for definition in defs:
                    if definition.augmented is not None:
                        if self._rescales(definition.statement):
                            continue  # `d /= n`
                        return None
                    inner = self.pure(definition.value, definition.scope, depth + 1, seen | {key})
                    if inner is None:
                        return None
                    results.append(inner)
                return _merge(results) if results else None
            if isinstance(expr, cst.Attribute) and expr.attr.value == "T":
                return self.pure(expr.value, scope, depth + 1, seen)
            return None
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, (cst.Minus, cst.Plus)):
            return self.pure(expr.expression, scope, depth + 1, seen)
        product = matrix_product(expr)
        if product is not None:
            for signal, weight in (product, product[::-1]):
                base = transposed_base(weight)
                if base is not weight and model.is_trained(base, scope) and model.is_signal(signal, scope):
                    return Pure(frozenset(), (weight,))
            return None
        if isinstance(expr, cst.BinaryOperation):
            if isinstance(expr.operator, (cst.Add, cst.Subtract)):
                left = self.pure(expr.left, scope, depth + 1, seen)
                right = self.pure(expr.right, scope, depth + 1, seen)
                return None if left is None or right is None else _merge([left, right])
            if isinstance(expr.operator, (cst.Multiply, cst.Divide)):
                left_scale = model.is_scale(expr.left, scope)
                right_scale = model.is_scale(expr.right, scope)
                if right_scale and not left_scale:
                    return self.pure(expr.left, scope, depth + 1, seen)
                if left_scale and not right_scale and isinstance(expr.operator, cst.Multiply):
                    return self.pure(expr.right, scope, depth + 1, seen)
            return None
        if isinstance(expr, cst.Call):
            if isinstance(expr.func, cst.Attribute) and numpy_attribute(expr.func) is None:
                if expr.func.attr.value in _SHAPE_METHODS:
                    return self.pure(expr.func.value, scope, depth + 1, seen)
            name = numpy_attribute(expr.func)
            if name in ("array", "asarray", "copy", "transpose", "atleast_2d") and positional_args(expr):
                return self.pure(positional_args(expr)[0], scope, depth + 1, seen)
        return None

    def _rescales(self, statement) -> bool:
        """`d /= n`, `d *= 0.5`: the array is only scaled by a number in place."""
        return (
            isinstance(statement, cst.AugAssign)
            and isinstance(statement.operator, (cst.DivideAssign, cst.MultiplyAssign))
            and self.model.is_scale(statement.value, self.model.scope_of(statement))
            and not self.model.is_signal(statement.value, self.model.scope_of(statement))
        )

    def local_nodes(self, expr, scope) -> Iterator[tuple[cst.CSTNode, Scope]]:
        """Every sub-expression (and in-place write) a layer's delta is built from, through the
        names and helper functions that hold the signal, up to — not past — the product with a
        later layer's weights (that part belongs to the later layer)."""
        yield from self._local(expr, scope, 0, set())

    def _local(self, expr, scope, depth, seen) -> Iterator[tuple[cst.CSTNode, Scope]]:
        model = self.model
        if depth > MAX_DEPTH:
            return
        stack = [expr]
        while stack:
            node = stack.pop()
            yield node, scope
            product = matrix_product(node)
            if product is not None and any(
                transposed_base(f) is not f and model.is_trained(transposed_base(f), scope) for f in product
            ):
                continue  # propagated from the next layer
            if isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                key = model.key(node, scope)
                if key is not None and key in model.signal_keys and key not in seen:
                    seen.add(key)
                    for statement in self.writes(key):
                        yield from self._local(statement, self.model.scope_of(statement), depth + 1, seen)
                    for definition in self.definitions(key):
                        yield from self._local(definition.value, definition.scope, depth + 1, seen)
                    continue
            if isinstance(node, cst.Call):
                target = model.resolve_callable(node.func, scope)
                if isinstance(target, FunctionInfo) and model.is_signal(node, scope) and target.scope not in seen:
                    seen.add(target.scope)
                    for returned in target.scope.returns:
                        yield from self._local(returned, target.scope, depth + 1, seen)
            stack.extend(reversed(node.children))

    # -- the sign of a gradient -------------------------------------------------------------------
    def polarity(self, expr, scope) -> frozenset | None:
        """The signs (+1: along target − prediction, -1: along prediction − target) with which
        the errors reach `expr`; empty when no error does; None when it cannot be told."""
        return self._polarity(expr, scope, 0, frozenset())

    def _polarity(self, expr, scope, depth, seen) -> frozenset | None:
        model = self.model
        if depth > 3 * MAX_DEPTH:
            return None
        error = self._errors.get(expr)
        if error is not None:
            return frozenset({1 if error.sign == "target-prediction" else -1})
        recurse = lambda e, s=scope: self._polarity(e, s, depth, seen)  # noqa: E731
        if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString, cst.Imaginary)):
            return frozenset()
        if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)):
            key = model.key(expr, scope)
            if key is not None:
                if key in seen:
                    return frozenset()
                memo = self.__dict__.setdefault("_polarity_memo", {})
                if key in memo:
                    return memo[key]
                memo[key] = result = self._key_polarity(expr, key, scope, depth + 1, seen | {key})
                return result
            if isinstance(expr, cst.Attribute):
                return recurse(expr.value)
            if isinstance(expr, cst.Subscript):
                index = _union([recurse(e) for e in _expression_children(expr) if e is not expr.value])
                return recurse(expr.value) if index == frozenset() else None
        if isinstance(expr, cst.UnaryOperation):
            if isinstance(expr.operator, cst.Minus):
                return _negate(recurse(expr.expression))
            if isinstance(expr.operator, cst.Plus):
                return recurse(expr.expression)
            return self._opaque(expr, scope, depth, seen)
        product = matrix_product(expr)
        if product is not None:
            left, right = recurse(product[0]), recurse(product[1])
            return _times(left, right, product[0], product[1], model, scope)
        if isinstance(expr, cst.BinaryOperation):
            left, right = recurse(expr.left), recurse(expr.right)
            operator = expr.operator
            if isinstance(operator, cst.Add):
                return _union([left, right])
            if isinstance(operator, cst.Subtract):
                return _union([left, _negate(right)])
            if isinstance(operator, cst.Multiply):
                return _times(left, right, expr.left, expr.right, model, scope)
            if isinstance(operator, cst.Divide):
                if right is None or right:
                    return None
                if left and _negative(expr.right, model, scope):
                    return _negate(left)
                return left
            return None if (left is None or right is None or left or right) else frozenset()
        if isinstance(expr, cst.Call):
            return self._call_polarity(expr, scope, depth, seen)
        return self._opaque(expr, scope, depth, seen)

    def _key_polarity(self, expr, key, scope, depth, seen) -> frozenset | None:
        model = self.model
        defs = self.definitions(key)
        if not defs and key[0] == "item":
            values = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
            if key[2] == ELEMENT:
                # an element of a list another name holds: `delta_nabla_w, ... = self.backprop(x, y)`
                # returning the list `nabla_w` whose elements backprop wrote
                values += [
                    (element_of(d.value), d.scope) for d in model.defs(key[1])
                    if d.value is not None and d.augmented is None and model.key(d.value, d.scope) is not None
                ]
            return _union([self._polarity(v, s, depth, seen) for v, s in values])
        found = []
        for definition in defs:
            result = self._polarity(definition.value, definition.scope, depth, seen)
            operator = definition.augmented
            if operator is None or isinstance(operator, cst.AddAssign):
                found.append(result)
            elif isinstance(operator, cst.SubtractAssign):
                found.append(_negate(result))
            elif result is None or result:  # x *= (something carrying an error)
                return None
            elif _negative(definition.value, model, definition.scope):
                return None
        return _union(found)

    def _opaque(self, expr, scope, depth, seen):
        """An expression nncheck does not read: neutral when no error reaches it."""
        results = [
            self._polarity(child, scope, depth, seen)
            for child in _expression_children(expr)
        ]
        combined = _union(results)
        return frozenset() if combined == frozenset() else None

    def _call_polarity(self, call: cst.Call, scope, depth, seen):
        model = self.model
        args = positional_args(call)
        recurse = lambda e, s=scope: self._polarity(e, s, depth, seen)  # noqa: E731
        name = numpy_attribute(call.func)
        if name is not None:
            if name in _PASS_FUNCTIONS and args:
                rest = _union([recurse(a) for a in args[1:]] + [recurse(a.value) for a in call.args if a.keyword])
                return recurse(args[0]) if rest == frozenset() else None
            if name in ("dot", "matmul", "outer", "multiply") and len(args) == 2:
                return _times(recurse(args[0]), recurse(args[1]), args[0], args[1], model, scope)
            if name == "where" and len(args) == 3:
                if recurse(args[0]) != frozenset():
                    return None
                return _union([recurse(args[1]), recurse(args[2])])
            if name == "negative" and len(args) == 1:
                return _negate(recurse(args[0]))
            return self._opaque(call, scope, depth, seen)
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in _PASS_METHODS:
            target = model.resolve_callable(call.func, scope)
            if target is None:
                rest = _union([recurse(a.value) for a in call.args])
                return recurse(call.func.value) if rest == frozenset() else None
        target = model.resolve_callable(call.func, scope)
        if isinstance(target, FunctionInfo):
            if target.scope in seen:
                return frozenset()
            inner_seen = seen | {target.scope}
            return _union([self._polarity(r, target.scope, depth + 1, inner_seen) for r in target.scope.returns])
        return self._opaque(call, scope, depth, seen)

    # -- the forward value a name holds -----------------------------------------------------------
    def output_text(self, application: Application, scope: Scope) -> str | None:
        """How code in `scope` can name the output of `application` (its stored name), if it can."""
        if application.target is None:
            return None
        from nncheck.model.values import key_name

        text = key_name(application.target)
        try:
            expr = cst.parse_expression(text)
        except cst.ParserSyntaxError:
            return None
        return text if self.model.key(expr, scope) == application.target else None

    def input_text(self, application: Application, scope: Scope) -> str | None:
        """How code in `scope` can name the value `application` was applied to, if it can."""
        argument = application.argument
        key = self.model.key(argument, application.scope)
        if key is None:
            return None
        text = code(argument)
        try:
            expr = cst.parse_expression(text)
        except cst.ParserSyntaxError:
            return None
        return text if self.model.key(expr, scope) == key else None

    def errors_reaching(self, expr, scope) -> list[ErrorTerm]:
        """The error terms a value is built from, through names and helper functions."""
        found: list[ErrorTerm] = []
        seen: set = set()
        stack = [(expr, scope, 0)]
        while stack:
            node, node_scope, depth = stack.pop()
            for sub in self.model.walk(node):
                error = self._errors.get(sub)
                if error is not None and error not in found:
                    found.append(error)
                if depth >= MAX_DEPTH:
                    continue
                if isinstance(sub, (cst.Name, cst.Attribute, cst.Subscript)):
                    key = self.model.key(sub, node_scope)
                    if key is not None and key not in seen:
                        seen.add(key)
                        for definition in self.definitions(key):
                            stack.append((definition.value, definition.scope, depth + 1))
                elif isinstance(sub, cst.Call):
                    target = self.model.resolve_callable(sub.func, node_scope)
                    if isinstance(target, FunctionInfo) and target.scope not in seen:
                        seen.add(target.scope)
                        for returned in target.scope.returns:
                            stack.append((returned, target.scope, depth + 1))
        return found

    def stored_name(self, value: cst.CSTNode) -> str | None:
        """The name an expression is assigned to, as the user wrote it."""
        from nncheck.model.values import key_name

        definition = self.model._definition_of_value.get(value)
        if definition is None or definition.from_call:
            return None
        return key_name(definition.key)

    def error_source(self, expr, scope) -> Application | None:
        """The forward activation whose output an error signal compares with the labels, or —
        for a hidden error `delta @ W.T` — the activation feeding W's layer."""
        sources = set()
        for node, node_scope in self.expression_nodes(expr, scope, 0, set()):
            error = self._errors.get(node)
            if error is not None and isinstance(error.source, Application):
                sources.add(error.source)
        if len(sources) == 1:
            return sources.pop()
        return None

    def hidden_source(self, expr, scope) -> Application | None:
        """For `delta @ W.T`: the activation whose output is the input of W's layer."""
        for node, node_scope in self.expression_nodes(expr, scope, 0, set()):
            product = matrix_product(node)
            if product is None:
                continue
            for factor in product:
                if transposed_base(factor) is factor:
                    continue
                pair = self.pair_of_weight(factor, node_scope)
                if pair is not None:
                    producer = self.model.producer(pair.layer.input, pair.layer.scope)
                    if isinstance(producer, Application):
                        return producer
        return None


# -- helpers -------------------------------------------------------------------------------------


    # -- bias updates ----------------------------------------------------------------------------------
    @functools.cached_property
    def bias_updates_with_weight_gradient(self) -> list:
        """(layer, update, (product, delta, through)) for each bias update that uses its layer's
        weight gradient (`b -= lr * X.T @ delta`, or through `grad = X.T @ delta`)."""
        model = self.model
        found = []
        for layer in model.layers:
            if layer.bias_key is None:
                continue
            input_text = code(layer.input)
            input_key = model.key(layer.input, layer.scope)
            for update in model.updates:
                if update.key != layer.bias_key:
                    continue
                product = self._weight_gradient_in(update.rhs, update.scope, input_text, input_key)
                if product is not None:
                    found.append((layer, update, product))
        return found

    def _weight_gradient_in(self, rhs, scope, input_text, input_key, depth=0):
        """(product node, delta operand, through) when `rhs` holds a product of the layer's input
        and a delta, directly (through None) or through a local name (grad = X.T @ delta;
        b -= lr * grad: through is (the name in `rhs`, the scope of its definition))."""
        model = self.model
        for node in model.walk(rhs):
            factors = matrix_product(node)
            if factors is not None:
                for mine, other in (factors, factors[::-1]):
                    base = transposed_base(model.unscaled(mine))
                    if base is mine:
                        continue
                    if code(base) == input_text or (input_key is not None and model.key(base, scope) == input_key):
                        return node, other, None
            if depth < 2 and isinstance(node, (cst.Name, cst.Attribute, cst.Subscript)):
                parent = model.parent(node)
                if isinstance(parent, cst.Subscript) and parent.value is node:
                    continue  # `g` in `g["b"]`: the container, not the item read
                held = [(v, s) for v, s in model.values(node, scope) if v is not node]
                if len(held) == 1:
                    value, value_scope = held[0]
                    found = self._weight_gradient_in(value, value_scope, input_text, input_key, depth + 1)
                    if found is not None:
                        return found[0], found[1], (node, value_scope) if depth == 0 else found[2]
        return None


def _expression_children(node: cst.CSTNode) -> list[cst.BaseExpression]:
    """The nearest expressions below `node` (through Arg, Element, Index... wrappers)."""
    found = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if isinstance(child, cst.BaseExpression):
            found.append(child)
        else:
            stack.extend(reversed(child.children))
    return found


def _merge(results: list[Pure]) -> Pure:
    errors = frozenset().union(*(r.errors for r in results))
    weights = tuple(w for r in results for w in r.weights)
    return Pure(errors, weights)


def _union(results) -> frozenset | None:
    found: set = set()
    for result in results:
        if result is None:
            return None
        found |= result
    return frozenset(found)


def _negate(result):
    if result is None:
        return None
    return frozenset(-sign for sign in result)


def _times(left, right, left_expr, right_expr, model, scope):
    if left is None or right is None:
        return None
    if left and right:
        return None  # a product of two errors is no longer linear in either
    if left:
        return _negate(left) if _negative(right_expr, model, scope) else left
    if right:
        return _negate(right) if _negative(left_expr, model, scope) else right
    return frozenset()


def _negative(expr, model: NetworkModel, scope) -> bool:
    """A factor that is certainly a negative number: -1, -0.5, a constant holding one."""
    value = model.constant(expr, scope)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value < 0
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = model.constant(expr.expression, scope)
        return isinstance(inner, (int, float)) and inner > 0 or (
            isinstance(expr.expression, (cst.Name, cst.Attribute)) and inner is None
        )
    return False



def reduction(call: cst.CSTNode) -> tuple[str, cst.BaseExpression, cst.BaseExpression | None, bool] | None:
    """(function, operand, axis, keepdims) for `np.sum(x, axis=..)`, `x.sum(..)`, `np.mean`..."""
    if not isinstance(call, cst.Call):
        return None
    name = numpy_attribute(call.func)
    args = positional_args(call)
    if name in REDUCTIONS and args:
        operand = args[0]
        axis = keyword_arg(call, "axis") or (args[1] if len(args) > 1 else None)
    elif name is None and isinstance(call.func, cst.Attribute) and call.func.attr.value in REDUCTIONS:
        operand = call.func.value
        axis = keyword_arg(call, "axis") or (args[0] if args else None)
        name = call.func.attr.value
    else:
        return None
    keepdims = keyword_arg(call, "keepdims")
    return name, operand, axis, keepdims is not None and code(keepdims) == "True"


__all__ = ["Backward", "LayerBackward", "Pure", "WeightGradient", "backward_of", "reduction"]
