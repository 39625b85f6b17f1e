"""The layers of a network kept as a list of objects, read from the model's stacks.

    layers = [Linear(1, 20), Tanh(), Linear(20, 1)]
    for layer in layers:
        h = layer.forward(h)
    loss = np.mean((h - y) ** 2)

nncheck/model/stacks.py gives the loop, each element's object, the dense product its method
computes and the activations it applies. Here each object's own starting weights are
evaluated with its construction's arguments (`Linear(1, 20)` binds `fan_in=1, fan_out=20` in
`__init__`), each `if self.activation == "relu":` around an activation is decided per object,
and the output and labels come from the error term that reads what the loop computed (directly,
or through one more activation applied after the loop). What cannot be told is said in the
script's names, and then nothing is trained.
"""
from __future__ import annotations

import ast

import libcst as cst
import numpy as np

from nncheck.model.losses import is_labels
from nncheck.model.stacks import Stack, stacks
from nncheck.model.values import Scope, code, keyword_arg, positional_args
from nncheck.probe.evaluate import Evaluator, Unknown

MAX_DEPTH = 10
_CONSTANTS = {"None": None, "True": True, "False": False}


def stack_chain(model, values, make_layer, kinds, out):
    """(chain, labels, labels scope, (inputs, scope), error term) from the model's first stack
    of layer objects that feeds an error term; None when there is none; raises Unknown with a
    sentence naming what the stack lacks."""
    for stack in stacks(model):
        if not any(step.layer is not None for step in stack.steps):
            continue
        found = _error_of(model, stack)
        if found is None:
            if _subtracted(model, stack):
                # `out - y` where `out` is what the loop computed, yet the model sees no output
                # there: an element it cannot read; building the layers names it.
                _layers(model, values, stack, make_layer, kinds)
            continue
        error, after = found
        chain = _layers(model, values, stack, make_layer, kinds)
        if after is not None:
            _activate(chain[-1], after, after.behaviour.kind, after.behaviour.alpha, kinds,
                      f"`{code(after.node)}` after the loop")
        inputs = (stack.initial, stack.scope) if stack.initial is not None \
            else _argument_in(model, stack, error)
        if inputs is None:
            raise Unknown(f"the inputs of the loop over the layers at line {model.line(stack.loop)} "
                          f"(`{stack.carried.value}`) are not assigned just before it")
        out.notes.append(f"the loop over the layer objects at line {model.line(stack.loop)} "
                         f"(`for {code(stack.loop.target)} in {code(stack.loop.iter)}`) is "
                         f"unrolled into {len(chain)} dense layers")
        return chain, error.labels, error.scope, inputs, error
    return None


def _error_of(model, stack: Stack):
    """The error term that reads what the loop computed, and the activation applied to it after
    the loop (None when the error reads it directly). An error passed back as the signal comes
    before one inside a printed loss (`np.mean((h - y) ** 2)`)."""
    errors = sorted((e for e in model.errors if e.is_difference),
                    key=lambda e: _in_loss(model, e.node)) + [
        e for e in model.errors if e.indexed
        and getattr(e.source, "behaviour", None) is not None and e.source.behaviour.kind == "softmax"]
    for error in errors:
        if any(value is stack.call for value, _ in model.values(error.output, error.scope)):
            return error, None
        source = error.source
        own = source is not None and getattr(source, "node", None) is stack.call or any(
            getattr(source, "node", None) is application.node
            for step in stack.steps for application, _ in step.activations)
        if own:
            return error, None  # the last element's activation, read through a call
        if source is not None and hasattr(source, "behaviour"):
            if any(value is stack.call for value, _ in unshifted_values(model, source.argument, source.scope)):
                return error, source
    return None


def unshifted_values(model, expr, scope: Scope, depth: int = 0) -> list:
    """What `expr` can hold, seeing through a shift by the row maximum (`z - z.max(axis=1,
    keepdims=True)`, as a stable softmax takes it): the values of `z` then."""
    found = []
    for value, value_scope in model.values(expr, scope):
        found.append((value, value_scope))
        if depth < 2 and isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Subtract) \
                and _is_row_max(value.right, value.left):
            found.extend(unshifted_values(model, value.left, value_scope, depth + 1))
    return found


def _is_row_max(expr, of) -> bool:
    """`of.max(...)` or `np.max(of, ...)` (also amax)."""
    if not isinstance(expr, cst.Call):
        return False
    func = expr.func
    if isinstance(func, cst.Attribute) and func.attr.value in ("max", "amax"):
        if code(func.value) == code(of):
            return True
        args = positional_args(expr)
        return bool(args) and code(args[0]) == code(of)
    return False


def _argument_in(model, stack: Stack, error):
    """`def run(x): for layer in stack: x = layer.forward(x)` called as `run(X_train)` where
    the error reads its result: the argument of that call."""
    function = stack.scope.node
    if not isinstance(function, cst.FunctionDef) or stack.carried.value not in stack.scope.params:
        return None
    for value, value_scope in model.values(error.output, error.scope):
        if isinstance(value, cst.Call) and getattr(model.resolve_callable(value.func, value_scope),
                                                   "scope", None) is stack.scope:
            given = keyword_arg(value, stack.carried.value)
            if given is None:
                names = [p.name.value for p in function.params.params]
                index = names.index(stack.carried.value)
                args = positional_args(value)
                given = args[index] if index < len(args) else None
            if given is not None:
                return given, value_scope
    return None


def _subtracted(model, stack: Stack) -> bool:
    for node, scope in model.builder.scope_of_node.items():
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Subtract):
            for side, other in ((node.left, node.right), (node.right, node.left)):
                if any(value is stack.call for value, _ in model.values(side, scope)) \
                        and is_labels(model, other, scope):
                    return True
    return False


def _in_loss(model, node) -> bool:
    current = model.parent(node)
    while current is not None and not isinstance(current, cst.BaseSmallStatement):
        if isinstance(current, cst.Call) or (isinstance(current, cst.BinaryOperation)
                                             and isinstance(current.operator, cst.Power)):
            return True
        current = model.parent(current)
    return False


def _layers(model, values, stack: Stack, make_layer, kinds) -> list:
    chain: list = []
    for index, step in enumerate(stack.steps):
        where = f"`{code(step.instance.call)}` (line {model.line(step.instance.call)})"
        active = [application for application, tests in step.activations
                  if _holds(model, values, step.instance, tests, step.function.scope, where)]
        if step.layer is not None:
            item = make_layer(step.layer, None, "identity", None)
            weight = _object_value(model, values, step.instance, step.layer.weight,
                                   step.layer.scope, 100 + index)
            item.weight_value = np.asarray(weight)
            if step.layer.bias is not None:
                item.bias_value = np.asarray(_object_value(
                    model, values, step.instance, step.layer.bias, step.layer.scope, 200 + index))
            chain.append(item)
        elif not active:
            raise Unknown(f"the layer object {where} computes neither a product with weights "
                          "nor an activation that nncheck recognises (a limit of nncheck's model, "
                          "not a mistake in the script)")
        if len(active) > 1:
            raise Unknown(f"the layer object {where} applies {len(active)} activations")
        if active:
            if not chain:
                raise Unknown(f"the activation object {where} comes before any dense layer")
            application = active[0]
            _activate(chain[-1], application, application.behaviour.kind,
                      application.behaviour.alpha, kinds, where)
    return chain


def _activate(item, application, kind, alpha, kinds, where) -> None:
    if item.application is not None:
        raise Unknown(f"two activations follow one dense layer ({where} is the second)")
    if kind not in kinds:
        raise Unknown(f"the activation of {where} ({application.behaviour.description}) has no "
                      "counterpart in the reference network")
    item.application, item.kind, item.alpha = application, kind, alpha


def _holds(model, values, instance, tests, scope, where) -> bool:
    for test in tests:
        try:
            result = _object_value(model, values, instance, test, scope, 0)
        except Unknown:
            raise Unknown(f"whether `{code(test)}` holds for {where} is not known to the "
                          "demo") from None
        if not bool(result):
            return False
    return True


# -- values read for one object -----------------------------------------------------------------


class _Self:
    """`self` of one object: its attributes are what its class's methods assign, evaluated with
    the construction's arguments."""

    def __init__(self, reader: "_Reader") -> None:
        self.reader = reader

    def nncheck_attribute(self, name: str):
        return self.reader.attribute(name)


class _Reader:
    def __init__(self, model, values, instance, seed: int) -> None:
        self.model, self.values, self.instance, self.seed = model, values, instance, seed
        self.init = model.objects.method(instance.cls, "__init__")
        self.depth = 0
        self.cache: dict = {}

    def evaluate(self, expr, scope: Scope):
        self.depth += 1
        if self.depth > 60:
            raise Unknown("a chain of definitions too long to follow")
        try:
            node = ast.parse(code(expr), mode="eval").body
        except SyntaxError:
            raise Unknown(f"`{code(expr)}`") from None
        evaluator = Evaluator(lookup=lambda name: self.name(name, scope),
                              rng=np.random.RandomState(self.seed), seeded=self.seed)
        return evaluator.eval(node, {})

    def name(self, name: str, scope: Scope):
        walker = scope
        while walker is not None and walker.self_name is None and not walker.is_module:
            walker = walker.parent
        if walker is not None and walker.self_name == name:
            return _Self(self)
        init = self.init
        if init is not None and scope is init.scope:
            if name in init.scope.params:
                return self.argument(name)
            if name in init.scope.assigned:
                defs = [d for d in self.model.defs(self.model.key(cst.Name(name), scope))
                        if d.value is not None and d.augmented is None]
                if len(defs) == 1:
                    return self.evaluate(defs[0].value, defs[0].scope)
        return self.values.of(cst.Name(name), scope, 1, self.seed)

    def argument(self, name: str):
        """The value the construction passes for `__init__`'s parameter `name`."""
        call = self.instance.call
        given = keyword_arg(call, name)
        if given is None:
            positional = positional_args(call)
            names = self.init.positional
            if name in names and names.index(name) < len(positional):
                given = positional[names.index(name)]
        if given is not None:
            return self._outside(given, self.instance.scope)
        default = _default(self.init.node, name)
        if default is None:
            raise Unknown(f"the argument `{name}` of `{code(call)}`")
        return self._outside(default, self.model.module_scope)

    def _outside(self, expr, scope: Scope):
        if isinstance(expr, cst.Name) and expr.value in _CONSTANTS:
            return _CONSTANTS[expr.value]
        return self.values.of(expr, scope, 1, self.seed)

    def attribute(self, name: str):
        if name in self.cache:
            return self.cache[name]
        found = None
        for owner in self.model.objects.bases(self.instance.cls):
            init = self.model.functions.get(("attr", owner, "__init__"))
            if init is None or init.scope.self_name is None:
                continue
            node = cst.Attribute(value=cst.Name(init.scope.self_name), attr=cst.Name(name))
            defs = [d for d in self.model.defs(self.model.key(node, init.scope))
                    if d.value is not None and d.augmented is None and d.scope is init.scope]
            if defs:
                found = defs[-1]
                break
        if found is None:
            raise Unknown(f"`self.{name}` of `{code(self.instance.call)}`")
        value = self.evaluate(found.value, found.scope)
        self.cache[name] = value
        return value


def _default(function, name: str):
    for param in list(function.params.params) + list(function.params.kwonly_params):
        if param.name.value == name and param.default is not None:
            return param.default
    return None


def _object_value(model, values, instance, expr, scope, seed: int):
    """`expr` (written in a method of the object's class) evaluated for that object."""
    reader = _Reader(model, values, instance, 12345 + seed)
    if scope is None:
        raise Unknown(f"`{code(expr)}`")
    try:
        return reader.evaluate(expr, scope)
    except Unknown as why:
        raise Unknown(f"the starting value of `{code(expr)}` for `{code(instance.call)}` "
                      f"(line {model.line(instance.call)}): {why}") from None
