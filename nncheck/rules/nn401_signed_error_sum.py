from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import code, FunctionInfo, numpy_attribute, positional_args
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix, numpy_name, source_of

_NET = (
    "import numpy as np\n"
    "X = np.random.rand(8, 3)\n"
    "y = np.random.rand(8, 1)\n"
    "W = np.random.randn(3, 1)\n"
    "history = []\n"
    "for epoch in range(100):\n"
    "    out = 1 / (1 + np.exp(-(X @ W)))\n"
    "    error = y - out\n"
    "    W += 0.1 * X.T @ (error * out * (1 - out))\n"
)

_REDUCTIONS = {"sum", "mean", "average", "nansum", "nanmean"}
_CONVERSIONS = {"str", "float", "round", "repr", "item"}
_LOGGING = {"print", "info", "debug", "warning", "log", "write", "append", "extend", "add_scalar", "set_description", "set_postfix"}


class SignedErrorSum(Rule):
    """
    ## What it does
    Finds signed errors (target − prediction, or the reverse) summed or averaged without
    `abs` or a square, and then printed, logged or collected as a loss or progress figure.

    ## Why is this bad?
    Positive and negative errors cancel. A network that is wrong by +0.9 on one sample and by
    −0.9 on another shows an "error" of 0, and a figure that hovers near 0 hides whether the
    network learns at all.

    ## Example
    ```python
    error = y - out
    print("error:", np.sum(error))
    ```

    ## Use instead
    ```python
    print("error:", np.mean(np.abs(error)))   # or the loss, np.mean(error ** 2)
    ```

    ## Fix safety
    Safe: the sum or mean becomes the mean absolute error, `np.mean(np.abs(error))` (its other
    arguments, such as `axis`, kept). Only the figure that is printed or logged changes, and the
    rule proved that this figure hides the errors.
    """

    code = "NN401"
    name = "signed-error-sum"
    severity = Severity.WARNING
    summary = "signed errors summed into a loss or progress figure: they cancel"
    fix_availability = "sometimes"

    VALID = [
        Valid(_NET + "    print('error:', np.mean(np.abs(error)))\n"),
        Valid(_NET + "    history.append(np.mean(error ** 2))\n"),
        # the summed delta is the bias gradient: a sum over signed values is right there
        Valid(_NET + "    b_grad = np.sum(error, axis=0)\n    W -= 0.1 * b_grad\n"),
        Valid(_NET + "    print(f'loss {np.sum(np.square(error)):.4f}')\n"),
    ]
    INVALID = [
        Invalid(
            _NET + "    print('error:', np.sum(error))\n",
            at="print('error:', np.sum(error))",
            says=("'error'", "cancel", "np.mean(np.abs(error))"),
            fixed=_NET + "    print('error:', np.mean(np.abs(error)))\n",
        ),
        Invalid(
            _NET + "    total = error.mean()\n    history.append(total)\n",
            at="total = error.mean()",
            says=("'error'",),
            fixed=_NET + "    total = np.mean(np.abs(error))\n    history.append(total)\n",
        ),
        Invalid(
            _NET + "    if epoch % 10 == 0:\n        print(f'epoch {epoch}: {np.mean(out - y):.3f}')\n",
            at="print(f'epoch {epoch}",
            says=("prediction − target",),
            fixed=_NET + "    if epoch % 10 == 0:\n        print(f'epoch {epoch}: {np.mean(np.abs(out - y)):.3f}')\n",
        ),
    ]

    def check(self):
        model = self.model
        error_nodes = {error.node: error for error in model.errors if error.is_difference}
        for node, scope in model.nodes(cst.Call):
            summed = _reduced(node)
            if summed is None:
                continue
            error = self._signed_error(summed, scope, error_nodes)
            if error is None:
                continue
            if not self._reported_as_figure(node, scope):
                continue
            name = code(summed)
            squared = f"({name})" if isinstance(summed, cst.BinaryOperation) else name
            sign = "target − prediction" if error.sign == "target-prediction" else "prediction − target"
            yield self.report(
                node,
                f"signed errors '{name}' ({sign}) are summed into a progress figure: positive and "
                f"negative errors cancel, so it stays near 0 even when the network is wrong; use "
                f"`np.mean(np.abs({name}))` or the loss `np.mean({squared} ** 2)`",
                fix=self._fix(node, summed),
            )

    def _fix(self, call: cst.Call, summed: cst.BaseExpression):
        """`np.sum(e, axis=0)` → `np.mean(np.abs(e), axis=0)`; `e.mean()` / `sum(e)` alike."""
        model = self.model
        np_ = numpy_name(model)
        if np_ is None:
            return None
        try:
            error = source_of(model, summed)
            rest = [source_of(model, arg) for arg in call.args if arg.value is not summed]
        except KeyError:
            return None
        if any("#" in part or "\n" in part for part in [error, *rest]):
            return None
        if isinstance(call.func, cst.Attribute) and numpy_attribute(call.func) is None:
            rest = [source_of(model, arg) for arg in call.args]  # e.sum(axis=0): all keywords
        arguments = ", ".join([f"{np_}.abs({error})", *rest])
        return fix("Use the mean absolute error", [edit(model, call, f"{np_}.mean({arguments})")])

    def _signed_error(self, expr, scope, error_nodes, depth=0):
        """The error term this expression holds unchanged: the difference itself, a name
        assigned from it, or the value returned by a function that returns it."""
        if expr in error_nodes:
            return error_nodes[expr]
        if depth > 4:
            return None
        model = self.model
        if isinstance(expr, cst.Call):
            target = model.resolve_callable(expr.func, scope)
            if isinstance(target, FunctionInfo) and len(target.scope.returns) == 1:
                return self._signed_error(target.scope.returns[0], target.scope, error_nodes, depth + 1)
            return None
        key = model.key(expr, scope)
        if key is None:
            return None
        defs = [d for d in model.defs(key) if d.value is not None]
        if len(defs) != 1 or defs[0].augmented is not None or len(model.defs(key)) != 1:
            return None
        return self._signed_error(defs[0].value, defs[0].scope, error_nodes, depth + 1)

    def _reported_as_figure(self, node, scope, depth: int = 0) -> bool:
        """The value ends up printed, logged, formatted or collected: directly, or through a
        name assigned from it."""
        model = self.model
        current = node
        while True:
            parent = model.parent(current)
            if parent is None or isinstance(parent, (cst.SimpleStatementLine, cst.IndentedBlock)):
                return False
            if isinstance(parent, (cst.FormattedStringExpression,)):
                return True
            if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Modulo) and isinstance(parent.left, (cst.SimpleString, cst.ConcatenatedString)):
                return True
            if isinstance(parent, cst.Arg):
                current = parent
                continue
            if isinstance(parent, cst.Call) and current is not parent.func:
                name = code(parent.func).split(".")[-1]
                if name in _LOGGING or name == "format":
                    return True
                if name in _CONVERSIONS:
                    current = parent
                    continue
                return False  # passed to some other function (abs, a gradient step, ...)
            if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
                key = model.key(parent.targets[0].target, scope)
                return key is not None and depth < 3 and self._name_reported(key, scope, depth + 1)
            if isinstance(parent, cst.AugAssign) and isinstance(parent.operator, cst.AddAssign):
                # total_error += np.sum(err); ... print(total_error)
                key = model.key(parent.target, scope)
                return key is not None and depth < 3 and self._name_reported(key, scope, depth + 1)
            if (
                isinstance(parent, cst.BinaryOperation)
                and isinstance(parent.operator, cst.Add)
                and any(_stringy(side) for side in (parent.left, parent.right))
            ):
                current = parent  # "Error: " + str(np.mean(error))
                continue
            if isinstance(parent, (cst.BinaryOperation, cst.UnaryOperation)):
                return False  # part of a larger computation, e.g. a gradient
            current = parent

    def _name_reported(self, key, scope, depth: int) -> bool:
        model = self.model
        for other, other_scope in model.nodes(cst.Name, cst.Attribute):
            if isinstance(other, (cst.Name, cst.Attribute)) and other_scope is scope:
                parent = model.parent(other)
                if isinstance(parent, cst.AssignTarget):
                    continue
                if isinstance(parent, cst.AugAssign) and parent.target is other:
                    continue
                if model.key(other, other_scope) == key and self._reported_as_figure(other, scope, depth):
                    return True
        return False


def _stringy(node) -> bool:
    """A string being built: a literal, str(...), or a concatenation that contains one."""
    if isinstance(node, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return True
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("str", "repr"):
        return True
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        return _stringy(node.left) or _stringy(node.right)
    return False


def _reduced(node) -> cst.BaseExpression | None:
    """The array a sum/mean reduces: np.sum(e), sum(e), e.sum(), e.mean()."""
    if not isinstance(node, cst.Call):
        return None
    name = numpy_attribute(node.func)
    args = positional_args(node)
    if name in _REDUCTIONS and args:
        return args[0]
    if isinstance(node.func, cst.Name) and node.func.value == "sum" and len(args) == 1:
        return args[0]
    if isinstance(node.func, cst.Attribute) and name is None and node.func.attr.value in ("sum", "mean") and not args:
        return node.func.value
    return None
