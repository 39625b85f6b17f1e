"""Regression of y = x1 * x2 with a functional train_step that returns the new parameters."""
import numpy as np

rng = np.random.default_rng(5)
X = rng.uniform(-1, 1, (256, 2))
y = (X[:, 0] * X[:, 1]).reshape(-1, 1)


def init(n_in, n_hidden):
    return {
        "W1": rng.normal(0, 1, (n_in, n_hidden)),
        "b1": np.zeros((1, n_hidden)),
        "W2": rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1)),
        "b2": np.zeros((1, 1)),
    }


def train_step(p, X, y, lr):
    h = np.tanh(X @ p["W1"] + p["b1"])
    out = h @ p["W2"] + p["b2"]
    err = (out - y) / len(X)
    # output layer first
    p["W2"] -= lr * h.T @ err
    p["b2"] -= lr * err.sum(axis=0, keepdims=True)
    # then the hidden layer
    dh = (err @ p["W2"].T) * (1 - h ** 2)
    p["W1"] -= lr * X.T @ dh
    p["b1"] -= lr * dh.sum(axis=0, keepdims=True)
    return np.mean((out - y) ** 2)


params = init(2, 16)
for epoch in range(2000):
    mse = train_step(params, X, y, 0.5)
    if epoch % 400 == 0:
        print("epoch", epoch, "mse", round(float(mse), 5))
print("final mse", round(float(mse), 5))
