import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, W1, b1, W2, b2):
    h = np.tanh(np.dot(X, W1 + b1))
    out = sigmoid(np.dot(h, W2 + b2))
    return h, out


def train(X, y, n_hidden=6, epochs=500, lr=0.5):
    rng = np.random.RandomState(9)
    W1 = rng.randn(X.shape[1], n_hidden) * 0.5
    b1 = np.zeros((1, n_hidden))
    W2 = rng.randn(n_hidden, 1) * 0.5
    b2 = np.zeros((1, 1))
    for _ in range(epochs):
        h, out = forward(X, W1, b1, W2, b2)
        d_out = (out - y) / len(X)
        d_h = d_out @ W2.T * (1 - h ** 2)
        W2 -= lr * h.T @ d_out
        b2 -= lr * d_out.sum(axis=0, keepdims=True)
        W1 -= lr * X.T @ d_h
        b1 -= lr * d_h.sum(axis=0, keepdims=True)
    return W1, b1, W2, b2


rng = np.random.RandomState(0)
X = np.vstack([rng.randn(100, 2) + [3, 3], rng.randn(100, 2)])
y = np.r_[np.ones(100), np.zeros(100)].reshape(-1, 1)
params = train(X, y)
print("accuracy", np.mean((forward(X, *params)[1] > 0.5) == y))
