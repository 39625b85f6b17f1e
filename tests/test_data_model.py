"""The data facts (nncheck/model/data.py): value ranges, dimensions, shuffles, layers without
bias, each read from how a script makes its arrays."""
from __future__ import annotations

import libcst as cst

from nncheck.engine import check_text
from nncheck.model.data import data
from nncheck.model.values import code
from nncheck.rules import select_rules


def _model(source: str, path: str = "example.py"):
    result = check_text(source, path, select_rules(["NN101"]))
    assert result.model is not None
    return result.model


def _name(model, name: str, line: int | None = None):
    """The last use of `name` in the module (or on `line`), with its scope."""
    found = None
    for node, scope in model.builder.scope_of_node.items():
        if isinstance(node, cst.Name) and node.value == name and (line is None or model.line(node) == line):
            found = (node, scope)
    assert found is not None, name
    return found


def _range(source: str, name: str, line: int | None = None):
    model = _model(source)
    node, scope = _name(model, name, line)
    return data(model).value_range(node, scope)


def test_ranges_follow_how_the_data_is_made() -> None:
    made = (
        "import numpy as np\n"
        "rng = np.random.default_rng(0)\n"
        "size = rng.uniform(600, 3500, 300)\n"
        "age = np.random.randint(18, 80, 300)\n"
        "price = 50 + 0.15 * size\n"
        "labels = np.where(size > 1000, 1, -1)\n"
        "score = np.clip(30 + 10 * rng.random(300), 0, 35)\n"
        "X = np.column_stack([size, age])\n"
        "print(price, age, labels, score, X)\n"
    )
    assert (_range(made, "price").low, _range(made, "price").high) == (140.0, 575.0)
    assert (_range(made, "age").low, _range(made, "age").high) == (18.0, 79.0)  # randint excludes 80
    assert (_range(made, "labels").low, _range(made, "labels").high) == (-1.0, 1.0)
    assert (_range(made, "score").low, _range(made, "score").high) == (30.0, 35.0)
    stacked = _range(made, "X")
    assert (stacked.low, stacked.high, stacked.mixed) == (18.0, 3500.0, True)


def test_a_transpose_in_place_keeps_the_range() -> None:
    source = "import numpy as np\ny = np.array([[1], [1], [-1]])\ny = y.T\nprint(y)\n"
    found = _range(source, "y", line=4)
    assert (found.low, found.high) == (-1.0, 1.0)


def test_scaled_or_unknown_data_has_no_range() -> None:
    for scaling in ("X /= 255\n", "X[:, 0] = X[:, 0] / 255\n", "X = (X - X.mean(axis=0)) / X.std(axis=0)\n"):
        source = "import numpy as np\nX = np.random.randint(0, 256, (50, 4)).astype(float)\n" + scaling + "print(X)\n"
        assert _range(source, "X", line=4) is None, scaling
    assert _range("import numpy as np\nX = np.loadtxt('missing.csv')\nprint(X)\n", "X") is None


def test_a_column_of_a_stack_is_unknown_but_a_column_of_one_draw_is_not() -> None:
    source = (
        "import numpy as np\n"
        "data = np.column_stack([np.random.rand(40), np.random.uniform(0, 1000, 40)])\n"
        "noise = np.random.uniform(0, 5, (40, 3))\n"
        "first = data[:, 0]\n"
        "col = noise[:, 1]\n"
        "print(first, col)\n"
    )
    assert _range(source, "first") is None
    assert (_range(source, "col").low, _range(source, "col").high) == (0.0, 5.0)


def test_a_small_table_beside_the_script_is_read(tmp_path) -> None:
    (tmp_path / "table.csv").write_text("a,b,label\n1.5,900,0\n2.5,1100,1\n")
    script = tmp_path / "train.py"
    source = (
        "import os\nimport numpy as np\n"
        "here = os.path.dirname(os.path.abspath(__file__))\n"
        "table = np.loadtxt(os.path.join(here, 'table.csv'), delimiter=',', skiprows=1)\n"
        "X = table[:, :2]\n"
        "y = table[:, 2:]\n"
        "print(X, y)\n"
    )
    model = _model(source, str(script))
    facts = data(model)
    x_range = facts.value_range(*_name(model, "X", line=7))
    y_range = facts.value_range(*_name(model, "y", line=7))
    assert (x_range.low, x_range.high) == (1.5, 1100.0)
    assert (y_range.low, y_range.high) == (0.0, 1.0)


def test_dimensions_follow_the_layers_back_to_the_data() -> None:
    source = (
        "import numpy as np\n"
        "X = np.random.randn(100, 4)\n"
        "W = np.random.randn(4, 3)\n"
        "def forward(inputs):\n"
        "    return np.tanh(inputs @ W)\n"
        "batch = forward(X)\n"
        "for x_i in X:\n"
        "    one = np.tanh(x_i @ W)\n"
        "    both = forward(x_i)\n"
        "print(batch, one, both)\n"
    )
    model = _model(source)
    facts = data(model)
    assert facts.ndim(*_name(model, "one")) == 1
    assert facts.ndim(*_name(model, "X")) == 2
    # forward() gets a batch at one call: what it returns is read as a batch
    assert facts.ndim(*_name(model, "batch")) == 2


def test_shuffles_pair_only_arrays_used_row_for_row() -> None:
    source = (
        "import numpy as np\n"
        "X = np.random.randn(100, 2)\n"
        "y = (X[:, :1] > 0).astype(float)\n"
        "Z = np.random.randn(30, 2)\n"
        "np.random.shuffle(X)\n"
        "np.random.shuffle(y)\n"
        "np.random.shuffle(Z)\n"
        "X_tr, y_tr = X[:80], y[:80]\n"
        "print(X.shape, Z.shape)\n"
    )
    model = _model(source)
    pairs = [(code(a.source), code(b.source)) for a, b in data(model).unpaired_shuffles]
    assert pairs == [("X", "y")]


def test_layers_without_bias() -> None:
    source = (
        "import numpy as np\n"
        "X = np.random.rand(50, 2)\n"
        "y = (X.sum(axis=1, keepdims=True) > 1).astype(float)\n"
        "W1 = np.random.randn(2, 4)\n"
        "b1 = np.zeros((1, 4))\n"
        "W2 = np.random.randn(4, 1)\n"
        "for i in range(10):\n"
        "    h = np.tanh(X @ W1 + b1)\n"
        "    out = 1 / (1 + np.exp(-(h @ W2)))\n"
        "    d = (out - y) * out * (1 - out)\n"
        "    W2 -= 0.1 * h.T @ d\n"
        "    W1 -= 0.1 * X.T @ ((d @ W2.T) * (1 - h ** 2))\n"
        "    b1 -= 0.1 * ((d @ W2.T) * (1 - h ** 2)).sum(axis=0, keepdims=True)\n"
    )
    model = _model(source)
    assert [code(p.product) for p in data(model).layers_without_bias] == ["(h @ W2)"]
