import numpy as np

# XOR-style blobs: label 1 when x and y have different signs.
# 2 -> 8 -> 1, relu in the hidden layer, sigmoid on the output unit.


def make_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, (n, 2))
    y = ((X[:, 0] * X[:, 1]) < 0).astype(float).reshape(-1, 1)
    return X, y


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def relu_grad(z):
    return (z > 0).astype(float)


def init(sizes, seed=4):
    rng = np.random.default_rng(seed)
    return [(rng.normal(0, np.sqrt(2 / a), (a, b)), np.zeros((1, b)))
            for a, b in zip(sizes[:-1], sizes[1:])]


def forward(layers, X):
    zs, activations = [], [X]
    for i, (W, b) in enumerate(layers):
        z = activations[-1] @ W + b
        zs.append(z)
        activations.append(sigmoid(z) if i == len(layers) - 1 else relu(z))
    return zs, activations


def backward(layers, zs, activations, y):
    grads = []
    delta = (activations[-1] - y) * activations[-1] * (1 - activations[-1]) / len(y)
    for i in range(len(layers) - 1, -1, -1):
        grads.append((activations[i].T @ delta, delta.sum(axis=0, keepdims=True)))
        if i > 0:
            delta = (delta @ layers[i][0].T) * relu_grad(zs[i - 1])
    return grads[::-1]


def sgd(layers, grads, lr):
    return [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(layers, grads)]


X, y = make_data()
layers = init([2, 8, 1])
for epoch in range(2000):
    zs, acts = forward(layers, X)
    out = acts[-1]
    loss = np.mean((y - out) ** 2)
    layers = sgd(layers, backward(layers, zs, acts, y), lr=0.5)
    if epoch % 400 == 0:
        print(f"epoch {epoch}: mse {loss:.4f}  acc {np.mean((out > 0.5) == y):.2f}")

out = forward(layers, X)[1][-1]
print("output range:", out.min().round(3), out.max().round(3))
print("accuracy:", np.mean((out > 0.5) == y))
