"""The network model: closed functions, behaviour classification, values, shapes."""
from __future__ import annotations

import textwrap

import libcst
import numpy as np
import pytest

from nncheck.engine import check_text
from nncheck.model import NetworkModel
from nncheck.model.behaviour import classify, derivative_forms
from nncheck.model.parse import parse
from nncheck.model.shapes import shapes as shape_analysis
from nncheck.model.values import code, key_name


def build(source: str) -> NetworkModel:
    source = textwrap.dedent(source)
    return NetworkModel.build(parse(source), "<test>", source)


# -- code that is not closed never runs --------------------------------------------------------

@pytest.mark.parametrize(
    "body",
    [
        "open({marker!r}, 'w').write('ran')\n    return 1 / (1 + np.exp(-x))",
        "__import__('pathlib').Path({marker!r}).write_text('ran')\n    return np.tanh(x)",
        "with open({marker!r}, 'w') as f:\n        f.write('ran')\n    return np.maximum(x, 0)",
        "for _ in range(1):\n        open({marker!r}, 'w').close()\n    return x",
        "return np.where(x > 0, x, 0.01 * x) + len(open({marker!r}, 'w').name) * 0",
    ],
)
def test_code_that_is_not_closed_is_never_executed(tmp_path, body):
    marker = tmp_path / "activation-ran.txt"
    source = textwrap.dedent(
        """\
        import numpy as np
        X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
        y = np.array([[0, 1, 0, 1]]).T
        W = np.random.randn(3, 1)
        def activation(x):
            {body}
        for epoch in range(100):
            out = activation(X @ W)
            error = y - out
            W += X.T @ (error * out * (1 - out))
            print(np.sum(error))
        """
    ).format(body=body.format(marker=str(marker)))
    result = check_text(source, "writes_a_file.py")
    assert not result.errors
    assert not marker.exists(), "nncheck executed code that is not closed"
    model = NetworkModel.build(parse(source), "x.py", source)
    activation = model.functions[("global", "activation")]
    assert not activation.closed and activation.compiled is None


def test_closed_function_runs_with_no_builtins_beyond_the_allow_list():
    model = build(
        """\
        import numpy as np
        def f(x):
            return np.exp(x) * len(x)
        def g(x):
            return print(x)
        """
    )
    assert model.functions[("global", "f")].closed
    assert not model.functions[("global", "g")].closed
    assert "print" in model.functions[("global", "g")].closed_reason


@pytest.mark.parametrize(
    "body",
    [
        "return x * 10 ** 100000",
        "return np.zeros((100000000,))",
        "return x ** 1000",
        "return np.random.randn(*x.shape)",
        "return x * 'a' * 100000000",
    ],
)
def test_unbounded_work_is_not_closed(body):
    model = build(f"import numpy as np\ndef f(x):\n    {body}\n")
    assert not model.functions[("global", "f")].closed


# -- behaviour, never names ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "definition, kind",
    [
        ("def nonlin(x):\n    return 1 / (1 + np.exp(-x))", "sigmoid"),
        ("def f(v):\n    return np.exp(v) / (1 + np.exp(v))", "sigmoid"),
        ("def g(z):\n    return np.tanh(z)", "tanh"),
        ("def g(z):\n    return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))", "tanh"),
        ("def act(z):\n    return np.maximum(0, z)", "relu"),
        ("def act(z):\n    return z * (z > 0)", "relu"),
        ("def act(z):\n    z = z.copy()\n    z[z < 0] = 0\n    return z", "relu"),
        ("def squash(x):\n    return np.where(x > 0, x, x / 100)", "leaky_relu"),
        ("def squash(x, alpha=0.2):\n    return np.maximum(alpha * x, x)", "leaky_relu"),
        ("def ident(x):\n    return x", "identity"),
        ("def e(x):\n    return np.where(x > 0, x, np.exp(x) - 1)", "elu"),
        ("def sp(x):\n    return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)", "softplus"),
    ],
)
def test_functions_are_classified_by_what_they_compute(definition, kind):
    model = build("import numpy as np\n" + definition + "\n")
    (info,) = model.functions.values()
    assert info.closed, info.closed_reason
    assert model.function_behaviour(info, ()).kind == kind


def test_scalar_only_function_is_classified_element_by_element_with_the_error_kept():
    model = build("def f(x):\n    return x if x > 0 else x / 100\n")
    behaviour = model.function_behaviour(model.functions[("global", "f")], ())
    assert behaviour.kind == "leaky_relu" and behaviour.alpha == pytest.approx(0.01)
    assert isinstance(behaviour.array_error.error, ValueError)


@pytest.mark.parametrize("axis", [0, 1])
def test_softmax_records_the_axis_it_normalises(axis):
    model = build(
        f"import numpy as np\ndef sm(z):\n    e = np.exp(z - z.max(axis={axis}, keepdims=True))\n"
        f"    return e / e.sum(axis={axis}, keepdims=True)\n"
    )
    behaviour = model.function_behaviour(model.functions[("global", "sm")], ())
    assert behaviour.kind == "softmax" and behaviour.normalised_axis == axis


def test_flag_modes_are_classified_separately():
    model = build(
        "import numpy as np\n"
        "def nonlin(x, deriv=False):\n"
        "    if deriv:\n"
        "        return x * (1 - x)\n"
        "    return 1 / (1 + np.exp(-x))\n"
    )
    info = model.functions[("global", "nonlin")]
    assert model.function_behaviour(info, ()).kind == "sigmoid"
    assert not model.function_behaviour(info, (("deriv", True),)).is_activation


def test_methods_lambdas_and_self_constants_are_array_functions():
    model = build(
        """\
        import numpy as np
        sig = lambda z: 1 / (1 + np.exp(-z))
        class Net:
            def __init__(self):
                self.alpha = 0.05
            def leaky(self, z):
                return np.where(z > 0, z, self.alpha * z)
        """
    )
    lam = next(f for f in model.functions.values() if f.name == "sig")
    assert model.function_behaviour(lam, ()).kind == "sigmoid"
    method = next(f for f in model.functions.values() if f.name == "self.leaky")
    behaviour = model.function_behaviour(method, ())
    assert behaviour.kind == "leaky_relu" and behaviour.alpha == pytest.approx(0.05)


@pytest.mark.parametrize(
    "expression, kind",
    [
        ("np.maximum(0, X @ W)", "relu"),
        ("1 / (1 + np.exp(-np.dot(X, W)))", "sigmoid"),
        ("np.tanh(X.dot(W) + b)", "tanh"),
        ("np.where(z > 0, z, 0.01 * z)", "leaky_relu"),
    ],
)
def test_inline_expressions_are_applications(expression, kind):
    model = build(
        f"""\
        import numpy as np
        X = np.random.rand(5, 3)
        W = np.random.randn(3, 2)
        b = np.zeros((1, 2))
        z = X @ W
        a = {expression}
        W -= 0.1 * X.T @ a
        """
    )
    kinds = {a.behaviour.kind for a in model.applications if code(a.node) == expression}
    assert kinds == {kind}


def test_derivative_forms():
    sigmoid = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    output_form = derivative_forms(sigmoid, lambda s: s * (1 - s))
    input_form = derivative_forms(sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z)))
    leaky = derivative_forms(lambda x: np.where(x > 0, x, 0.01 * x), lambda x: np.where(x > 0, 1, 0.01))
    wrong = derivative_forms(np.tanh, lambda s: s * (1 - s))
    assert (output_form.input_form, output_form.output_form) == (False, True)
    assert (input_form.input_form, input_form.output_form) == (True, False)
    assert leaky.input_form and leaky.output_form
    assert not wrong.matches


def test_classify_rejects_non_activations():
    assert classify(lambda x: np.clip(x, 0, 1)).kind != "sigmoid"
    assert classify(lambda x: x * (1 - x)).is_activation is False


# -- values, literals, shapes ------------------------------------------------------------------

QUESTION = """\
import numpy as np
X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 0, 1]]).T
class Net:
    def __init__(self, inputs, labels, hidden=4):
        self.inputs = inputs
        self.labels = labels
        self.W = np.random.randn(inputs.shape[1], hidden)
        self.b = np.zeros((1, hidden))
    def train(self):
        self.z = self.inputs @ self.W + self.b
        self.W += self.inputs.T @ (self.labels - self.z)
        self.b += np.sum(self.labels - self.z, axis=0, keepdims=True)
net = Net(X, y)
"""


def test_labels_flow_from_module_literals_through_the_constructor():
    model = build(QUESTION)
    (error, *_) = model.errors
    assert code(error.labels) == "self.labels" and error.sign == "target-prediction"
    assert model.value_set(error.labels, error.scope) == {0.0, 1.0}


def test_shapes_are_resolved_through_parameters_and_literals():
    model = build(QUESTION)
    (layer,) = model.layers
    assert layer.layout == "rows" and code(layer.weight) == "self.W" and code(layer.bias) == "self.b"
    assert model.shape(layer.weight, layer.scope) == (3, 4)
    assert model.shape(layer.bias, layer.scope) == (1, 4)
    assert model.shape(layer.input, layer.scope) == (4, 3)


def test_symbolic_shapes_keep_the_users_names():
    model = build(
        """\
        import numpy as np
        def init(n_in, n_out):
            W = np.random.randn(n_in, n_out) * 0.01
            return W
        """
    )
    (definition,) = model.definitions[next(k for k in model.definitions if k[-1] == "W")]
    assert model.shape(definition.value, definition.scope) == ("n_in", "n_out")


def test_sizes_read_from_a_settings_class_are_its_body_constants():
    model = build(
        """\
        import numpy as np
        class Config:
            n_in = 2
            n_out = 3
        class Other:
            n_in = 5
        def init(n_hidden):
            W1 = np.random.randn(Config.n_in, n_hidden)
            W2 = np.random.randn(n_hidden, Config.n_out)
            return W1, W2
        def unknown(Config):
            return np.zeros((Config.n_in, 1))
        init(4)
        """
    )
    shapes = {
        key[-1]: model.shape(d.value, d.scope) for key, defs in model.definitions.items() for d in defs
        if key[0] == "local" and key[-1] in ("W1", "W2")
    }
    assert shapes == {"W1": (2, 4), "W2": (4, 3)}
    # a parameter named like the class hides it: its attribute is no class constant
    (returned,) = next(s for s in model.builder.scopes.values() if s.name == "unknown").returns
    assert model.shape(returned, next(s for s in model.builder.scopes.values() if s.name == "unknown")) == (
        "Config.n_in", 1,
    )


def test_samples_from_a_dataset_generator_have_its_shape():
    model = build(
        """\
        import numpy as np
        from sklearn import datasets
        def data():
            X, y = datasets.make_moons(200, noise=0.2)
            return X, y
        A, b = datasets.make_blobs(n_samples=50, n_features=3)
        C, d = datasets.make_blobs(n_samples=[10, 20])
        X, y = data()
        """
    )
    module = model.module_scope
    shapes = {
        key[-1]: model.shape(cst_name, module) for key in model.definitions if key[0] == "global"
        for cst_name in [libcst.Name(key[-1])]
    }
    assert shapes["X"] == (200, 2) and shapes["y"] == (200,)
    assert shapes["A"] == (50, 3) and shapes["b"] == (50,)
    assert shapes["C"] is None  # samples per cluster: their count is not read


def test_names_unpacked_from_a_call_whose_every_return_is_known_have_its_shapes():
    model = build(
        """\
        import numpy as np
        def data(flag):
            if flag:
                return np.zeros((4, 2)), np.zeros(4)
            return np.ones((4, 2)), np.ones(4)
        def partial(flag):
            if flag:
                return np.zeros((4, 2)), np.zeros(4)
            return load()
        def train(X):
            return X @ np.zeros((2, 3))
        X, y = data(True)
        train(X)
        A, b = partial(True)
        train(A)
        """
    )
    analysis = shape_analysis(model)
    module = model.module_scope
    assert analysis.shape_of(libcst.Name("X"), module) == (4, 2)
    assert analysis.shape_of(libcst.Name("A"), module) is None  # one return is not known


def test_a_product_with_the_output_less_its_labels_is_no_layer():
    model = build(
        """\
        import numpy as np
        X = np.random.randn(8, 2)
        y = np.random.randint(0, 2, 8)
        W1 = np.random.randn(2, 3)
        W2 = np.random.randn(3, 2)
        for i in range(100):
            a1 = np.tanh(X.dot(W1))
            e = np.exp(a1.dot(W2))
            probs = e / np.sum(e, axis=1, keepdims=True)
            delta3 = probs
            delta3[range(8), y] -= 1
            delta2 = delta3.dot(W2) * (1 - a1 ** 2)
            W2 -= 0.1 * a1.T.dot(delta3)
            W1 -= 0.1 * X.T.dot(delta2)
        """
    )
    assert sorted(code(layer.product) for layer in model.layers) == ["X.dot(W1)", "a1.dot(W2)"]


def test_columns_layout_and_tuple_unpacking():
    model = build(
        """\
        import numpy as np
        def init():
            return np.random.randn(4, 3), np.zeros((4, 1))
        W1, b1 = init()
        A0 = np.random.rand(3, 20)
        for i in range(10):
            Z1 = np.dot(W1, A0) + b1
            W1 -= 0.1 * np.dot(Z1, A0.T)
            b1 -= 0.1 * np.sum(Z1, axis=1, keepdims=True)
        """
    )
    (layer,) = model.layers
    assert layer.layout == "columns" and key_name(layer.weight_key) == "W1"
    assert model.shape(layer.weight, layer.scope) == (4, 3)


def test_a_softmax_written_over_two_statements_is_one_activation():
    model = build(
        """\
        import numpy as np
        X = np.random.rand(6, 4)
        W = np.random.randn(4, 3)
        scores = X @ W
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        P = e / e.sum(axis=1, keepdims=True)
        W -= 0.1 * X.T @ P
        """
    )
    (softmax,) = [a for a in model.applications if a.behaviour.kind == "softmax"]
    assert code(softmax.node) == "e / e.sum(axis=1, keepdims=True)"
    assert softmax.behaviour.normalised_axis == 1
    # the argument is the user's own node, so the layer behind it is found
    assert code(softmax.argument) == "scores"
    assert model.layer_of(softmax.argument, softmax.scope) is not None


# -- parameters in containers (issue 10, capability 1) ------------------------------------------

@pytest.mark.parametrize(
    "item",
    ['"W" + str(l)', 'f"W{l}"', '"W%d" % l', '"W{}".format(l)'],
)
def test_a_layer_loop_names_one_parameter_however_its_key_is_computed(item):
    model = build(
        f"""\
        import numpy as np
        dims = [2, 5, 1]
        def init(dims):
            params = {{}}
            for l in range(1, len(dims)):
                params[{item}] = np.random.randn(dims[l], dims[l - 1]) * 0.1
                params["b" + str(l)] = np.zeros((dims[l], 1))
            return params
        def forward(params, A):
            for l in range(1, 3):
                A = np.tanh(params[{item}] @ A + params["b" + str(l)])
            return A
        params = init(dims)
        X = np.random.rand(2, 30)
        for step in range(10):
            out = forward(params, X)
            for l in range(1, 3):
                params[{item}] -= 0.1 * out.sum()
                params["b" + str(l)] -= 0.1 * out.sum()
        """
    )
    (layer,) = model.layers
    assert layer.layout == "columns" and layer.bias is not None
    assert model.shape(layer.weight, layer.scope) == ("dims[l]", "dims[l - 1]")
    assert model.shape(layer.bias, layer.scope) == ("dims[l]", 1)
    value, _ = model.creation(layer.bias, layer.scope)
    assert code(value) == "np.zeros((dims[l], 1))"


def test_a_value_holding_two_different_activations_has_no_single_producer():
    model = build(
        """\
        import numpy as np
        def forward(params, A, L):
            cache = {}
            for l in range(1, L + 1):
                Z = params["W" + str(l)] @ A
                if l == L:
                    A = 1 / (1 + np.exp(-Z))
                else:
                    A = np.maximum(0, Z)
                cache["A" + str(l)] = A
                cache["P" + str(l)] = 1 / (1 + np.exp(-Z))
            return cache["A" + str(L)] - cache["P" + str(L)]
        """
    )
    scope = next(s for s in model.builder.scopes.values() if s.name == "forward")
    mixed = next(n for n in model.walk(model.module) if code(n) == 'cache["A" + str(L)]')
    single = next(n for n in model.walk(model.module) if code(n) == 'cache["P" + str(L)]')
    assert model.producer(mixed, scope) is None
    assert model.producer(single, scope).behaviour.kind == "sigmoid"


# -- what the data holds (issue 10, capability 4) -----------------------------------------------

@pytest.mark.parametrize(
    "labels, expected",
    [
        ("np.hstack([np.zeros(50), np.ones(50)]).reshape(-1, 1)", {0.0, 1.0}),
        ("np.concatenate([np.zeros((50, 1)), np.ones((50, 1))])[perm]", {0.0, 1.0}),
        ("np.vstack([np.zeros((50, 1)), np.ones((50, 1))]).T", {0.0, 1.0}),
        ("np.eye(3)[np.random.randint(0, 3, 100)]", {0.0, 1.0}),
        ("(np.random.rand(100) > 0.5).astype(int)[:, None]", {0.0, 1.0}),
        ("2 * np.random.randint(0, 2, (100, 1)) - 1", {-1.0, 1.0}),
        ("np.append(np.zeros(50), np.ones(50))", {0.0, 1.0}),
        ("np.hstack([np.zeros(50), np.random.rand(50)])", None),
        ("np.zeros((100, 1)) + np.random.rand(100, 1)", None),
    ],
)
def test_label_values_survive_numpy_rearrangements(labels, expected):
    model = build(
        f"""\
        import numpy as np
        perm = np.random.permutation(100)
        y = {labels}
        """
    )
    (definition,) = model.definitions[("global", "y")]
    found = model.value_set(definition.value, definition.scope)
    assert (set(found) if found is not None else None) == expected


def test_an_array_written_into_after_creation_has_unknown_values():
    model = build(
        """\
        import numpy as np
        Y = np.zeros((100, 1))
        for j in range(2):
            Y[j * 50:(j + 1) * 50] = j
        labels = Y.reshape(1, -1)
        """
    )
    (definition,) = model.definitions[("global", "labels")]
    assert model.value_set(definition.value, definition.scope) is None


def test_list_parameters_walked_with_zip_and_updated_by_a_comprehension():
    model = build(
        """\
        import numpy as np
        sizes = [2, 4, 1]
        weights = [np.random.randn(m, n) for n, m in zip(sizes[:-1], sizes[1:])]
        biases = [np.zeros((m, 1)) for m in sizes[1:]]
        def forward(a):
            acts = [a]
            for w, b in zip(weights, biases):
                a = np.tanh(w @ a + b)
                acts.append(a)
            return acts
        X = np.random.rand(2, 16)
        for epoch in range(5):
            acts = forward(X)
            grads = [np.ones_like(w) for w in weights]
            weights = [w - 0.1 * g for w, g in zip(weights, grads)]
            biases = [b + 0.1 * g for b, g in zip(biases, grads)]
        """
    )
    (layer,) = model.layers
    assert code(layer.weight) == "w" and code(layer.bias) == "b" and layer.layout == "columns"
    assert model.shape(layer.weight, layer.scope) == ("m", "n")
    assert model.shape(layer.bias, layer.scope) == ("m", 1)
    updates = {(key_name(u.key), u.sign, code(u.rhs)) for u in model.updates}
    assert updates == {("weights[i]", "-", "0.1 * g"), ("biases[i]", "+", "0.1 * g")}
    element = next(k for k in model.definitions if k[0] == "item" and key_name(k) == "acts[i]")
    assert {code(d.value) for d in model.definitions[element]} == {"a"}


def test_a_list_element_holding_the_input_and_an_activation_pairs_with_no_derivative():
    model = build(
        """\
        import numpy as np
        W = [np.random.randn(3, 2), np.random.randn(1, 3)]
        X = np.random.rand(2, 10)
        y = (np.random.rand(1, 10) > 0.5) * 1.0
        for it in range(10):
            acts = [X]
            for w in W:
                acts.append(np.tanh(w @ acts[-1]))
            delta = acts[-1] - y
            d1 = (W[1].T @ delta) * (1 - acts[0] ** 2)
            W[1] -= 0.1 * delta @ acts[1].T
            W[0] -= 0.1 * d1 @ acts[0].T
        """
    )
    assert not [use for use in model.derivative_uses if code(use.argument) == "acts[0]"]


def test_a_list_returned_by_a_method_keeps_its_elements_and_noise_is_no_update():
    model = build(
        """\
        import numpy as np
        class Net:
            def __init__(self, sizes):
                self.weights = [np.random.randn(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
            def feedforward(self, X):
                layers = [X]
                for W in self.weights:
                    layers.append(1 / (1 + np.exp(-(layers[-1] @ W))))
                return layers
            def train(self, X, y):
                layers = self.feedforward(X)
                error = y - layers[-1]
                for i in range(len(self.weights)):
                    self.weights[i] += 0.1 * layers[i].T @ error
        X = np.random.rand(20, 2)
        X = X + np.random.normal(0, 0.1, X.shape)
        y = (X[:, :1] > 0.5) * 1.0
        Net([2, 4, 1]).train(X, y)
        """
    )
    assert [key_name(u.key) for u in model.updates] == ["self.weights[i]"]
    (error,) = model.errors
    assert code(error.output) == "layers[-1]" and error.sign == "target-prediction"
    assert error.source.behaviour.kind == "sigmoid"


@pytest.mark.parametrize(
    "loop",
    [
        "for key in params:\n                params[key] -= lr * grads['d' + key]",
        "for key in params.keys():\n                params[key] = params[key] - lr * grads['d' + key]",
        "for key in ('W1', 'b1'):\n                params[key] -= lr * grads['d' + key]",
        "for key, g in (('W1', grads['dW1']), ('b1', grads['db1'])):\n                params[key] -= lr * g",
    ],
)
def test_a_loop_over_item_names_updates_each_parameter_seen_inside_every_function(loop):
    model = build(
        """\
        import numpy as np
        def init():
            return {"W1": np.random.randn(3, 2), "b1": np.zeros((3, 1))}
        def forward(params, X):
            return np.tanh(params["W1"] @ X + params["b1"])
        def backward(A, X, Y):
            dZ = A - Y
            return {"dW1": dZ @ X.T, "db1": dZ.sum(axis=1, keepdims=True)}
        params = init()
        X = np.random.rand(2, 40)
        Y = np.random.rand(3, 40)
        lr = 0.1
        for step in range(10):
            A = forward(params, X)
            grads = backward(A, X, Y)
            LOOP
        """.replace("LOOP", loop)
    )
    assert sorted(key_name(u.key) for u in model.updates) == ['params["W1"]', 'params["b1"]']
    (layer,) = model.layers
    # the item forward() reads through its parameter is the caller's item that the loop updates
    assert {layer.weight_key, layer.bias_key} == {u.key for u in model.updates}
    bias_update = next(u for u in model.updates if u.key == layer.bias_key)
    assert [code(v) for v, _ in model.values(bias_update.rhs, bias_update.scope)] != []
    assert model.line(bias_update.rhs) == model.line(bias_update.statement)


@pytest.mark.parametrize(
    "update, sign",
    [
        ("W[:] = W - 0.1 * g", "-"),
        ("W[...] -= 0.1 * g", "-"),
        ("W[:] += 0.1 * g", "+"),
        ("np.subtract(W, 0.1 * g, out=W)", "-"),
        ("np.add(W, 0.1 * g, out=W)", "+"),
        ("W = step(W, g)", "-"),
        ("W = step(W, G=g)", "-"),
    ],
)
def test_every_way_of_writing_an_update(update, sign):
    model = build(
        f"""\
        import numpy as np
        def step(P, G, lr=0.1):
            return P - lr * G
        X = np.random.rand(20, 3)
        W = np.random.randn(3, 1)
        for i in range(10):
            g = X.T @ (X @ W)
            {update}
        """
    )
    updates = [u for u in model.updates if key_name(u.key) == "W"]
    assert [u.sign for u in updates] == [sign]
    assert model.is_trained(updates[0].target, updates[0].scope)
    assert model.shape(updates[0].target, updates[0].scope) == (3, 1)


def test_a_helper_update_is_read_per_call_and_offers_no_fix_inside_the_helper():
    source = textwrap.dedent(
        """\
        import numpy as np
        X = np.random.rand(20, 3)
        y = np.random.rand(20, 1)
        W1, b1 = np.random.randn(3, 4), np.zeros((1, 4))
        W2, b2 = np.random.randn(4, 1), np.zeros((1, 1))
        def step(W, b, dW, db, lr):
            return W - lr * dW, b - lr * dW
        for i in range(100):
            h = np.tanh(X @ W1 + b1)
            out = h @ W2 + b2
            d2 = out - y
            d1 = d2 @ W2.T * (1 - h ** 2)
            W2, b2 = step(W2, b2, h.T @ d2, d2.sum(axis=0, keepdims=True), 0.1)
            W1, b1 = step(W1, b1, X.T @ d1, d1.sum(axis=0, keepdims=True), 0.1)
        """
    )
    model = build(source)
    steps = {key_name(u.key): code(u.rhs) for u in model.updates}
    assert steps["b2"] == "0.1 * (h.T @ d2)" and steps["b1"] == "0.1 * (X.T @ d1)"
    found = [d for d in check_text(source, "step.py").diagnostics if d.code == "NN204"]
    assert len(found) == 2 and all(d.fix is None for d in found)


def test_initial_values_follow_a_dict_through_init_and_the_update_cycle():
    model = build(
        """\
        import numpy as np
        def init(n_x, n_h):
            W1 = np.zeros((n_h, n_x))
            W2 = np.random.randn(1, n_h)
            return {"W1": W1, "W2": W2}
        def forward(p, X):
            return p["W2"] @ np.tanh(p["W1"] @ X)
        def update(p, g, lr):
            for k in ("W1", "W2"):
                p[k] = p[k] - lr * g["d" + k]
            return p
        params = init(2, 4)
        X = np.random.rand(2, 10)
        for i in range(10):
            out = forward(params, X)
            params = update(params, {"dW1": X @ X.T, "dW2": out @ X.T}, 0.1)
        """
    )
    first = next(layer for layer in model.layers if code(layer.weight) == 'p["W1"]')
    held = model.initial_values(first.weight, first.scope)
    assert [code(v) for v, _ in held] == ["np.zeros((n_h, n_x))"]
    second = next(layer for layer in model.layers if code(layer.weight) == 'p["W2"]')
    assert code(model.creation(second.weight, second.scope)[0]) == "np.random.randn(1, n_h)"


# -- class scores: which axis of an output runs over the samples -------------------------------------

_SOFTMAX_HELPER = """
import numpy as np
def softmax(z):
    e = np.exp(z - z.max(axis={axis}, keepdims=True))
    return e / e.sum(axis={axis}, keepdims=True)
def forward(W, X):
    return softmax({product})
X = np.random.randn({data})
W = np.random.randn({weight})
for _ in range(10):
    W -= 0.1 * {step}
print(np.argmax(forward(W, X), axis=0))
"""


@pytest.mark.parametrize(
    "fill, expected",
    [
        # samples as rows, the softmax over each row: samples along axis 0, sizes per call site
        (dict(product="X @ W", axis=1, data="30, 2", weight="2, 4", step="X.T @ forward(W, X)"), ("rows", 30, 4)),
        # samples as columns (W @ X), the softmax over axis 0: samples along axis 1
        (dict(product="W @ X", axis=0, data="2, 30", weight="4, 2", step="forward(W, X) @ X.T"), ("columns", 30, 4)),
        # a softmax over the samples: the layers know the batch and decide (the softmax's axis is
        # another rule's finding)
        (dict(product="X @ W", axis=0, data="30, 2", weight="2, 4", step="X.T @ forward(W, X)"), ("rows", 30, 4)),
    ],
)
def test_class_scores_of_an_output_returned_by_a_call(fill, expected):
    from nncheck.model import arg_reductions, class_scores_of

    model = build(_SOFTMAX_HELPER.format(**fill))
    (reduction,) = [r for r in arg_reductions(model) if code(r.array) == "forward(W, X)"]
    scores = class_scores_of(model, reduction.source, reduction.array, reduction.scope)
    found = None if scores is None else (scores.layout, scores.samples, scores.classes)
    assert found == expected
