"""Objects in the model: instances per construction, method dispatch, loops over layer objects."""
from __future__ import annotations

import textwrap

import libcst as cst

from nncheck.engine import check_text
from nncheck.model import NetworkModel
from nncheck.model.parse import parse
from nncheck.model.values import code


def build(source: str) -> NetworkModel:
    source = textwrap.dedent(source)
    return NetworkModel.build(parse(source), "<test>", source)


def codes(source: str) -> list[str]:
    return [d.code for d in check_text(textwrap.dedent(source), "<test>").diagnostics]


ACTIVATIONS = """\
import numpy as np

X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = np.array([[0], [1], [1], [0]])


class LeakyReLU:
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def __call__(self, x):
        return np.where(x > 0, x, self.alpha * x)

    def gradient(self, x):
        return np.where(x > 0, 1.0, self.alpha)


class Sigmoid:
    def __call__(self, x):
        return 1 / (1 + np.exp(-x))

    def gradient(self, x):
        s = self(x)
        return s * (1 - s)


class Dense:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)

    def backward(self, grad, lr):
        delta = grad * self.activation.gradient(self.z)
        out = delta @ self.W.T
        self.W -= lr * self.x.T @ delta
        self.b -= lr * delta.sum(axis=0, keepdims=True)
        return out


net = [Dense(2, 4, LeakyReLU()), Dense(4, 1, {OUTPUT}())]
for epoch in range(100):
    a = X
    for layer in net:
        a = layer.forward(a)
    grad = a - y
    for layer in reversed(net):
        grad = layer.backward(grad, 0.5)
"""


def test_each_construction_gets_its_own_activation():
    model = build(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))
    calls = [a for a in model.applications if code(a.node) == "self.activation(self.z)"]
    kinds = sorted(a.behaviour.kind for a in calls)
    assert kinds == ["leaky_relu", "sigmoid"]
    # two objects, two answers: each application runs for its own construction only
    assert all(a.contexts is not None and len(a.contexts) == 1 for a in calls)
    assert calls[0].contexts != calls[1].contexts


def test_constructor_default_is_a_constant():
    model = build(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))
    assert model.self_constants[model.classes["LeakyReLU"]] == {"alpha": 0.01}


def test_two_constructions_with_different_numbers_are_no_constant():
    source = ACTIVATIONS.replace("{OUTPUT}", "Sigmoid").replace("LeakyReLU()]", "LeakyReLU(0.2)]")
    source = source.replace("Dense(2, 4, LeakyReLU())", "Dense(2, 4, LeakyReLU(0.1))")
    model = build(source)
    assert "alpha" not in model.self_constants.get(model.classes["LeakyReLU"], {})


def test_value_after_a_loop_of_layers_is_the_last_layers():
    model = build(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))
    (error,) = [e for e in model.errors if code(e.node) == "a - y"]
    assert error.source.behaviour.kind == "sigmoid"
    flipped = build(ACTIVATIONS.replace("{OUTPUT}", "LeakyReLU").replace(
        "Dense(2, 4, LeakyReLU())", "Dense(2, 4, Sigmoid())"))
    (error,) = [e for e in flipped.errors if code(e.node) == "a - y"]
    assert error.source.behaviour.kind == "leaky_relu"


def test_unbounded_output_object_is_found_and_sigmoid_output_is_not():
    assert "NN101" in codes(ACTIVATIONS.replace("{OUTPUT}", "LeakyReLU"))
    assert "NN101" not in codes(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))


def test_derivative_methods_pair_with_the_same_objects_activation():
    model = build(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))
    uses = [u for u in model.derivative_uses if code(u.node) == "self.activation.gradient(self.z)"]
    pairs = sorted((u.name, u.forward.behaviour.kind) for u in uses)
    assert pairs == [("LeakyReLU.gradient", "leaky_relu"), ("Sigmoid.gradient", "sigmoid")]
    assert all(u.forms is not None and u.forms.input_form for u in uses)


def test_self_call_in_a_derivative_method_is_closed():
    model = build(ACTIVATIONS.replace("{OUTPUT}", "Sigmoid"))
    gradient = model.functions[("attr", model.classes["Sigmoid"], "gradient")]
    assert gradient.closed


def test_object_attribute_updated_from_outside_makes_a_layer():
    model = build(
        """\
        import numpy as np
        X = np.random.randn(20, 2)
        y = (X[:, :1] > 0) * 1.0

        class Linear:
            def __init__(self, n_in, n_out):
                self.W = np.random.randn(n_in, n_out)
                self.b = np.zeros((1, n_out))

            def forward(self, x):
                self.x = x
                return x @ (self.W + self.b)

            def backward(self, g):
                self.gW = self.x.T @ g
                self.gb = g.sum(axis=0, keepdims=True)
                return g @ self.W.T

        class ReLU:
            def forward(self, x):
                self.mask = x > 0
                return x * self.mask

        net = [Linear(2, 8), ReLU(), Linear(8, 1)]
        linears = [l for l in net if isinstance(l, Linear)]
        for step in range(10):
            out = X
            for layer in net:
                out = layer.forward(out)
            for layer in linears:
                layer.W -= 0.1 * layer.gW
                layer.b -= 0.1 * layer.gb
        """
    )
    (layer,) = model.layers
    assert layer.bias_inside and code(layer.weight) == "self.W"
    assert any(code(u.target) == "layer.W" and u.key[2] == "W" for u in model.updates)
    relu = [a for a in model.applications if a.behaviour.kind == "relu"]
    assert relu, "x * self.mask with self.mask = x > 0 is ReLU of x"


def test_comprehension_keeps_only_the_tested_class():
    model = build(
        """\
        class A:
            def f(self):
                return 1

        class B:
            def f(self):
                return 2

        items = [A(), B(), A()]
        only_a = [i for i in items if isinstance(i, A)]
        """
    )
    statement = model.module.body[-1].body[0]
    elements = model.objects.elements(statement.value, model.module_scope)
    assert [[i.cls.name for i in e] for e in elements] == [["A"], ["A"]]


def test_method_on_a_temporary_binds_its_arguments():
    model = build(
        """\
        import numpy as np
        X = np.array([[0., 1.], [1., 0.]])

        class Network:
            def __init__(self, sizes):
                self.sizes = sizes

            def train(self, inputs):
                return inputs

        Network([2, 3, 1]).train(X)
        """
    )
    train = model.functions[("attr", model.classes["Network"], "train")]
    bound = [d for d in model.defs(("local", train.scope, "inputs")) if d.from_call]
    assert [code(d.value) for d in bound] == ["X"]


def test_cached_input_pairs_as_input_whatever_the_loop_carries():
    source = """\
        import numpy as np
        X = np.random.randn(10, 1)
        y = np.sin(X)

        class Linear:
            def __init__(self, n_in, n_out):
                self.weight = np.random.randn(n_in, n_out)
                self.bias = np.zeros((1, n_out))

            def forward(self, inp):
                self.inp = inp
                return inp @ self.weight + self.bias

            def backward(self, g):
                self.gw = self.inp.T @ g
                return g @ self.weight.T

        class Tanh:
            def forward(self, inp):
                self.inp = inp
                return np.tanh(inp)

            def backward(self, g):
                return g * (1 - {CACHED} ** 2)

        layers = [Linear(1, 8), Tanh(), Linear(8, 1)]
        for step in range(10):
            h = X
            for layer in layers:
                h = layer.forward(h)
            g = h - y
            for layer in reversed(layers):
                g = layer.backward(g)
            for layer in layers:
                if isinstance(layer, Linear):
                    layer.weight -= 0.1 * layer.gw
        """
    model = build(source.replace("{CACHED}", "self.inp"))
    (use,) = [u for u in model.derivative_uses if "self.inp" in code(u.node)]
    assert use.at == "input"
    assert "NN201" in codes(source.replace("{CACHED}", "self.inp"))
    assert "NN201" not in codes(source.replace("{CACHED}", "np.tanh(self.inp)"))


TUPLE_ACTIVATIONS = """\
import numpy as np

X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
Y = np.array([[0, 1, 1, 0]])


def relu(Z):
    A = np.maximum(0, Z)
    return A, Z


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z)), Z


W1 = np.random.randn(4, 2) * 0.5
b1 = np.zeros((4, 1))
W2 = np.random.randn(1, 4) * 0.5
b2 = np.zeros((1, 1))
for i in range(1000):
    Z1 = W1 @ X.T + b1
    A1, cache1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2, cache2 = {OUTPUT}(Z2)
    dZ2 = A2 - Y
    W2 -= 0.1 * dZ2 @ A1.T / 4
    b2 -= 0.1 * dZ2.sum(axis=1, keepdims=True) / 4
"""


def test_activation_returned_with_its_cache_is_unpacked():
    model = build(TUPLE_ACTIVATIONS.replace("{OUTPUT}", "sigmoid"))
    (error,) = [e for e in model.errors if code(e.node) == "A2 - Y"]
    assert error.source.behaviour.kind == "sigmoid"
    assert "NN101" not in codes(TUPLE_ACTIVATIONS.replace("{OUTPUT}", "sigmoid"))
    assert "NN101" in codes(TUPLE_ACTIVATIONS.replace("{OUTPUT}", "relu"))


def test_layers_appended_in_a_loop_are_any_of_them():
    model = build(
        """\
        class Linear:
            def forward(self, x):
                return x

        class ReLU:
            def forward(self, x):
                return x

        class Model:
            def __init__(self, sizes):
                self.layers = []
                for i in range(len(sizes) - 1):
                    self.layers.append(Linear())
                    self.layers.append(ReLU())

            def __call__(self, x):
                for layer in self.layers:
                    x = layer.forward(x)
                return x
        """
    )
    (loop,) = [n for n in model.builder.parents if isinstance(n, cst.For) and code(n.target) == "layer"]
    scope = model.scope_of(loop)
    found = model.objects.instances(loop.target, scope)
    assert sorted(i.cls.name for i in found) == ["Linear", "ReLU"]
    # the order is not known, so a read after the loop is still either of them
    last = model.objects.instances(loop.target, scope, after=frozenset({loop}))
    assert sorted(i.cls.name for i in last) == ["Linear", "ReLU"]


def test_static_method_called_through_its_class():
    model = build(
        """\
        import numpy as np

        class Net:
            @staticmethod
            def sigmoid(z):
                return 1 / (1 + np.exp(-z))

            def method(self, z):
                return z

            def forward(self, X):
                self.s = Net.sigmoid(X)
                return Net.method(self, X)
        """
    )
    called = {code(a.node): a.behaviour.kind for a in model.applications}
    assert called == {"Net.sigmoid(X)": "sigmoid"}
