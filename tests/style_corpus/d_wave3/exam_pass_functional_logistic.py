"""Pass / fail from hours studied and hours slept: logistic regression, one dense layer."""
import numpy as np


def load_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    study = rng.uniform(0, 10, n)
    sleep = rng.uniform(4, 10, n)
    passed = (0.8 * study + 0.6 * sleep + rng.normal(0, 0.8, n) > 8.5).astype(float)
    return np.column_stack([study, sleep]), passed.reshape(-1, 1)


def init_params(n_features, seed=1):
    rng = np.random.default_rng(seed)
    w = rng.normal(0, 0.01, (n_features, 1))
    return w


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, w):
    return sigmoid(X @ w)


def compute_loss(p, y):
    p = np.clip(p, 1e-10, 1 - 1e-10)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def backward(X, p, y):
    return X.T @ (p - y) / len(y)


def train(X, y, lr=0.05, epochs=3000):
    w = init_params(X.shape[1])
    for epoch in range(epochs):
        p = forward(X, w)
        w = w - lr * backward(X, p, y)
        if epoch % 600 == 0:
            print(f"epoch {epoch}: loss {compute_loss(p, y):.4f}")
    return w


def accuracy(X, y, w):
    return np.mean((forward(X, w) > 0.5) == y)


X, y = load_data()
print("pass rate:", y.mean())
w = train(X, y)
print("final loss:", round(compute_loss(forward(X, w), y), 4))
print("accuracy:", accuracy(X, y, w))
