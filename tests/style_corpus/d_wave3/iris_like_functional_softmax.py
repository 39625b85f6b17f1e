"""Iris-like data: 3 species, 4 measurements (cm), one hidden tanh layer."""
import numpy as np


def make_flowers(n_per_class=50, seed=0):
    rng = np.random.default_rng(seed)
    means = np.array([[5.0, 3.4, 1.5, 0.2],
                      [5.9, 2.8, 4.3, 1.3],
                      [6.6, 3.0, 5.5, 2.0]])
    X = np.vstack([m + 0.3 * rng.standard_normal((n_per_class, 4)) for m in means])
    y = np.repeat(np.arange(3), n_per_class)
    return X, y


def softmax(z):
    exps = np.exp(z - np.max(z, axis=1, keepdims=True))
    return exps / np.sum(exps, axis=1)


def init(n_in, n_hidden, n_out, seed=1):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_hidden))
    b1 = np.zeros(n_hidden)
    W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, n_out))
    b2 = np.zeros(n_out)
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    a1 = np.tanh(X @ W1 + b1)
    probs = softmax(a1 @ W2 + b2)
    return a1, probs


def backward(X, Y, a1, probs, W2):
    m = len(X)
    dz2 = (probs - Y) / m
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0)
    dz1 = dz2 @ W2.T * (1 - a1 ** 2)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0)
    return dW1, db1, dW2, db2


def update(W1, b1, W2, b2, dW1, db1, dW2, db2, lr):
    return W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2


def cross_entropy(probs, Y):
    return -np.mean(np.sum(Y * np.log(probs + 1e-9), axis=1))


X, y = make_flowers()
X = (X - X.mean(axis=0)) / X.std(axis=0)
Y = np.eye(3)[y]

W1, b1, W2, b2 = init(4, 8, 3)
for epoch in range(1000):
    a1, probs = forward(X, W1, b1, W2, b2)
    grads = backward(X, Y, a1, probs, W2)
    W1, b1, W2, b2 = update(W1, b1, W2, b2, *grads, lr=0.2)
    if epoch % 200 == 0:
        print("epoch", epoch, "loss", round(cross_entropy(probs, Y), 4))

_, probs = forward(X, W1, b1, W2, b2)
print("accuracy:", np.mean(probs.argmax(axis=1) == y))
