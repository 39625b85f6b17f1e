"""The model's loss and metric facts (nncheck/model/losses.py), and a model regression found
while building them: an empty tuple inside an inline activation."""
from __future__ import annotations

import libcst as cst

from nncheck.engine import check_text
from nncheck.model.losses import arg_reductions, batch_of, comparisons, log_terms, producer_of, units_of
from nncheck.model.network import Application, Layer, NetworkModel
from nncheck.model.parse import parse
from nncheck.model.values import code

NET = """\
import numpy as np
def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
X = np.random.randn(50, 4)
labels = np.random.randint(0, 3, size=50)
Y = np.eye(3)[labels]
W1 = np.random.randn(4, 6)
W2 = np.random.randn(6, 3)
for step in range(10):
    h = np.tanh(X @ W1)
    p = softmax(h @ W2)
    q = np.clip(p, 1e-9, 1.0)
    loss = -np.mean(np.sum(Y * np.log(p), axis=1)) - np.mean(np.log(q)) + np.mean(np.log(p + 1e-9))
    W2 -= 0.1 * h.T @ (p - Y)
    W1 -= 0.1 * X.T @ ((p - Y) @ W2.T * (1 - h ** 2))
acc = np.mean(np.argmax(p, axis=1) == labels)
raw = np.mean(p == Y)
"""


def build(text: str) -> NetworkModel:
    return NetworkModel.build(parse(text), "t.py", text)


def node_named(model: NetworkModel, name: str):
    for node, scope in model.builder.scope_of_node.items():
        if isinstance(node, cst.Name) and node.value == name:
            return node, scope
    raise AssertionError(name)


def test_source_batch_and_units_follow_the_layers() -> None:
    model = build(NET)
    node, scope = node_named(model, "p")
    source = producer_of(model, node, scope)
    assert isinstance(source, Application) and source.behaviour.kind == "softmax"
    batch = batch_of(model, source)
    assert batch is not None and (batch.layout, batch.samples, batch.sample_axis) == ("rows", 50, 0)
    assert units_of(model, source) == 3
    clipped, clipped_scope = node_named(model, "q")
    assert producer_of(model, clipped, clipped_scope) is None  # a clipped copy is no output


def test_log_terms_see_guards() -> None:
    terms = {code(term.node): term for term in log_terms(build(NET))}
    # `q = np.clip(p, ...)` then `np.log(q)`: the log of the output p, guarded by the clip
    assert set(terms) == {"np.log(p)", "np.log(q)", "np.log(p + 1e-9)"}
    assert terms["np.log(p)"].guard is None and terms["np.log(p + 1e-9)"].guard == "epsilon"
    assert terms["np.log(q)"].guard == "clip" and code(terms["np.log(q)"].output) == "p"


def test_comparisons_and_arg_reductions() -> None:
    model = build(NET)
    assert [code(c.node) for c in comparisons(model)] == ["p == Y"]
    axes = {code(r.node): r.axis for r in arg_reductions(model)}
    assert axes["np.argmax(p, axis=1)"] == 1


def test_identity_output_is_a_layer_source() -> None:
    model = build(
        "import numpy as np\nX = np.random.randn(9, 2)\nw = np.random.randn(2, 1)\n"
        "for _ in range(3):\n    out = X @ w\n    w -= 0.1 * X.T @ (out - 1)\n"
    )
    node, scope = node_named(model, "out")
    assert isinstance(producer_of(model, node, scope), Layer)


def test_an_empty_tuple_in_an_inline_expression_is_no_internal_error() -> None:
    text = "import numpy as np\nX = np.random.randn(5, 2)\nW = np.random.randn(2, 2)\nW -= 0.1 * X.T @ X\nz = np.tanh(X @ W).reshape(() + (5, 2))\n"
    result = check_text(text, "t.py")
    assert not result.errors, result.errors
