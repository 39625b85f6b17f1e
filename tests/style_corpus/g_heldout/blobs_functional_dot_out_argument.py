import numpy as np


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init(n_in, n_h):
    rng = np.random.default_rng(0)
    return [rng.normal(0, 0.5, (n_in, n_h)), np.zeros((1, n_h)),
            rng.normal(0, 0.5, (n_h, 1)), np.zeros((1, 1))]


def step(params, X, y, lr):
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    a1 = relu(z1)
    a2 = sigmoid(a1 @ W2 + b2)
    delta2 = (a2 - y) / len(X)
    delta1 = np.dot(delta2, W2.T, (z1 > 0))
    W2 -= lr * a1.T @ delta2
    b2 -= lr * delta2.sum(axis=0, keepdims=True)
    W1 -= lr * X.T @ delta1
    b1 -= lr * delta1.sum(axis=0, keepdims=True)
    return a2


rng = np.random.default_rng(1)
X = np.vstack([rng.normal(1, 1, (100, 2)), rng.normal(-1, 1, (100, 2))])
y = np.vstack([np.ones((100, 1)), np.zeros((100, 1))])
params = init(2, 8)
for epoch in range(300):
    out = step(params, X, y, 0.5)
print("acc", np.mean((out > 0.5) == y))
