"""Learn AND and OR at the same time (two sigmoid outputs) with the squared error."""
import numpy as np


def init(n_in, n_hidden, n_out, rng):
    W1 = rng.uniform(-1, 1, (n_in, n_hidden))
    b1 = np.zeros((1, n_hidden))
    W2 = rng.uniform(-1, 1, (n_hidden, n_out))
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(x, W1, b1, W2, b2):
    h = sigmoid(x @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    return h, p


def backward(x, y, h, p, W2):
    # squared error E = 0.5 * sum (p - y)^2, so dE/dz = (p - y) * p * (1 - p)
    delta2 = (p - y) * p * (1 - p)
    delta1 = (delta2 @ W2.T) * h * (1 - h)
    return x.T @ delta1, delta1.sum(axis=0, keepdims=True), h.T @ delta2, delta2.sum(axis=0, keepdims=True)


def train(x, y, epochs=4000, lr=1.0, seed=0):
    rng = np.random.default_rng(seed)
    W1, b1, W2, b2 = init(x.shape[1], 4, y.shape[1], rng)
    for epoch in range(epochs):
        h, p = forward(x, W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward(x, y, h, p, W2)
        W1, b1 = W1 - lr * dW1, b1 - lr * db1
        W2, b2 = W2 - lr * dW2, b2 - lr * db2
        if epoch % 1000 == 0:
            print("epoch", epoch, "squared error", round(float(0.5 * np.sum((p - y) ** 2)), 5))
    return W1, b1, W2, b2


x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0, 0], [0, 1], [0, 1], [1, 1]], dtype=float)   # columns: AND, OR

params = train(x, y)
_, p = forward(x, *params)
print("outputs:\n", p.round(3))
print("correct:", np.mean((p > 0.5) == y))
