"""Helpers the rules use to build their fixes: exact source text of a node, the name numpy is
imported under, and edits by node. A fix is a few text edits computed from libcst nodes' positions,
so everything the fix does not name (formatting, comments, other lines) stays byte for byte."""
from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from nncheck.diagnostics import Applicability, Edit, Fix, Position, line_starts
from nncheck.model import matrix_product, transposed_base

if TYPE_CHECKING:
    from nncheck.model import NetworkModel


def _line_starts(model: "NetworkModel") -> list[int]:
    return model.facts(_source_line_starts)


def _source_line_starts(model: "NetworkModel") -> list[int]:
    return line_starts(model.source)


def offset(model: "NetworkModel", position: Position) -> int:
    return _line_starts(model)[position.line - 1] + position.column - 1


def source_of(model: "NetworkModel", node: cst.CSTNode) -> str:
    """The node's text exactly as written (line breaks and comments inside it included)."""
    start, end = model.span(node)
    return model.source[offset(model, start) : offset(model, end)]


def edit(model: "NetworkModel", node: cst.CSTNode, content: str) -> Edit:
    start, end = model.span(node)
    return Edit(start, end, content)


def fix(title: str, edits, applicability: Applicability = Applicability.SAFE) -> Fix:
    # Sorted and without repeats, so that two rules proposing the same change offer equal edits.
    unique = sorted(set(edits), key=lambda e: (e.start, e.end, e.content))
    return Fix(title=title, edits=tuple(unique), applicability=applicability)


def numpy_name(model: "NetworkModel") -> str | None:
    """How the module reaches numpy (`np` for `import numpy as np`), if it imports it whole at
    module level; None otherwise (then a fix that needs numpy is not offered)."""
    return model.facts(_numpy_name)


def _numpy_name(model: "NetworkModel") -> str | None:
    found = None
    for statement in model.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if isinstance(alias.name, cst.Name) and alias.name.value == "numpy":
                        if alias.asname is None:
                            found = "numpy"
                        elif isinstance(alias.asname.name, cst.Name):
                            found = alias.asname.name.value
    return found


def needs_parentheses(node: cst.CSTNode, model: "NetworkModel") -> bool:
    """Whether an expression of lower precedence than a call put in place of `node` needs
    parentheses: everywhere except where a whole expression stands on its own."""
    parent = model.parent(node)
    return not isinstance(
        parent,
        (cst.Assign, cst.Arg, cst.Return, cst.AugAssign, cst.AnnAssign, cst.Element, cst.Expr,
         cst.DictElement, cst.SubscriptElement, cst.Index, cst.FormattedStringExpression),
    )


def after_imports(model: "NetworkModel") -> Position | None:
    """Where a new module-level helper goes: the start of the line after the last import of the
    module's leading imports (docstring, comments and `from __future__` included)."""
    last = None
    for statement in model.module.body:
        if isinstance(statement, cst.SimpleStatementLine) and all(
            isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
        ):
            last = statement
            continue
        if (
            isinstance(statement, cst.SimpleStatementLine)
            and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
            and last is None
        ):
            continue  # the module docstring
        break
    if last is None:
        return None
    _, end = model.span(last)
    return Position(end.line + 1, 1)


def in_place_of(node: cst.CSTNode, text: str, model: "NetworkModel", atomic: bool = False) -> str:
    """`text` ready to stand where `node` is: in parentheses unless it is atomic (a call, a name)
    or the place takes a whole expression, or it is the left operand of a `*` and itself a
    product (`a * b` there reads the same)."""
    if atomic or not needs_parentheses(node, model):
        return text
    parent = model.parent(node)
    if (
        isinstance(parent, cst.BinaryOperation)
        and isinstance(parent.operator, cst.Multiply)
        and parent.left is node
        and text.count("*") == 1
        and "**" not in text
    ):
        return text
    return f"({text})"


def summed_delta_edits(model: "NetworkModel", layer, update, product) -> list:
    """For a bias updated with its layer's weight gradient (`product` as the model's Backward
    finds it), the edits that put the summed deltas where the weight gradient is: the product itself
    (`0.1 * X.T @ d` → `0.1 * np.sum(d, ...)`), or the name that holds it in this update."""
    np_ = numpy_name(model)
    node, delta, through = product
    if np_ is None:
        return []
    axis = 0 if layer.layout == "rows" else 1
    try:
        delta_text = source_of(model, delta)
        summed = f"{np_}.sum({delta_text}, axis={axis}, keepdims=True)"
        if through is not None:
            # `b -= lr * grad` with `grad = X.T @ delta` on a line of its own (also used for
            # the weights): change this update only, and only if the delta is visible here.
            if through[1] is not update.scope or "\n" in delta_text or "#" in delta_text:
                return []
            return [edit(model, through[0], summed)]
        factors = matrix_product(node)
        mine = next(
            side for side in factors
            if transposed_base(model.unscaled(side)) is not side and side is not delta
        )
        transposed = model.unscaled(mine)
        text = source_of(model, node)
        start = offset(model, model.span(node)[0])
        begin = offset(model, model.span(mine)[0]) - start
        cut_from = offset(model, model.span(transposed)[0]) - start
        cut_to = offset(model, model.span(transposed)[1]) - start
        end = offset(model, model.span(mine)[1]) - start
    except (KeyError, StopIteration):
        return []
    content = text[begin:cut_from] + summed + text[cut_to:end]
    if "#" in content or "\n" in content:
        return []
    return [edit(model, node, content)]
