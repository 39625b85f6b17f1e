import numpy as np


def leaky_scalar(v, slope=0.05):
    return v if v > 0 else slope * v


def leaky_slope_scalar(v, slope=0.05):
    return 1.0 if v > 0 else slope


leaky = np.vectorize(leaky_scalar)
leaky_slope = np.vectorize(leaky_slope_scalar)


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def train(X, y, hidden=10, epochs=300, lr=0.5, seed=0):
    rng = np.random.default_rng(seed)
    w_in = rng.normal(0, 0.7, (2, hidden))
    b_in = np.zeros((1, hidden))
    w_out = rng.normal(0, 0.7, (hidden, 1))
    b_out = np.zeros((1, 1))
    for _ in range(epochs):
        z = X @ w_in + b_in
        hidden_out = leaky(z)
        prob = sigmoid(hidden_out @ w_out + b_out)
        grad_out = (prob - y) / len(X)
        grad_hidden = grad_out @ w_out.T * leaky_slope(z)
        w_out -= lr * hidden_out.T @ grad_out
        b_out -= lr * grad_out.sum(axis=0, keepdims=True)
        w_in -= lr * X.T @ grad_hidden
        b_in -= lr * grad_hidden.sum(axis=0, keepdims=True)
    return np.mean((prob > 0.5) == y)


rng = np.random.default_rng(5)
X = rng.uniform(-1.5, 1.5, (200, 2))
y = (np.hypot(X[:, 0], X[:, 1]) < 1).astype(float).reshape(-1, 1)
print("accuracy", train(X, y))
