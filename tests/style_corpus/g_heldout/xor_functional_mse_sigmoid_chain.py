"""XOR trained with squared error, so the sigmoid derivative belongs in the output delta."""
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def init_weights(n_in, n_hid, n_out, seed=7):
    rng = np.random.default_rng(seed)
    return (rng.uniform(-1, 1, (n_in, n_hid)), np.zeros((1, n_hid)),
            rng.uniform(-1, 1, (n_hid, n_out)), np.zeros((1, n_out)))


def forward(X, W1, b1, W2, b2):
    h = sigmoid(X @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    return h, p


def backward(X, y, h, p, W2):
    d_out = (p - y) * p * (1 - p)
    d_hid = (d_out @ W2.T) * h * (1 - h)
    return X.T @ d_hid, d_hid.sum(axis=0, keepdims=True), h.T @ d_out, d_out.sum(axis=0, keepdims=True)


def update(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
params = init_weights(2, 4, 1)
for epoch in range(8000):
    h, p = forward(X, *params)
    grads = backward(X, y, h, p, params[2])
    params = update(params, grads, 2.0)
    if epoch % 2000 == 0:
        print(epoch, "mse", np.mean((p - y) ** 2))
print(p.round(3).ravel())
