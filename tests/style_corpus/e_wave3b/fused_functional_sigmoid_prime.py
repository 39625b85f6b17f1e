"""Logistic regression with one hidden layer; binary cross-entropy; sigmoid_prime at z."""
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


def relu(z):
    return np.maximum(z, 0)


rng = np.random.default_rng(11)
X = rng.normal(0, 1, (300, 4))
y = ((X[:, 0] + X[:, 1] ** 2 - X[:, 2]) > 0.5).astype(float).reshape(-1, 1)
W1 = rng.normal(0, 0.5, (4, 10))
b1 = np.zeros((1, 10))
W2 = rng.normal(0, 0.5, (10, 1))
b2 = np.zeros((1, 1))

for it in range(3000):
    z1 = X @ W1 + b1
    a1 = relu(z1)
    z2 = a1 @ W2 + b2
    a2 = sigmoid(z2)
    loss = -np.mean(y * np.log(a2 + 1e-10) + (1 - y) * np.log(1 - a2 + 1e-10))
    dz2 = (a2 - y) * sigmoid_prime(z2) / len(X)
    dz1 = (dz2 @ W2.T) * (z1 > 0)
    W2 -= 1.0 * a1.T @ dz2
    b2 -= 1.0 * dz2.sum(axis=0, keepdims=True)
    W1 -= 1.0 * X.T @ dz1
    b1 -= 1.0 * dz1.sum(axis=0, keepdims=True)
    if it % 500 == 0:
        print(it, round(float(loss), 4))
print("accuracy", np.mean((a2 > 0.5) == y))
