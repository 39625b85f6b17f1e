"""Unit tests for nncheck.model.shapes: shapes carried through the code, dtypes, chains."""
from __future__ import annotations

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper

from nncheck.model import NetworkModel
from nncheck.model.shapes import broadcast, broadcast_fails, matmul_shape, shapes, show


def analyse(source: str):
    model = NetworkModel.build(MetadataWrapper(cst.parse_module(source)), "t.py", source)
    analysis = shapes(model)
    values = {}
    for node, scope in model.builder.scope_of_node.items():
        if isinstance(node, cst.Assign) and isinstance(node.targets[0].target, cst.Name):
            values[node.targets[0].target.value] = (node.value, scope)
    return model, analysis, values


def shape(source: str, name: str):
    _, analysis, values = analyse(source)
    return analysis.shape_of(*values[name])


def dtype(source: str, name: str):
    _, analysis, values = analyse(source)
    return analysis.dtype_of(*values[name])


NET = (
    "import numpy as np\n"
    "def act(z):\n"
    "    return 1 / (1 + np.exp(-z))\n"
    "X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])\n"
    "y = np.array([0, 1, 1, 0])\n"
    "n = 7\n"
    "W = np.random.randn(2, 3)\n"
    "V = np.zeros((3, 1))\n"
    "Z = np.random.randn(n, 2)\n"
)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("X @ W", (4, 3)),
        ("np.dot(X, W)", (4, 3)),
        ("X.dot(W)", (4, 3)),
        ("act(X @ W) @ V", (4, 1)),
        ("W.T", (3, 2)),
        ("np.transpose(W)", (3, 2)),
        ("y.reshape(-1, 1)", (4, 1)),
        ("y.reshape((1, -1))", (1, 4)),
        ("(X @ W @ V).ravel()", (4,)),
        ("X.sum(axis=0)", (2,)),
        ("X.sum(axis=1, keepdims=True)", (4, 1)),
        ("np.mean(X)", ()),
        ("X - y.reshape(-1, 1)", (4, 2)),
        ("y - act(X @ W @ V)", (4, 4)),
        ("Z @ W", (7, 3)),
        ("np.maximum(0, Z @ W)", (7, 3)),
        ("X[:, 0]", (4,)),
        ("X[:, :1]", (4, 1)),
        ("y[:, None]", (4, 1)),
        ("np.zeros_like(W)", (2, 3)),
        ("np.hstack((X, X @ W))", (4, 5)),
        ("np.arange(n)", (7,)),
        ("np.eye(3)", (3, 3)),
    ],
)
def test_shape_through_expressions(expression: str, expected) -> None:
    assert shape(NET + f"r = {expression}\n", "r") == expected


@pytest.mark.parametrize(
    "expression",
    [
        "X @ V",  # inner dims 2 and 3 cannot match
        "np.dot(X, W, V)",  # np.dot with an out buffer
        "np.loadtxt('data.csv')",
        "X[y]",  # fancy indexing
        "np.random.rand(3, 4) @ np.random.rand(5, 6)",
    ],
)
def test_unknown_stays_unknown(expression: str) -> None:
    assert shape(NET + f"r = {expression}\n", "r") is None


def test_symbolic_sizes_and_parameters_bound_at_call_sites() -> None:
    source = (
        "import numpy as np\n"
        "def make(n_in, n_hidden):\n"
        "    M = np.random.randn(n_in, n_hidden)\n"
        "    return M\n"
        "def layer(inp, weights):\n"
        "    r = inp @ weights\n"
        "    return r\n"
        "A = np.random.rand(10, 3)\n"
        "B = np.random.randn(3, 4)\n"
        "layer(A, B)\n"
    )
    assert shape(source, "M") == ("n_in", "n_hidden")
    assert shape(source, "r") == (10, 4)


def test_several_call_sites_keep_only_the_dims_they_share() -> None:
    source = (
        "import numpy as np\n"
        "def f(batch):\n"
        "    r = batch * 2\n"
        "    return r\n"
        "f(np.random.rand(10, 3))\n"
        "f(np.random.rand(20, 3))\n"
    )
    assert shape(source, "r") == (None, 3)


def test_a_name_defined_through_itself_keeps_a_shape_only_when_every_step_keeps_it() -> None:
    source = "import numpy as np\na = np.random.rand(4, 3)\nfor _ in range(3):\n    a = a @ np.ones((3, 3))\nr = a\n"
    assert shape(source, "r") == (4, 3)
    source = "import numpy as np\na = np.random.rand(4, 3)\nfor _ in range(3):\n    a = a @ np.ones((3, 5))\nr = a\n"
    assert shape(source, "r") is None
    source = "import numpy as np\nfor _ in range(3):\n    a = a @ np.ones((3, 3))\nr = a\n"
    assert shape(source, "r") is None


def test_star_arguments_hide_the_defaults() -> None:
    source = (
        "import numpy as np\n"
        "class Net:\n"
        "    def __init__(self, n_in=2, n_out=1):\n"
        "        W = np.random.randn(n_in, n_out)\n"
        "config = {'n_in': 5}\n"
        "Net(**config)\n"
    )
    assert shape(source, "W") == ("n_in", "n_out")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("np.array([[1, 2], [3, 4]])", "int"),
        ("np.array([[1, 2]], dtype=float)", "float"),
        ("np.zeros((2, 2), dtype=int)", "int"),
        ("np.zeros((2, 2), dtype=np.int32)", "int"),
        ("np.zeros((2, 2), 'float32')", "float"),
        ("np.zeros((2, 2))", "float"),
        ("np.full((2, 2), 3)", "int"),
        ("np.full((2, 2), 0.5)", "float"),
        ("np.random.randint(0, 3, (2, 2))", "int"),
        ("np.random.randint(0, 3, (2, 2)) * 0.1", "float"),
        ("np.random.randint(0, 3, (2, 2)) / 2", "float"),
        ("np.random.randn(2, 2).astype(int)", "int"),
        ("np.ones((2, 2), dtype=bool)", "bool"),
    ],
)
def test_dtype(expression: str, expected: str) -> None:
    assert dtype(f"import numpy as np\nr = {expression}\n", "r") == expected


def test_chains() -> None:
    model, analysis, _ = analyse(
        "import numpy as np\n"
        "a = b = np.zeros(3)\n"
        "c = 1\n"
        "d = d = np.zeros(3)\n"
        "class K:\n"
        "    def __init__(self):\n"
        "        self.m = self.v = np.zeros(2)\n"
    )
    assert [[key[-1] for key in chain.keys] for chain in analysis.chains] == [["a", "b"], ["m", "v"]]


def test_helpers() -> None:
    assert broadcast((4,), (4, 1)) == (4, 4)
    assert broadcast(("n", 1), (1, 3)) == ("n", 3)
    assert broadcast((4, 2), (3, 2)) is None
    assert broadcast(("n", 2), (3, 2)) == (None, 2)
    assert broadcast_fails((4, 2), (3, 2)) and not broadcast_fails(("n", 2), (3, 2))
    assert matmul_shape((4, 2), (2, 5)) == (4, 5)
    assert matmul_shape((2,), (2, 5)) == (5,)
    assert matmul_shape((4, 2), (3, 5)) is None
    assert show((3,)) == "(3,)" and show((None, "n")) == "(?, n)"


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("(X @ W @ V).squeeze()", (4,)),
        ("np.squeeze(X @ W @ V)", (4,)),
        ("np.expand_dims(y, 1)", (4, 1)),
        ("np.expand_dims(y, -1)", (4, 1)),
        ("np.expand_dims(y, 0)", (1, 4)),
        ("np.outer(y, y)", (4, 4)),
    ],
)
def test_squeeze_expand_outer(expression: str, expected) -> None:
    assert shape(NET + f"r = {expression}\n", "r") == expected


def test_a_call_returns_the_shape_for_its_own_arguments() -> None:
    source = (
        "import numpy as np\n"
        "def sample(n, rng):\n"
        "    X = rng.uniform(-1, 1, (n, 2))\n"
        "    y = (X[:, 0] > 0).astype(float)\n"
        "    return X, y\n"
        "def predict(inputs, W):\n"
        "    return inputs @ W\n"
        "def pair(inputs, W):\n"
        "    return inputs, inputs @ W\n"
        "rng = np.random.default_rng(0)\n"
        "X, y = sample(300, rng)\n"
        "X_val, y_val = sample(100, rng)\n"
        "W = np.zeros((2, 1))\n"
        "p = predict(X_val, W)\n"
        "q = predict(X, W)\n"
        "r = pair(X_val, W)[1]\n"
        "s = y_val\n"
        "t = np.column_stack([y, y, X])\n"
    )
    assert shape(source, "p") == (100, 1)
    assert shape(source, "q") == (300, 1)
    assert shape(source, "r") == (100, 1)
    assert shape(source, "s") == (100,)
    assert shape(source, "t") == (300, 4)


def test_stacked_comprehension_rows_and_stepped_parameters() -> None:
    source = (
        "import numpy as np\n"
        "centers = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])\n"
        "X = np.vstack([np.random.randn(120, 2) + c for c in centers])\n"
        "W = np.random.randn(2, 4)\n"
        "for _ in range(10):\n"
        "    out = np.tanh(X @ W)\n"
        "    W = W - 0.1 * X.T @ (out - 1)\n"
        "r = W\n"
    )
    assert shape(source, "X") == (360, 2)
    assert shape(source, "r") == (2, 4)


def test_index_stacks_and_numpy_constants() -> None:
    source = (
        "import numpy as np\n"
        "s = np.random.rand(50) * np.pi\n"
        "X = np.c_[np.cos(s), np.sin(s)]\n"
        "y = np.r_[np.zeros(25), np.ones(25)]\n"
        "Z = np.r_[X, X]\n"
    )
    assert shape(source, "X") == (50, 2)
    assert shape(source, "y") == (50,)
    assert shape(source, "Z") == (100, 2)


def test_list_parameters_stepped_by_a_zip_comprehension_keep_their_elements() -> None:
    source = (
        "import numpy as np\n"
        "def init():\n"
        "    return [np.random.randn(2, 6), np.zeros((1, 6))]\n"
        "def forward(X, params):\n"
        "    W, b = params\n"
        "    h = X @ W + b\n"
        "    return h\n"
        "X = np.random.rand(50, 2)\n"
        "params = init()\n"
        "for _ in range(10):\n"
        "    h = forward(X, params)\n"
        "    grads = [X.T @ h, h.sum(axis=0, keepdims=True)]\n"
        "    params = [p - 0.1 * g for p, g in zip(params, grads)]\n"
        "r = forward(X, params)\n"
        "m = len(X)\n"
    )
    assert shape(source, "r") == (50, 6)
    assert shape(source, "m") == ()
