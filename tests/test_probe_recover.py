"""The restricted evaluator and the recovery of a network from the static model."""
from __future__ import annotations

import ast

import numpy as np
import pytest

from nncheck.model import NetworkModel
from nncheck.model.parse import parse
from nncheck.probe.evaluate import NUMPY, Evaluator, Unknown
from nncheck.probe.recover import Finding, ModuleData, recover


def _module(source: str) -> ModuleData:
    return ModuleData(source, {})


def test_the_script_random_numbers_are_reproduced_exactly():
    data = _module("import numpy as np\nnp.random.seed(3)\nX = np.random.randn(5, 2)\n"
                   "y = (X[:, :1] > 0).astype(float)\n")
    np.random.seed(3)
    expected = np.random.randn(5, 2)
    np.testing.assert_array_equal(data.value("X"), expected)
    np.testing.assert_array_equal(data.value("y"), (expected[:, :1] > 0).astype(float))


def test_generators_helpers_and_literals():
    data = _module("""import numpy as np
rng = np.random.default_rng(0)
def blobs(n, centers):
    points = []
    for c in centers:
        points.append(c + 0.1 * rng.normal(size=(n, 2)))
    return np.vstack(points)
X = blobs(3, [np.array([0.0, 1.0]), np.array([2.0, 2.0])])
Y = np.eye(2)[np.array([0, 0, 0, 1, 1, 1])]
Z = np.array([[0, 1, 0, 1]]).T.reshape(-1, 1)
""")
    assert data.value("X").shape == (6, 2)
    assert data.value("Y").tolist() == [[1, 0]] * 3 + [[0, 1]] * 3
    assert data.value("Z").shape == (4, 1)


@pytest.mark.parametrize("line, why", [
    ("X = np.loadtxt('data.csv')", "np.loadtxt"),
    ("X = open('data.csv').read()", "'open' is not defined"),
    ("X = np.zeros((100000, 100000))", "more than the demo evaluates"),
    ("X = 10 ** 10 ** 10", "a large integer power"),
    ("X = __import__('os').system('true')", "'__import__' is not defined"),
    ("X = np.ones(3).__class__", "the array attribute .__class__"),
])
def test_anything_else_is_refused_with_a_reason(line, why):
    data = _module("import numpy as np\n" + line + "\n")
    with pytest.raises(Unknown) as raised:
        data.value("X")
    assert why in str(raised.value)


def test_loops_are_not_run_and_keep_the_values_before_them():
    data = _module("import numpy as np\nW = np.zeros((2, 1))\nfor i in range(10 ** 9):\n"
                   "    W = W + 1\n    H = W * 2\n")
    assert data.value("W").tolist() == [[0.0], [0.0]]
    with pytest.raises(Unknown, match="a loop at line 3"):
        data.value("H")


def test_random_draws_after_unknown_code_are_refused():
    data = _module("import numpy as np\nimport mylib\nnp.random.seed(0)\nmylib.setup()\n"
                   "X = np.random.randn(3, 2)\n")
    with pytest.raises(Unknown, match="random state there is unknown"):
        data.value("X")


def test_step_budget_stops_long_helpers():
    evaluator = Evaluator()
    env = {"np": NUMPY}
    tree = ast.parse("def f():\n    t = 0\n    for i in range(10 ** 6):\n        t += i\n"
                     "    return t\n")
    from nncheck.probe.evaluate import Function

    env["f"] = Function(tree.body[0], env)
    with pytest.raises(Unknown):
        evaluator.eval(ast.parse("f()", mode="eval").body, env)


def _recovered(source: str, findings=()):
    parsed = parse(source)
    model = NetworkModel.build(parsed, path="net.py", source=source)
    return recover(model, source, [Finding(*f) for f in findings])


NETWORK = """import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

np.random.seed(2)
X = np.random.rand(20, 3)
y = (X.sum(axis=1, keepdims=True) > 1.5).astype(float)
W1 = np.random.randn(3, 5) * 0.5
b1 = np.zeros((1, 5))
W2 = np.random.randn(5, 1) * 0.5
b2 = np.zeros((1, 1))
lr = 0.8
for epoch in range(700):
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    d2 = (y - out) / len(X)
    d1 = d2 @ W2.T * (1 - h ** 2)
    W2 += lr * h.T @ d2
    b2 += lr * d2.sum(axis=0, keepdims=True)
    W1 += lr * X.T @ d1
    b1 += lr * d1.sum(axis=0, keepdims=True)
"""


def test_a_two_layer_network_is_recovered_whole():
    result = _recovered(NETWORK)
    assert result.ok, result.missing
    spec = result.written
    assert spec.layers == (3, 5, 1)
    assert (spec.hidden_activation, spec.output_activation) == ("tanh", "sigmoid")
    assert spec.loss == "bce" and spec.reduction == "mean"
    assert spec.learning_rate == pytest.approx(0.8)
    assert (spec.epochs, spec.seed) == (700, 2)
    assert spec.weight_scale == pytest.approx(0.5, rel=0.15)
    assert result.X.shape == (20, 3) and result.y.shape == (20, 1)
    assert not spec.all_bugs and result.fixed == spec.corrected()


def test_findings_become_toggles_on_their_layer():
    source = NETWORK.replace("b2 += lr * d2.sum(axis=0, keepdims=True)", "b2 += lr * h.T @ d2")
    result = _recovered(source, [("NN204", 20)])
    assert result.ok
    assert result.written.bugs_at(1) == {__import__("nncheck.probe.network").probe.network.Bug
                                         .BIAS_GRADIENT_LIKE_WEIGHTS}
    assert result.written.bugs_at(0) == frozenset()
    assert result.fixed.all_bugs == frozenset()
    assert ("bias updated with X.T @ delta → delta summed over samples", "NN204") \
        in result.differences


def test_a_finding_without_a_reproduction_is_listed_not_dropped():
    result = _recovered(NETWORK, [("NN999", 3)])
    assert result.ok
    assert result.not_reproduced == [("NN999", "the reference network cannot reproduce it; "
                                               "the as-written run leaves it out")]


def test_labels_that_are_all_zero_are_refused_by_name():
    source = NETWORK.replace("y = (X.sum(axis=1, keepdims=True) > 1.5).astype(float)",
                             "y = np.zeros((20, 1))")
    result = _recovered(source)
    assert not result.ok
    assert result.missing == ["the labels 'y' are all 0: nothing to learn"]


def test_a_loop_over_a_list_of_weights_is_unrolled_into_its_layers():
    # One product in a loop over the weights: one layer per element, with its own start.
    source = """import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(20, 2))
y = (X[:, :1] > 0).astype(float)
layers = [rng.normal(size=(2, 4)), rng.normal(size=(4, 1))]
for epoch in range(10):
    acts = [X]
    for W in layers:
        acts.append(np.tanh(acts[-1] @ W))
    err = acts[-1] - y
    grads = []
    for i in reversed(range(len(layers))):
        grads.insert(0, acts[i].T @ err)
        err = err @ layers[i].T
    layers = [W - 0.1 * g for W, g in zip(layers, grads)]
"""
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.written.layers == (2, 4, 1)
    assert "the loop over the weights at line 8 is unrolled into 2 layers" in result.notes
    first = np.random.default_rng(0)
    first.normal(size=(20, 2))
    assert np.array_equal(result.written.initial[0][0], first.normal(size=(2, 4)))


def test_an_output_reaching_the_error_through_a_list_element_is_traced():
    # `outs = [out]; d2 = (y - outs[0]) / n`: the model follows the list element to the output
    # (this was once a refusal, "not traced to the labels"), so the demo trains the same network.
    source = NETWORK.replace("    d2 = (y - out) / len(X)\n",
                             "    outs = [out]\n    d2 = (y - outs[0]) / len(X)\n")
    assert source != NETWORK
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.written.layers == _recovered(NETWORK).written.layers


MINIBATCH = """import numpy as np

np.random.seed(0)
X = np.random.randn(120, 2)
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
W1 = np.random.randn(2, 8) * 0.5
b1 = np.zeros((1, 8))
W2 = np.random.randn(8, 1) * 0.5
b2 = np.zeros((1, 1))
for epoch in range(50):
    order = np.random.permutation(len(X))
    for start in range(0, len(X), 16):
        rows = order[start:start + 16]
        xb, yb = X[rows], y[rows]
        h = np.tanh(xb @ W1 + b1)
        out = 1 / (1 + np.exp(-(h @ W2 + b2)))
        d2 = (out - yb) / xb.shape[0]
        d1 = d2 @ W2.T * (1 - h ** 2)
        W2 -= 0.5 * h.T @ d2
        b2 -= 0.5 * d2.sum(axis=0, keepdims=True)
        W1 -= 0.5 * xb.T @ d1
        b1 -= 0.5 * d1.sum(axis=0, keepdims=True)
"""


def test_mini_batches_their_size_shuffle_and_per_batch_mean_are_read():
    result = _recovered(MINIBATCH)
    assert result.ok, result.missing
    spec = result.written
    assert (spec.batch_size, spec.shuffle) == (16, True)
    # Divided by the batch's own length, which the demo cannot evaluate: a mean per batch.
    assert spec.reduction == "mean" and spec.learning_rate == pytest.approx(0.5)
    assert result.X.shape == (120, 2)


def test_data_the_demo_cannot_compute_is_synthesised_with_the_weights_shapes_and_said():
    source = MINIBATCH.replace("X = np.random.randn(120, 2)",
                               "X = np.loadtxt('points.csv', delimiter=',')")
    source = source.replace("y = (X[:, :1] * X[:, 1:] > 0).astype(float)",
                            "y = np.loadtxt('labels.csv').reshape(-1, 1)")
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.synthetic and result.synthetic_inputs
    assert result.X.shape[1] == 2 and set(np.unique(result.y)) == {0.0, 1.0}
    assert any("synthesised" in note and "np.loadtxt" in note for note in result.notes)


def test_one_sample_drawn_per_step_is_not_read_as_constant_labels():
    # fixtures/weights_ih_class_deriv_at_input.py trains on one pair drawn at random per step:
    # the evaluated labels are one sample, which says nothing about the labels being constant.
    # The demo trains per sample on data of the script's shapes, its steps turned into epochs.
    import pathlib

    path = pathlib.Path(__file__).parent.parent / "fixtures" / "weights_ih_class_deriv_at_input.py"
    source = path.read_text(encoding="utf-8")
    result = _recovered(source)
    assert result.ok, result.missing
    assert any("evaluate to a single sample" in note for note in result.notes)
    assert "the script's 20000 steps of one sample each are 100 epochs of the 200 samples" \
        in result.notes
    assert result.written.batch_size == 1 and result.written.epochs == 100


def test_online_steps_over_a_permutation_are_one_sample_each():
    source = MINIBATCH.replace("    order = np.random.permutation(len(X))\n", "").replace(
        "    for start in range(0, len(X), 16):\n        rows = order[start:start + 16]\n",
        "    for i in np.random.permutation(len(X)):\n        rows = slice(i, i + 1)\n")
    result = _recovered(source)
    assert result.ok, result.missing
    assert (result.written.batch_size, result.written.shuffle) == (1, True)


def test_targets_of_minus_one_and_one_on_a_sigmoid_are_fixed_with_tanh():
    source = NETWORK.replace(".astype(float)", ".astype(float) * 2 - 1")
    result = _recovered(source, [("NN107", 16)])
    assert result.ok, result.missing
    assert result.written.output_activation == "sigmoid"
    assert result.fixed.output_activation == "tanh"
    assert result.differences[0] == ("output activation sigmoid → tanh", "NN107")


# A network kept as a list of layer objects, run by a loop (nncheck/model/stacks.py).
STACK = """import numpy as np

rng = np.random.default_rng(5)
X = rng.normal(size=(90, 3))
y = (X[:, :1] - X[:, 1:2] > 0).astype(float)


class Affine:
    def __init__(self, n_in, n_out, scale=0.5):
        self.W = rng.normal(0, scale, (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, a):
        self.a = a
        return a @ self.W + self.b

    def backward(self, g, lr):
        self.W -= lr * self.a.T @ g
        self.b -= lr * g.sum(axis=0, keepdims=True)
        return g @ self.W.T


class Squash:
    def forward(self, a):
        self.out = 1 / (1 + np.exp(-a))
        return self.out

    def backward(self, g, lr):
        return g * self.out * (1 - self.out)


net = [Affine(3, 6), Squash(), Affine(6, 1, scale=0.1), Squash()]
for epoch in range(300):
    out = X
    for part in net:
        out = part.forward(out)
    g = (out - y) * 2 / len(X)
    for part in reversed(net):
        g = part.backward(g, 0.25)
"""


def test_a_list_of_layer_objects_is_unrolled_with_each_object_s_own_sizes_and_scale():
    result = _recovered(STACK)
    assert result.ok, result.missing
    spec = result.written
    assert spec.layers == (3, 6, 1)
    assert (spec.hidden_activation, spec.output_activation) == ("sigmoid", "sigmoid")
    assert spec.epochs == 300
    # g = (out - y) * 2 / n with the step 0.25: ½·mean squared error at 0.5
    assert spec.reduction == "mean" and spec.learning_rate == pytest.approx(0.5)
    first, second = spec.initial
    assert first[0].shape == (3, 6) and second[0].shape == (6, 1)
    assert 0.3 < np.sqrt(np.mean(first[0] ** 2)) < 0.7
    assert np.sqrt(np.mean(second[0] ** 2)) < 0.2  # Affine(6, 1, scale=0.1)
    assert any("unrolled into 2 dense layers" in note for note in result.notes)


def test_an_activation_chosen_per_object_by_a_constructor_flag():
    source = STACK.replace("    def forward(self, a):\n        self.a = a\n        return a @ self.W + self.b",
                           "    def forward(self, a):\n        self.a = a\n        z = a @ self.W + self.b\n"
                           "        if self.act == 'relu':\n            z = np.maximum(0, z)\n        return z")
    source = source.replace("        self.b = np.zeros((1, n_out))\n",
                            "        self.b = np.zeros((1, n_out))\n        self.act = act\n")
    source = source.replace("def __init__(self, n_in, n_out, scale=0.5):",
                            "def __init__(self, n_in, n_out, scale=0.5, act=None):")
    source = source.replace("[Affine(3, 6), Squash(), Affine(6, 1, scale=0.1), Squash()]",
                            "[Affine(3, 6, act='relu'), Affine(6, 1, scale=0.1), Squash()]")
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.written.layers == (3, 6, 1)
    assert (result.written.hidden_activation, result.written.output_activation) == \
        ("relu", "sigmoid")


def test_a_layer_object_nncheck_cannot_read_is_named_in_the_refusal():
    source = STACK.replace("        self.out = 1 / (1 + np.exp(-a))",
                           "        self.out = some_library.squash(a)")
    result = _recovered(source)
    assert not result.ok
    assert "the layer object `Squash()` (line 32) computes neither a product with weights nor " \
        "an activation that nncheck recognises" in result.missing[0]


# Softmax cross-entropy with class indices, its gradient written in place (cs231n style).
INDEXED = """import numpy as np

np.random.seed(2)
X = np.random.randn(150, 2)
y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0).astype(int)
W1 = 0.1 * np.random.randn(2, 10)
b1 = np.zeros((1, 10))
W2 = 0.1 * np.random.randn(10, 3)
b2 = np.zeros((1, 3))
for it in range(200):
    h = np.maximum(0, X @ W1 + b1)
    z = h @ W2 + b2
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    d = p.copy()
    d[np.arange(len(y)), y] -= 1
    d /= len(y)
    dh = d @ W2.T
    dh[h <= 0] = 0
    W2 -= 1.0 * h.T @ d
    b2 -= 1.0 * d.sum(axis=0, keepdims=True)
    W1 -= 1.0 * X.T @ dh
    b1 -= 1.0 * dh.sum(axis=0, keepdims=True)
"""


def test_class_indices_taken_away_in_place_train_a_softmax_on_one_hot_rows():
    result = _recovered(INDEXED)
    assert result.ok, result.missing
    spec = result.written
    assert spec.layers == (2, 10, 3) and spec.output_activation == "softmax"
    assert spec.loss == "cce" and spec.reduction == "mean"  # `d /= len(y)`
    assert spec.learning_rate == pytest.approx(1.0)
    assert result.y.shape == (150, 3) and set(result.y.sum(axis=1)) == {1.0}
    assert any("are class indices" in note and "one-hot" in note for note in result.notes)


def test_an_array_filled_in_by_a_loop_is_not_its_placeholder():
    # np.empty / np.zeros filled row by row in a loop the demo does not run: their values before
    # the loop are not the data (garbage, or labels that are all 0), so the data is synthesised.
    source = INDEXED.replace(
        "y = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0).astype(int)\n",
        "y = np.zeros(150, dtype=int)\nfor i in range(150):\n    y[i] = int(X[i, 0] > 0)\n")
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.synthetic
    assert any("values filled in by a loop at line" in note for note in result.notes)


def test_the_network_is_the_one_trained_not_a_prediction_written_after_training():
    # `out` is assigned in the loop and again by a one-line prediction after it: the error in
    # the loop reads the loop's; taking the prediction's would turn the hidden layer into data.
    source = NETWORK_PREDICTED
    result = _recovered(source)
    assert result.ok, result.missing
    assert result.written.layers == (2, 5, 1)
    assert result.X.shape[1] == 2


NETWORK_PREDICTED = """import numpy as np

np.random.seed(4)
X = np.random.uniform(-1, 1, (200, 2))
y = (X[:, :1] * X[:, 1:] > 0).astype(float)
W1 = np.random.randn(2, 5)
b1 = np.zeros((1, 5))
W2 = np.random.randn(5, 1)
b2 = np.zeros((1, 1))
for i in range(500):
    h = np.tanh(X @ W1 + b1)
    out = 1 / (1 + np.exp(-(h @ W2 + b2)))
    d2 = out - y
    d1 = d2 @ W2.T * (1 - h ** 2)
    W2 -= 0.1 * h.T @ d2 / len(X)
    b2 -= 0.1 * d2.sum(axis=0, keepdims=True) / len(X)
    W1 -= 0.1 * X.T @ d1 / len(X)
    b1 -= 0.1 * d1.sum(axis=0, keepdims=True) / len(X)
out = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
print(np.mean((out > 0.5) == y))
"""


def test_a_softmax_written_over_several_statements_is_named_in_the_refusal():
    source = INDEXED.replace(
        "    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)\n",
        "    p = np.exp(z)\n    p /= p.sum(axis=1, keepdims=True)\n")
    result = _recovered(source)
    assert not result.ok
    assert result.missing[0].startswith(
        "`d[np.arange(len(y)), y] -= 1` (line 17) is the gradient of softmax cross-entropy, but "
        "nncheck does not trace `d` to a softmax it recognises")
