"""The training step in order: which statements step a parameter, which read its weights back
afterwards, which arrays accumulate gradients and where they are reset.

Read from a NetworkModel and cached per model (`training_of(model)`); the model is not changed.
Order is source order within one function (or the module body): the visit order of the model's
builder, which is pre-order and so puts a statement before everything it contains.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from nncheck.model.network import NetworkModel
from nncheck.model.values import Scope, code, matrix_product, transposed_base

_CACHE: "weakref.WeakKeyDictionary[NetworkModel, Training]" = weakref.WeakKeyDictionary()


def training_of(model: NetworkModel) -> "Training":
    found = _CACHE.get(model)
    if found is None:
        found = _CACHE[model] = Training(model)
    return found


@dataclass(eq=False)
class Step:
    """A statement that changes an array from itself: `W -= g`, `W += g`, `W = W - g`
    (whatever its target: a name, `self.W`, `weights[i]`, `params["W" + str(l)]`)."""

    target: cst.BaseExpression
    text: str  # the target as written (whitespace folded): the array's identity in one scope
    rhs: cst.BaseExpression
    statement: cst.CSTNode  # the Assign / AugAssign
    scope: Scope


@dataclass(eq=False)
class StaleRead:
    """`signal @ W.T` (a delta sent back through W) after `W` was stepped in the same pass."""

    step: Step
    product: cst.BaseExpression
    weight: cst.BaseExpression  # the transposed factor as written (`self.W2.T`)
    signal: cst.BaseExpression
    statement: cst.CSTNode  # the small statement holding the product
    scope: Scope


class Training:
    def __init__(self, model: NetworkModel) -> None:
        self.model = model
        self._order = {node: i for i, node in enumerate(model.builder.scope_of_node)}

    # -- order ------------------------------------------------------------------------------------
    def before(self, first: cst.CSTNode, second: cst.CSTNode) -> bool:
        """`first` starts before `second` in source order (and does not contain it)."""
        a, b = self._order.get(first), self._order.get(second)
        if a is None or b is None or a >= b:
            return False
        return not any(node is first for node in self._ancestors(second))

    def _ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        found = []
        current = self.model.parent(node)
        while current is not None:
            found.append(current)
            current = self.model.parent(current)
        return found

    def exclusive(self, first: cst.CSTNode, second: cst.CSTNode) -> bool:
        """The two never run in the same pass: they sit in different branches of one `if`
        (or of one `try`)."""
        chain = [first] + self._ancestors(first)
        index = {id(node): i for i, node in enumerate(chain)}
        child = second
        for ancestor in self._ancestors(second):
            if id(ancestor) in index:
                position = index[id(ancestor)]
                if position == 0:
                    return False
                mine = chain[position - 1]
                if isinstance(ancestor, (cst.If, cst.Try, cst.IfExp)) and mine is not child:
                    return True
                return False
            child = ancestor
        return False

    def statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The small statement (Assign, AugAssign, Expr, Return...) that contains `node`."""
        current = node
        while current is not None:
            parent = self.model.parent(current)
            if isinstance(parent, cst.SimpleStatementLine):
                return current
            current = parent
        return None

    # -- steps ------------------------------------------------------------------------------------
    @property
    def steps(self) -> list[Step]:
        if not hasattr(self, "_steps"):
            self._steps = list(self._find_steps())
        return self._steps

    def _find_steps(self) -> Iterator[Step]:
        for node, scope in self.model.builder.scope_of_node.items():
            if isinstance(node, cst.AugAssign) and isinstance(node.operator, (cst.AddAssign, cst.SubtractAssign)):
                yield Step(node.target, code(node.target), node.value, node, scope)
            elif isinstance(node, cst.Assign) and len(node.targets) == 1:
                target = node.targets[0].target
                value = node.value
                if (
                    isinstance(value, cst.BinaryOperation)
                    and isinstance(value.operator, (cst.Add, cst.Subtract))
                    and code(value.left) == code(target)
                    and not isinstance(target, (cst.Tuple, cst.List))
                ):
                    yield Step(target, code(target), value.right, node, scope)

    def _rebinds_between(self, names: set[str], start: cst.CSTNode, end: cst.CSTNode, scope: Scope,
                         skip: cst.CSTNode) -> bool:
        """A name in `names` is assigned between the two statements (outside `skip`)."""
        for node, node_scope in self.model.builder.scope_of_node.items():
            if node_scope is not scope or node is skip:
                continue
            targets: list = []
            if isinstance(node, cst.Assign):
                targets = [t.target for t in node.targets]
            elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
                targets = [node.target]
            elif isinstance(node, cst.For):
                targets = [node.target]
            if not targets or not (self.before(start, node) and self.before(node, end)):
                continue
            for target in targets:
                if any(name in names for name in _bound_names(target)):
                    return True
        return False

    def _is_attr_name(self, name: cst.Name) -> bool:
        parent = self.model.parent(name)
        return isinstance(parent, cst.Attribute) and parent.attr is name

    def variables(self, expr) -> set[str]:
        """The plain names an expression reads (`params`, `l` in `params["W" + str(l)]`)."""
        return {
            n.value for n in self.model.walk(expr)
            if isinstance(n, cst.Name) and not self._is_attr_name(n)
        }

    # -- stale weights ----------------------------------------------------------------------------
    @property
    def stale_reads(self) -> list[StaleRead]:
        """Deltas sent back through a weight matrix after that matrix was stepped earlier in the
        same function body: the backward pass mixes the new weights with the old activations."""
        if not hasattr(self, "_stale_found"):
            self._stale_found = list(self._find_stale())
        return self._stale_found

    def _find_stale(self) -> Iterator[StaleRead]:
        model = self.model
        steps_by_text: dict[tuple, list[Step]] = {}
        for step in self.steps:
            steps_by_text.setdefault((step.text, id(step.scope)), []).append(step)
        if not steps_by_text:
            return
        for node, scope in model.builder.scope_of_node.items():
            factors = matrix_product(node)
            if factors is None:
                continue
            for signal, weight in (factors, factors[::-1]):
                base = transposed_base(weight)
                if base is weight:
                    continue
                steps = steps_by_text.get((code(base), id(scope)))
                if not steps or not self._carries_gradient(signal, scope):
                    continue
                statement = self.statement_of(node)
                if statement is None:
                    continue
                for step in steps:
                    if self._stale(step, base, statement, scope):
                        yield StaleRead(step, node, weight, signal, statement, scope)
                        break
                break

    def _carries_gradient(self, expr, scope) -> bool:
        """A backward signal, or at least not a parameter: `h @ W.T` with a trained `h` is a
        forward product (tied weights), never a delta."""
        model = self.model
        if model.is_signal(expr, scope):
            return True
        return not model.is_trained(transposed_base(expr), scope) and not self._forward_value(expr, scope)

    def _forward_value(self, expr, scope) -> bool:
        """An activation or pre-activation of the forward pass."""
        model = self.model
        if model.producer(expr, scope) is not None:
            return True
        return model.layer_of(expr, scope) is not None

    def _stale(self, step: Step, base, statement, scope) -> bool:
        if not self.before(step.statement, statement) or self.exclusive(step.statement, statement):
            return False
        names = self.variables(base) - {scope.self_name}
        if self._rebinds_between(names, step.statement, statement, scope, step.statement):
            return False
        # a forward pass between the step and the read starts a new pass with the new weights
        for layer in self.model.layers:
            if layer.scope is scope and code(layer.weight) == step.text and (
                self.before(step.statement, layer.product) and self.before(layer.product, statement)
            ):
                return False
        return True


def _bound_names(target: cst.BaseExpression) -> list[str]:
    """The plain names an assignment target rebinds (`a`, `a, b`), not those it writes into."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _bound_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _bound_names(target.value)
    return []


__all__ = ["StaleRead", "Step", "Training", "training_of"]
