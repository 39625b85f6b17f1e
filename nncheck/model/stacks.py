"""Layer stacks: a network kept as a list of objects and run by a loop over it.

    layers = [Dense(2, 16, Tanh()), Dense(16, 1, Sigmoid())]      # or [Linear(..), Tanh(), ..]
    for layer in layers:                                          # or `for layer in self.layers`
        h = layer.forward(h)                                      # or `h = layer(h)`

The model reads each element of the list as its own object (nncheck/model/objects.py): a Stack
is that loop with, in order, each element's object, the method the loop calls on it, the dense
product that method computes (a model Layer, shared by every object of the class) and the
forward activations it applies for that object, each with the `if` tests it sits under inside
the method (`if self.activation == "relu":`), which decide per object whether it runs.

Nothing here reads names: an element is dense because its method computes `inp @ W + b` with a
trained W, an activation because its method applies a function the model classified as one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from nncheck.model.objects import Instance
from nncheck.model.values import Scope, positional_args

if TYPE_CHECKING:
    from nncheck.model.functions import FunctionInfo
    from nncheck.model.network import Application, Layer, NetworkModel

MAX_STEPS = 16


@dataclass(eq=False)
class StackStep:
    instance: Instance
    function: "FunctionInfo"
    layer: "Layer | None"  # the dense product the method computes, if any
    activations: list = field(default_factory=list)  # [(Application, [if tests])], in order


@dataclass(eq=False)
class Stack:
    loop: cst.For
    call: cst.Call  # `layer.forward(h)`
    carried: cst.Name  # `h`: the value passed from one element to the next
    scope: Scope
    steps: list[StackStep]
    # h's value before the loop (`h = X`), where the loop's own scope assigns it just before
    initial: cst.BaseExpression | None


def stacks(model: "NetworkModel") -> list[Stack]:
    return model.facts(_find_stacks)


def _find_stacks(model: "NetworkModel") -> list[Stack]:
    found = []
    for node, scope in model.builder.scope_of_node.items():
        if isinstance(node, cst.For) and isinstance(node.target, cst.Name):
            stack = _stack(model, node, scope)
            if stack is not None:
                found.append(stack)
    return found


def _carried_call(loop: cst.For) -> tuple[cst.Name, cst.Call] | None:
    """`h = layer.forward(h)` / `h = layer(h)` in the loop's body, where `layer` is the target."""
    name = loop.target.value
    if not isinstance(loop.body, cst.IndentedBlock):
        return None
    for line in loop.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for small in line.body:
            if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                    and isinstance(small.targets[0].target, cst.Name) and isinstance(small.value, cst.Call)):
                continue
            target, call = small.targets[0].target, small.value
            func = call.func
            receiver = func.value if isinstance(func, cst.Attribute) else func
            args = positional_args(call)
            if not (isinstance(receiver, cst.Name) and receiver.value == name and len(args) >= 1):
                continue
            if isinstance(args[0], cst.Name) and args[0].value == target.value:
                return target, call
    return None


def _stack(model: "NetworkModel", loop: cst.For, scope: Scope) -> Stack | None:
    carried = _carried_call(loop)
    if carried is None:
        return None
    target, call = carried
    contexts = model.objects.contexts(scope)
    if len(contexts) != 1:
        return None
    elements = model.objects.elements(loop.iter, scope, contexts[0])
    if not elements or len(elements) > MAX_STEPS or any(len(e) != 1 for e in elements):
        return None
    method = call.func.attr.value if isinstance(call.func, cst.Attribute) else "__call__"
    steps = []
    for (instance,) in elements:
        function = model.objects.method(instance.cls, method)
        if function is None:
            return None
        steps.append(_step(model, instance, function))
    return Stack(loop, call, target, scope, steps, _initial(model, loop, target))


def _step(model: "NetworkModel", instance: Instance, function) -> StackStep:
    layers = [layer for layer in model.layers if layer.scope is function.scope]
    step = StackStep(instance, function, layers[0] if len(layers) == 1 else None)
    if len(layers) > 1:
        step.layer = None
        step.activations = []
        return step
    for application in model.applications:
        if application.is_forward and application.scope is function.scope and application.runs_for(instance):
            step.activations.append((application, _tests(model, application.node, function.node)))
    step.activations.sort(key=lambda pair: model.line(pair[0].node))
    return step


def _tests(model: "NetworkModel", node: cst.CSTNode, function: cst.CSTNode) -> list:
    """The `if` tests a node sits under inside its function, outermost first (an `else`
    branch gives the test wrapped as `not (...)`)."""
    tests = []
    child, current = node, model.parent(node)
    while current is not None and current is not function:
        if isinstance(current, cst.If):
            if child is current.body:
                tests.append(current.test)
            elif child is current.orelse:
                tests.append(cst.UnaryOperation(operator=cst.Not(), expression=current.test))
        child, current = current, model.parent(current)
    return tests[::-1]


def _initial(model: "NetworkModel", loop: cst.For, target: cst.Name) -> cst.BaseExpression | None:
    """`h = X` just before the loop, in the same block."""
    block = model.parent(loop)
    body = getattr(block, "body", None)
    if not isinstance(body, (list, tuple)) or loop not in body:
        return None
    for line in reversed(body[: body.index(loop)]):
        if not isinstance(line, cst.SimpleStatementLine):
            return None
        for small in line.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(
                    small.targets[0].target, cst.Name) and small.targets[0].target.value == target.value:
                return small.value
    return None
