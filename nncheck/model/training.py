"""The training step in order: which statements step a parameter, which read its weights back
afterwards, which arrays accumulate gradients and where they are reset.

Read from a NetworkModel and cached per model (`training_of(model)`); the model is not changed.
Order is source order within one function (or the module body): the visit order of the model's
builder, which is pre-order and so puts a statement before everything it contains.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import libcst as cst

from nncheck.model.network import NetworkModel
from nncheck.model.shapes import broadcast, shapes
from nncheck.model.values import Scope, code, is_merged_item, matrix_product, transposed_base

def training_of(model: NetworkModel) -> "Training":
    return model.facts(Training)


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


@dataclass(eq=False)
class Accumulator:
    """An array that gradients are summed into with `+=`, and the steps that apply it."""

    identity: tuple
    adds: list  # the `A += g` statements, in source order
    steps: list  # the Steps whose right side applies A
    resets: list  # statements that zero or re-create A, wherever they are
    repeated_resets: list  # the resets that run between two of its steps


@dataclass(eq=False)
class FusedDerivative:
    """`(p - y) * f'(p)` where the loss of `p` is log loss: the cross-entropy gradient at the
    pre-activation, multiplied by the activation's derivative a second time."""

    product: cst.BaseExpression  # the whole multiplication
    error: cst.BaseExpression  # the factor holding `p - y`
    derivative: list  # the other factors (the derivative, possibly split: `p * (1 - p)`)
    use: object  # the model's DerivativeUse
    log: object  # a LogTerm of the same output
    scope: Scope


@dataclass(eq=False)
class BatchBias:
    """A bias stepped with a delta that still has one row (or column) per sample."""

    update: object  # the model's Update of the bias
    layer: object  # the Layer the bias belongs to
    delta: cst.BaseExpression  # the delta as written in the update (`dZ2`, `grads["db1"]`)
    bias_shape: tuple
    samples: int  # the batch size, or MANY when only "more than one" is known
    in_place: bool


# a count known only to be more than one (a whole data set whose size is not written out)
MANY = -1
_DATA_CALLS = {
    "array", "asarray", "c_", "r_", "column_stack", "hstack", "vstack", "stack", "concatenate",
    "where", "loadtxt", "genfromtxt", "load", "meshgrid", "linspace",
}

@dataclass(eq=False)
class MisPairedGradient:
    """`A.T @ delta` (or `delta @ A.T`) where `delta` is layer k's delta but `A` is not what
    layer k received in the forward pass."""

    product: cst.BaseExpression
    activation: cst.BaseExpression  # the transposed factor as written (`X.T`)
    delta: cst.BaseExpression
    layer: object  # the Layer the delta belongs to
    number: int  # its position in the chain, from 1
    wrong: str  # "input of layer j" or "output of layer k"
    wrong_number: int
    scope: Scope
    other: object = None  # the layer whose input (or output) the activation is


@dataclass(eq=False)
class MismatchedStep:
    """A weight stepped with a gradient whose static shape is not the weight's own."""

    step: Step
    gradient: MisPairedGradient
    weight_shape: tuple
    gradient_shape: tuple


@dataclass(eq=False)
class GrownStep:
    """A parameter stepped with an update whose static shape has more elements than the
    parameter: `b2 += lr * gb2` with b2 (3,) and gb2 (1500, 3)."""

    step: Step
    parameter_shape: tuple
    update_shape: tuple
    result_shape: tuple


_RESET_METHODS = {"fill", "clear", "zero_", "zero"}
_RESET_FUNCTIONS = {"copyto", "put", "place", "multiply"}
_NONLINEAR = {"square", "abs", "absolute", "sqrt", "exp", "log", "power"}


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
        return self.model.statement_of(node)

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
        for node, bound in self._binders(scope):
            if node is skip or not (bound & names):
                continue
            if self.before(start, node) and self.before(node, end):
                return True
        return False

    def _binders(self, scope: Scope) -> list[tuple[cst.CSTNode, set[str]]]:
        """The statements of `scope` that bind names, with the names: indexed once per file, since
        every question about a rebinding asks it of the same few statements."""
        if not hasattr(self, "_binders_by_scope"):
            index: dict[int, list] = {}
            for node, node_scope in self.model.builder.scope_of_node.items():
                if isinstance(node, cst.Assign):
                    targets = [t.target for t in node.targets]
                elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
                    targets = [node.target]
                else:
                    continue
                bound = {name for target in targets for name in _bound_names(target)}
                if bound:
                    index.setdefault(id(node_scope), []).append((node, bound))
            self._binders_by_scope = index
        return self._binders_by_scope.get(id(scope), [])

    def _is_attr_name(self, name: cst.Name) -> bool:
        parent = self.model.parent(name)
        return isinstance(parent, cst.Attribute) and parent.attr is name

    def variables(self, expr) -> set[str]:
        """The plain names an expression reads (`params`, `l` in `params["W" + str(l)]`)."""
        return {
            n.value for n in self.model.walk(expr)
            if isinstance(n, cst.Name) and not self._is_attr_name(n)
        }

    # -- loops and storage -----------------------------------------------------------------------
    def loops_of(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        """The `for`/`while` statements around `node` in its own function, innermost first."""
        found = []
        for ancestor in self._ancestors(node):
            if isinstance(ancestor, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
                break
            if isinstance(ancestor, (cst.For, cst.While)):
                found.append(ancestor)
        return found

    def storage(self, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> frozenset:
        """What array (or container of arrays) an expression names: a key, or — for a loop
        variable over `zip(A, B)`, a tuple literal or `A[i]` — what it iterates over or indexes."""
        if depth > 6:
            return frozenset()
        if isinstance(expr, cst.Name):
            bound = self._loop_binding(expr, scope)
            if bound is not None:
                return frozenset().union(*(self.storage(e, scope, depth + 1) for e in bound)) if bound else frozenset()
        key = self.model.key(expr, scope)
        if key is not None and not (isinstance(expr, cst.Subscript) and (is_merged_item(key) or key[0] == "item")):
            return frozenset({("key", key)})
        if isinstance(expr, cst.Subscript):
            # `acc[k]`, `grads["dW" + str(l)]`, `grads["W1"]`: the items of a container of
            # gradients are summed, applied and reset as one, so the array written is told by
            # its container (re-created as a whole, it is reset)
            return self.storage(expr.value, scope, depth + 1)
        return frozenset({("text", id(scope), code(expr))})

    def _loop_binding(self, name: cst.Name, scope: Scope) -> list | None:
        """For a name bound by an enclosing `for` in this scope: the expressions its values come
        from (the zipped or listed containers); [] when they cannot be told; None when no `for`
        binds it."""
        for loop in self.loops_of(name):
            if not isinstance(loop, cst.For):
                continue
            path = _target_path(loop.target, name.value)
            if path is None:
                continue
            return _iterated(loop.iter, path)
        return None

    # -- accumulators -----------------------------------------------------------------------------
    @property
    def accumulators(self) -> list[Accumulator]:
        if not hasattr(self, "_accumulators"):
            self._accumulators = list(self._find_accumulators())
        return self._accumulators

    def _find_accumulators(self) -> Iterator[Accumulator]:
        model = self.model
        adds: dict[tuple, list] = {}
        other_writes: set = set()
        resets: dict[tuple, list] = {}
        for node, scope in model.builder.scope_of_node.items():
            if isinstance(node, cst.AugAssign):
                identities = self.storage(node.target, scope)
                if isinstance(node.operator, cst.AddAssign) and len(identities) == 1 and self._summable(node, scope):
                    adds.setdefault(next(iter(identities)), []).append((node, scope))
                elif isinstance(node.operator, cst.MultiplyAssign) and _is_zero(node.value):
                    for identity in identities:
                        resets.setdefault(identity, []).append((node, scope))
                else:
                    other_writes |= identities
            elif isinstance(node, (cst.Assign, cst.AnnAssign)):
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    for element in _elements(target):
                        for identity in self.storage(element, scope):
                            resets.setdefault(identity, []).append((node, scope))
            elif isinstance(node, cst.Call):
                for receiver in self._reset_receivers(node):
                    for identity in self.storage(receiver, scope):
                        resets.setdefault(identity, []).append((node, scope))
        if not adds:
            return
        for identity, added in adds.items():
            if identity in other_writes:
                continue  # scaled or decayed in place: an optimiser's state, not a plain sum
            steps = [step for step in self.steps if identity not in self.storage(step.target, step.scope)
                     and self._applies(step.rhs, step.scope, identity)
                     and not self._feeds_back(step, added)]
            if not steps:
                continue
            found = resets.get(identity, [])
            repeated = [r for r, r_scope in found if self._repeated_reset(r, r_scope, added, steps)]
            yield Accumulator(identity, [a for a, _ in added], steps, [r for r, _ in found], repeated)

    def _feeds_back(self, step: Step, added: list) -> bool:
        """The array a step writes is what the sums add: `W += -lr * dW` and then
        `dW += reg * W` (weight decay) read each other, so `W` is the parameter being trained,
        not a buffer of gradients that the step applies."""
        written = self.storage(step.target, step.scope)
        for node, scope in added:
            for sub in self.model.walk(node.value):
                if isinstance(sub, (cst.Name, cst.Attribute, cst.Subscript)) and self.storage(sub, scope) & written:
                    return True
        return False

    def _summable(self, node: cst.AugAssign, scope: Scope) -> bool:
        """`A += g` with `g` a gradient: not built from A itself (a running average), not a
        square or an absolute value (Adagrad's cache, a loss total)."""
        mine = self.storage(node.target, scope)
        for sub in self.model.walk(node.value):
            if isinstance(sub, cst.BinaryOperation) and isinstance(sub.operator, cst.Power):
                return False
            if isinstance(sub, cst.Call):
                name = sub.func.attr.value if isinstance(sub.func, cst.Attribute) else getattr(sub.func, "value", None)
                if name in _NONLINEAR or name == "abs":
                    return False
            if isinstance(sub, (cst.Name, cst.Attribute, cst.Subscript)) and self.storage(sub, scope) & mine:
                return False
        return not isinstance(node.value, (cst.Integer, cst.Float))

    def _applies(self, expr, scope: Scope, identity: tuple) -> bool:
        """`expr` is linear in the array `identity` (a factor of the step, not under a root or in
        a divisor)."""
        if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)):
            return identity in self.storage(expr, scope) and len(self.storage(expr, scope)) == 1
        if isinstance(expr, cst.UnaryOperation):
            return self._applies(expr.expression, scope, identity)
        if isinstance(expr, cst.BinaryOperation):
            if isinstance(expr.operator, (cst.Multiply, cst.Add, cst.Subtract)):
                return self._applies(expr.left, scope, identity) or self._applies(expr.right, scope, identity)
            if isinstance(expr.operator, cst.Divide):
                return self._applies(expr.left, scope, identity)
        return False

    def _reset_receivers(self, call: cst.Call) -> list:
        """The arrays a call zeroes or overwrites in place: `A.fill(0)`, `np.copyto(A, 0)`."""
        func = call.func
        if isinstance(func, cst.Attribute):
            from nncheck.model.values import numpy_attribute

            name = numpy_attribute(func)
            if name in _RESET_FUNCTIONS and call.args:
                return [call.args[0].value]
            if name is None and func.attr.value in _RESET_METHODS:
                return [func.value]
        return []

    def _repeated_reset(self, reset, reset_scope: Scope, added, steps) -> bool:
        """The reset runs again between two steps that apply the sum."""
        for step in steps:
            if reset_scope is step.scope:
                common = self.common_loops(step.statement, [a for a, s in added if s is step.scope])
                if common:
                    # the outermost loop that repeats both: a reset anywhere inside it counts
                    if any(loop is common[-1] for loop in self.loops_of(reset)):
                        return True
                elif not step.scope.is_module:
                    return True  # re-created at every call of the function that steps
            elif not reset_scope.is_module and self._called(reset_scope):
                return True
        return False

    def common_loops(self, node, others) -> list:
        """The loops around `node` that also hold every one of `others`."""
        mine = self.loops_of(node)
        common = [loop for loop in mine if others and all(loop in self.loops_of(o) for o in others)]
        return common

    def _called(self, scope: Scope) -> bool:
        """A function or method (other than a constructor) that some code calls by its name."""
        node = scope.node
        if not isinstance(node, cst.FunctionDef) or node.name.value == "__init__":
            return False
        name = node.name.value
        for call, call_scope in self.model.builder.calls:
            if call_scope is scope:
                continue
            func = call.func
            if (isinstance(func, cst.Attribute) and func.attr.value == name) or (
                isinstance(func, cst.Name) and func.value == name
            ):
                return True
        return False

    def repeats(self, step: Step) -> bool:
        """The step runs more than once: in a loop, or in a function called in a loop."""
        if self.loops_of(step.statement):
            return True
        return self.called_repeatedly(step.scope)

    def called_repeatedly(self, scope: Scope) -> bool:
        """The function of `scope` is called in a loop (`self.update_mini_batch(batch, eta)` for
        each mini-batch): what it leaves in arrays that outlive the call carries over to the next."""
        node = scope.node
        if not isinstance(node, cst.FunctionDef):
            return False
        name = node.name.value
        for call, call_scope in self.model.builder.calls:
            func = call.func
            if (isinstance(func, cst.Attribute) and func.attr.value == name) or (
                isinstance(func, cst.Name) and func.value == name
            ):
                if self.loops_of(call):
                    return True
        return False

    # -- the fused cross-entropy gradient ----------------------------------------------------------
    @property
    def fused_derivatives(self) -> list[FusedDerivative]:
        if not hasattr(self, "_fused"):
            self._fused = list(self._find_fused())
        return self._fused

    def _find_fused(self) -> Iterator[FusedDerivative]:
        from nncheck.model.backward import backward_of
        from nncheck.model.losses import log_terms

        model = self.model
        outputs = [use for use in model.derivative_uses if use.forward.behaviour.kind in ("sigmoid", "softmax")]
        if not outputs:
            return
        logs = log_terms(model)
        if not logs:
            return
        backward = backward_of(model)
        seen: set = set()
        for use in outputs:
            log = next((t for t in logs if self._same_output(t.source, use.forward)), None)
            if log is None:
                continue
            chain = use.node
            parent = model.parent(chain)
            while isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Multiply):
                chain, parent = parent, model.parent(parent)
            if id(chain) in seen:
                continue
            factors = _factors(chain)
            signals = [f for f in factors if model.is_signal(f, use.scope)]
            if len(signals) != 1:
                continue
            (error,) = signals
            pure = backward.pure(error, use.scope)
            if pure is None or pure.weights or not pure.errors:
                continue  # a hidden delta, or an error that went through something else
            if not all(self._same_output(e.source, use.forward) for e in pure.errors):
                continue
            if not all(e.is_difference for e in pure.errors):
                continue  # `dA * s * (1 - s)` after the log loss's own derivative is the chain rule
            seen.add(id(chain))
            yield FusedDerivative(chain, error, [f for f in factors if f is not error], use, log, use.scope)

    def _same_output(self, source, application) -> bool:
        if source is application:
            return True
        target = getattr(source, "target", None)
        return target is not None and target == application.target

    # -- batch sizes and biases ---------------------------------------------------------------------
    def samples(self, expr, scope: Scope, layout: str, depth: int = 0) -> int | None:
        """How many samples the batch `expr` holds: an int (1 also when it may hold a single
        sample), MANY (more than one, size not written), or None (unknown)."""
        from nncheck.model.losses import layer_under, producer_of
        from nncheck.model.shapes import shapes

        if depth > 8:
            return None
        model = self.model
        axis = 0 if layout == "rows" else 1
        shape = shapes(model).shape_of(expr, scope)
        if shape is not None and len(shape) == 2 and isinstance(shape[axis], int):
            return shape[axis]
        if shape is not None and len(shape) < 2:
            return None  # a single sample as a vector
        source = producer_of(model, expr, scope)
        if source is not None:
            layer = layer_under(model, source)
            if layer is None or layer.layout != layout:
                return None
            return self.samples(layer.input, layer.scope, layout, depth + 1)
        if isinstance(expr, cst.Subscript):
            return self._sliced(expr, scope, layout, depth)
        if isinstance(expr, cst.Call):
            return self._created_samples(expr, scope, layout, depth)
        if not isinstance(expr, (cst.Name, cst.Attribute)):
            return None
        values = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
        if not values:
            return None
        # what a function receives at each call: a call that may pass a single sample makes the
        # count unknown; calls whose size cannot be read (a held-out tail `X[200:]`) do not
        counts = [self.samples(v, s, layout, depth + 1) for v, s in values]
        if any(c == 1 for c in counts):
            return 1
        known = [c for c in counts if c is not None]
        if not known:
            return None
        sizes = [c for c in known if c != MANY]
        return min(sizes) if sizes else MANY

    def _sliced(self, expr: cst.Subscript, scope, layout, depth) -> int | None:
        model = self.model
        axis = 0 if layout == "rows" else 1
        elements = expr.slice
        if len(elements) <= axis:
            return None
        index = elements[axis].slice
        if isinstance(index, cst.Slice):
            if index.step is not None:
                return None
            lower = 0 if index.lower is None else model.constant(index.lower, scope)
            upper = index.upper
            if upper is None:
                return None
            if isinstance(upper, cst.BinaryOperation) and isinstance(upper.operator, cst.Add) and index.lower is not None \
                    and code(upper.left) == code(index.lower):
                size = model.constant(upper.right, scope)
                return size if isinstance(size, int) and size > 0 else None
            bound = model.constant(upper, scope)
            if isinstance(lower, int) and isinstance(bound, int) and bound > lower >= 0:
                return bound - lower
            return None
        if isinstance(index, cst.Index) and isinstance(index.value, (cst.Name, cst.Attribute)):
            # X[batch] with an index array: as many samples as it has entries; X[i] with an
            # index whose values are not known may be one sample
            count = self._entries(index.value, scope, depth)
            return 1 if count is None else count
        if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
            return 1
        return None

    def _entries(self, expr, scope, depth) -> int | None:
        """The length of a 1-D index array: `idx[s:s + 32]`, a permutation slice."""
        if depth > 8:
            return None
        model = self.model
        values = [(v, s) for v, s in model.values(expr, scope) if v is not expr]
        if not values:
            return None
        counts = []
        for value, value_scope in values:
            if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Slice):
                counts.append(self._sliced(value, value_scope, "rows", depth + 1))
            else:
                return None
        if any(c is None or c == 1 for c in counts):
            return MANY if all(c != 1 for c in counts) and self._slice_of_permutation(values) else None
        return min(counts)

    def _slice_of_permutation(self, values) -> bool:
        """`perm[s:s + batch_size]`: a run of a shuffled index, whose length is the batch size."""
        model = self.model
        for value, value_scope in values:
            base = value.value
            found = [v for v, _ in model.values(base, value_scope) if v is not base]
            if not found or not all(
                isinstance(v, cst.Call) and isinstance(v.func, cst.Attribute) and v.func.attr.value == "permutation"
                for v in found
            ):
                return False
        return True

    def _created_samples(self, call: cst.Call, scope, layout, depth) -> int | None:
        """A data set built by a NumPy call whose size is not written out: more than one sample."""
        from nncheck.model.values import numpy_attribute

        name = numpy_attribute(call.func)
        if name is None:
            return None
        if name.split(".")[-1] in _DATA_CALLS:
            return MANY
        return None

    @property
    def batch_biases(self) -> list[BatchBias]:
        if not hasattr(self, "_batch_biases"):
            self._batch_biases = list(self._find_batch_biases())
        return self._batch_biases

    def _find_batch_biases(self) -> Iterator[BatchBias]:
        from nncheck.model.backward import backward_of, reduction

        model = self.model
        backward = backward_of(model)
        for pair in backward.pairs:
            layer = pair.layer
            if layer.bias is None or not pair.bias_updates:
                continue
            bias_shape = model.shape(layer.bias, layer.scope)
            if bias_shape is None or len(bias_shape) not in (1, 2):
                continue
            axis = 0 if layer.layout == "rows" else 1
            if len(bias_shape) == 2 and bias_shape[axis] != 1:
                continue
            if len(bias_shape) == 1 and layer.layout != "rows":
                continue
            for update in pair.bias_updates:
                delta = _strip_signed_scale(model, backward, update.rhs, update.scope)
                if reduction(delta) is not None or not isinstance(delta, (cst.Name, cst.Attribute, cst.Subscript)):
                    continue
                if not self._per_sample(delta, update.scope):
                    continue
                samples = self._batch_of_bias(layer, backward)
                if samples is None:
                    continue
                in_place = isinstance(update.statement, cst.AugAssign)
                yield BatchBias(update, layer, delta, bias_shape, samples, in_place)

    def _batch_of_bias(self, layer, backward) -> int | None:
        """The batch size the layers using this bias see: unknown when any of them (another
        product with the same parameters, say the training loop's) may see a single sample."""
        counts = []
        for other in backward.pairs:
            layer_b = other.layer
            if layer_b is not layer and not (
                layer_b.bias is not None and layer.bias_key is not None and layer_b.bias_key == layer.bias_key
            ) and not backward.same_storage(layer.bias_key, layer_b.bias, layer_b.scope):
                continue
            if layer_b.layout != layer.layout:
                return None
            counts.append(self.samples(layer_b.input, layer_b.scope, layer_b.layout))
        if any(c == 1 for c in counts):
            return None
        known = [c for c in counts if c is not None]
        if not known:
            return None
        sizes = [c for c in known if c != MANY]
        return min(sizes) if sizes else MANY

    def _per_sample(self, delta, scope) -> bool:
        """The delta, followed through names, reaches an unreduced value that is also paired with
        a transposed activation in a matrix product (a weight gradient): one row per sample."""
        from nncheck.model.backward import backward_of, reduction

        model = self.model
        backward = backward_of(model)
        pending = [(delta, scope, 0)]
        while pending:
            expr, expr_scope, depth = pending.pop()
            if depth > 6:
                continue
            expr = backward.strip_scale(expr, expr_scope)
            if reduction(expr) is not None:
                return False
            if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)):
                if self._in_weight_gradient(expr, expr_scope):
                    return True
                # one assignment at a time (`db1 = delta2`, then delta2's own value), so that each
                # name on the way is asked whether a weight gradient pairs it
                key = model.key(expr, expr_scope)
                defs = [d for d in model.defs(key) if d.value is not None and d.augmented is None]
                if key is not None and key[0] == "local" and key[2] in key[1].params:
                    defs = []
                for definition in defs:
                    if definition.value is not expr:
                        pending.append((definition.value, definition.scope, depth + 1))
                if not defs:
                    for value, value_scope in model.values(expr, expr_scope):
                        if value is not expr:
                            pending.append((value, value_scope, depth + 1))
        return False

    def _in_weight_gradient(self, expr, scope) -> bool:
        model = self.model
        key = model.key(expr, scope)
        text = code(expr)
        for node, node_scope in model.builder.scope_of_node.items():
            if node_scope is not scope:
                continue
            factors = matrix_product(node)
            if factors is None:
                continue
            for mine, other in (factors, factors[::-1]):
                mine, other = model.unscaled(mine), model.unscaled(other)
                if transposed_base(other) is other or transposed_base(mine) is not mine:
                    continue
                if (key is not None and model.key(mine, scope) == key) or (key is None and code(mine) == text):
                    return True
        return False

    # -- which input each weight gradient pairs with ------------------------------------------------
    def chain_number(self, layer) -> int | None:
        """The layer's position from the data, counting from 1 (None when it cannot be told)."""
        from nncheck.model.losses import layer_under, producer_of

        number, current, seen = 1, layer, set()
        while True:
            if id(current) in seen or number > 12:
                return None
            seen.add(id(current))
            source = producer_of(self.model, current.input, current.scope)
            if source is None:
                return number
            below = layer_under(self.model, source)
            if below is None:
                return None
            current, number = below, number + 1

    def layer_of_delta(self, delta, scope):
        """The layer a delta belongs to, when every sign agrees: the activation derivative it is
        multiplied by, the layer whose output the weights it was sent back through received,
        or — for a bare error with neither — the layer whose output the error compares."""
        from nncheck.model.backward import backward_of
        from nncheck.model.losses import layer_under

        model = self.model
        backward = backward_of(model)
        found: dict = {}
        local = {id(node) for node, _ in backward.local_nodes(delta, scope)}
        for use in model.derivative_uses:
            if id(use.node) in local:
                layer = layer_under(model, use.forward)
                found[id(layer)] = layer
        hidden = backward.hidden_source(delta, scope)
        if hidden is not None:
            layer = layer_under(model, hidden)
            found[id(layer)] = layer
        if not found:
            pure = backward.pure(delta, scope)
            if pure is None or pure.weights or not pure.errors:
                return None
            for error in pure.errors:
                layer = layer_under(model, error.source)
                found[id(layer)] = layer
        if len(found) != 1:
            return None
        return next(iter(found.values()))

    @property
    def mispaired_gradients(self) -> list[MisPairedGradient]:
        if not hasattr(self, "_mispaired"):
            self._mispaired = list(self._find_mispaired())
        return self._mispaired

    def _find_mispaired(self) -> Iterator[MisPairedGradient]:

        model = self.model
        layers = [layer for layer in model.layers if not layer.bias_inside]
        if len(layers) < 2:
            return
        for node, scope in model.builder.scope_of_node.items():
            factors = matrix_product(node)
            if factors is None:
                continue
            first, second = model.unscaled(factors[0]), model.unscaled(factors[1])
            for transposed, delta, layout in ((first, second, "rows"), (second, first, "columns")):
                activation = transposed_base(transposed)
                if activation is transposed or transposed_base(delta) is not delta:
                    continue
                if not model.is_signal(delta, scope) or model.is_signal(activation, scope):
                    continue
                layer = self.layer_of_delta(delta, scope)
                if layer is None or layer.layout != layout:
                    continue
                if self._received(layer, activation, scope):
                    continue
                wrong = self._which(activation, scope, layers, layer)
                if wrong is None:
                    continue
                number = self.chain_number(layer)
                if number is None:
                    continue
                yield MisPairedGradient(node, transposed, delta, layer, number, wrong[0], wrong[1], scope, wrong[2])

    def _received(self, layer, activation, scope) -> bool:
        """`activation` may hold what `layer` received (so silence)."""
        model = self.model
        mine = {id(v) for v, _ in model.values(activation, scope)}
        theirs = {id(v) for v, _ in model.values(layer.input, layer.scope)}
        if mine & theirs:
            return True
        key = model.key(activation, scope)
        if key is not None and key == model.key(layer.input, layer.scope):
            return True
        return code(activation) == code(layer.input) and scope is layer.scope

    def _which(self, activation, scope, layers, layer):
        """What `activation` certainly is instead: another layer's input, or this layer's own
        output. None when it cannot be told for sure."""
        from nncheck.model.losses import layer_under, producer_of

        model = self.model
        source = producer_of(model, activation, scope)
        if source is not None:
            below = layer_under(model, source)
            if below is layer or (below is not None and below.weight_key is not None and below.weight_key == layer.weight_key):
                number = self.chain_number(layer)
                return ("output", number, layer) if number is not None else None
            return None
        # data the network did not compute: the input of the first layer, if only of that one
        mine = {id(v) for v, _ in model.values(activation, scope)} | {id(activation)}
        key = model.key(activation, scope)
        for other in layers:
            if other is layer or other.layout != layer.layout:
                continue
            theirs = {id(v) for v, _ in model.values(other.input, other.scope)} | {id(other.input)}
            same = (key is not None and key == model.key(other.input, other.scope)) or bool(mine & theirs - {id(other.input)} - {id(activation)})
            if same and producer_of(model, other.input, other.scope) is None:
                number = self.chain_number(other)
                if number is not None and number != self.chain_number(layer):
                    return ("input", number, other)
        return None

    @property
    def mismatched_steps(self) -> list[MismatchedStep]:
        """Steps that apply a mis-paired weight gradient whose shape differs from the weight's:
        the gradient's rows count what the wrong array has (another layer's inputs, this
        layer's units) instead of this layer's inputs."""
        if not hasattr(self, "_mismatched"):
            self._mismatched = list(self._find_mismatched())
        return self._mismatched

    def _find_mismatched(self) -> Iterator[MismatchedStep]:
        model = self.model
        for gradient in self.mispaired_gradients:
            layer, other = gradient.layer, gradient.other
            weight = model.shape(layer.weight, layer.scope)
            other_weight = model.shape(other.weight, other.scope) if other is not None else None
            if weight is None or other_weight is None or len(weight) != 2 or len(other_weight) != 2:
                continue
            rows = layer.layout == "rows"
            if gradient.wrong == "input":
                count = other_weight[0] if rows else other_weight[1]
            else:
                count = other_weight[1] if rows else other_weight[0]
            units = weight[1] if rows else weight[0]
            shape = (count, units) if rows else (units, count)
            if not all(isinstance(d, int) for d in shape + tuple(weight)) or shape == tuple(weight):
                continue
            for step in self.steps:
                if self._applies_node(step, gradient.product):
                    yield MismatchedStep(step, gradient, tuple(weight), shape)

    @property
    def grown_steps(self) -> list[GrownStep]:
        """Steps of a trained parameter whose update, by the static shapes of both, would make it
        bigger (every size known): the gradient was not reduced over the samples."""
        if not hasattr(self, "_grown"):
            self._grown = list(self._find_grown())
        return self._grown

    def _find_grown(self) -> Iterator[GrownStep]:
        model = self.model
        analysis = shapes(model)
        for step in self.steps:
            if not model.is_trained(step.target, step.scope):
                continue
            parameter = model.shape(step.target, step.scope)
            if not parameter or not all(isinstance(d, int) for d in parameter):
                continue
            update = analysis.shape_of(step.rhs, step.scope)
            if update is None or not all(isinstance(d, int) for d in update):
                continue
            result = broadcast(tuple(parameter), update)
            if result is None or not all(isinstance(d, int) for d in result):
                continue
            if _size(result) > _size(parameter):
                yield GrownStep(step, tuple(parameter), tuple(update), tuple(result))

    def _applies_node(self, step: Step, product) -> bool:
        model = self.model
        inside = {id(node) for node in model.walk(step.rhs)}
        if id(product) in inside:
            return True
        for node in model.walk(step.rhs):
            if isinstance(node, (cst.Name, cst.Attribute)):
                for value, _ in model.values(node, step.scope):
                    if value is product or id(product) in {id(n) for n in model.walk(value)}:
                        return True
        return False

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


def _factors(node) -> list:
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        return _factors(node.left) + _factors(node.right)
    return [node]


def _target_path(target: cst.BaseExpression, name: str) -> tuple | None:
    """Where `name` sits in a `for` target: () for the whole target, (1, 0) for `i, (w, g)`."""
    if isinstance(target, cst.Name):
        return () if target.value == name else None
    if isinstance(target, (cst.Tuple, cst.List)):
        for index, element in enumerate(target.elements):
            inner = _target_path(element.value, name)
            if inner is not None:
                return (index,) + inner
    return None


def _iterated(iterable: cst.BaseExpression, path: tuple) -> list:
    """The containers whose elements a loop variable at `path` takes."""
    if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute) and not iterable.args:
        # grads.values(), grads.items(): the dict's arrays
        method = iterable.func.attr.value
        if method == "values" and not path:
            return [iterable.func.value]
        if method == "items" and path[:1] == (1,):
            return [iterable.func.value]
    if not path:
        if isinstance(iterable, (cst.Tuple, cst.List)):
            return [element.value for element in iterable.elements]
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value == "reversed":
            return [iterable.args[0].value] if iterable.args else []
        return [iterable]
    if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name):
        args = [arg.value for arg in iterable.args if arg.keyword is None and not arg.star]
        if iterable.func.value == "zip" and path[0] < len(args):
            return _iterated(args[path[0]], path[1:])
        if iterable.func.value == "enumerate" and path[0] == 1 and args:
            return _iterated(args[0], path[1:])
        if iterable.func.value == "reversed" and args:
            return _iterated(args[0], path)
    return []


def _elements(target: cst.BaseExpression) -> list:
    if isinstance(target, (cst.Tuple, cst.List)):
        return [e for element in target.elements for e in _elements(element.value)]
    if isinstance(target, cst.StarredElement):
        return _elements(target.value)
    return [target]


def _is_zero(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, (cst.Integer, cst.Float)) and float(expr.value.replace("_", "")) == 0.0


def _bound_names(target: cst.BaseExpression) -> list[str]:
    """The plain names an assignment target rebinds (`a`, `a, b`), not those it writes into."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _bound_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _bound_names(target.value)
    return []


__all__ = ["Accumulator", "BatchBias", "MisPairedGradient", "MismatchedStep", "FusedDerivative", "MANY", "StaleRead", "Step", "Training", "training_of"]


def _strip_signed_scale(model, backward, expr, scope):
    """`db` for `lr * db`, and also for `-lr * db` and `-(lr * db)` (`b += -epsilon * db`): the
    array a signed scale factor multiplies. Only the array is wanted here, not the sign."""
    for _ in range(4):
        expr = backward.strip_scale(expr, scope)
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, (cst.Minus, cst.Plus)):
            expr = expr.expression
            continue
        if (
            isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Multiply)
            and isinstance(expr.left, cst.UnaryOperation) and isinstance(expr.left.operator, (cst.Minus, cst.Plus))
            and model.is_scale(expr.left.expression, scope) and not model.is_signal(expr.left.expression, scope)
        ):
            expr = expr.right
            continue
        break
    return expr


def _size(shape) -> int:
    total = 1
    for d in shape:
        total *= d
    return total
