"""Fit y = sin(x) one sample at a time (online SGD).

Each sample is kept 2-D, x[i:i+1] with shape (1, 1), so every delta has the
same (1, n) shape as the bias it updates.
"""
import numpy as np


def init(n_hidden=20, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1.0, (1, n_hidden))
    b1 = np.zeros((1, n_hidden))
    W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
    b2 = np.zeros((1, 1))
    return W1, b1, W2, b2


def forward(x, W1, b1, W2, b2):
    h = np.tanh(x @ W1 + b1)
    return h, h @ W2 + b2


def sgd_step(x, y, W1, b1, W2, b2, lr):
    h, out = forward(x, W1, b1, W2, b2)
    delta2 = out - y                          # (1, 1)
    delta1 = (delta2 @ W2.T) * (1 - h ** 2)   # (1, n_hidden)
    W2 = W2 - lr * h.T @ delta2
    b2 = b2 - lr * delta2
    W1 = W1 - lr * x.T @ delta1
    b1 = b1 - lr * delta1
    return W1, b1, W2, b2


rng = np.random.default_rng(1)
X = rng.uniform(-np.pi, np.pi, (200, 1))
Y = np.sin(X)

W1, b1, W2, b2 = init()
for epoch in range(60):
    for i in rng.permutation(len(X)):
        W1, b1, W2, b2 = sgd_step(X[i:i + 1], Y[i:i + 1], W1, b1, W2, b2, lr=0.02)
    if epoch % 10 == 0 or epoch == 59:
        _, pred = forward(X, W1, b1, W2, b2)
        print(f"epoch {epoch:2d}  mse {np.mean((pred - Y) ** 2):.5f}  b1 shape {b1.shape}")
