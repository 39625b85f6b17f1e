"""Two moons, 2 -> 8 -> 1 network, written as plain functions."""
import numpy as np


def two_moons(n, noise=0.1, seed=0):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    half = n // 2
    x_top = np.column_stack([np.cos(t[:half]), np.sin(t[:half])])
    x_bot = np.column_stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    X = np.vstack([x_top, x_bot]) + rng.normal(0, noise, (n, 2))
    y = np.r_[np.zeros(half), np.ones(n - half)].reshape(-1, 1)
    return X, y


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init_params(n_in, n_hidden, n_out, seed=1):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2.0 / n_in)
    b1 = np.zeros((1, n_hidden))
    W2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(1.0 / n_hidden)
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = np.maximum(0, z1)
    a2 = sigmoid(a1 @ W2 + b2)
    return z1, a1, a2


def backward(X, y, z1, a1, a2, W2):
    m = X.shape[0]
    d2 = (a2 - y) / m
    dW2 = X.T @ d2
    db2 = d2.sum(axis=0, keepdims=True)
    d1 = (d2 @ W2.T) * (z1 > 0)
    dW1 = X.T @ d1
    db1 = d1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def bce(a2, y):
    a2 = np.clip(a2, 1e-9, 1 - 1e-9)
    return -np.mean(y * np.log(a2) + (1 - y) * np.log(1 - a2))


X, y = two_moons(300)
W1, b1, W2, b2 = init_params(2, 8, 1)
lr = 0.5
for epoch in range(2000):
    z1, a1, a2 = forward(X, W1, b1, W2, b2)
    dW1, db1, dW2, db2 = backward(X, y, z1, a1, a2, W2)
    W1 = W1 - lr * dW1
    b1 = b1 - lr * db1
    W2 = W2 - lr * dW2
    b2 = b2 - lr * db2
    if epoch % 400 == 0:
        print(f"epoch {epoch}: loss {bce(a2, y):.4f}")

print("accuracy:", np.mean((forward(X, W1, b1, W2, b2)[2] > 0.5) == y))
