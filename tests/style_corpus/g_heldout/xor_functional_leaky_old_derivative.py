import numpy as np


def leaky_relu(x, a=0.01):
    return np.where(x > 0, x, a * x)


def derivative(x):
    return x * (1 - x)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def init_params(seed=0):
    rng = np.random.default_rng(seed)
    theta1 = rng.normal(0, 1, (2, 6))
    theta2 = rng.normal(0, 1, (6, 1))
    return theta1, np.zeros((1, 6)), theta2, np.zeros((1, 1))


def train(X, y, epochs=3000, lr=0.3):
    theta1, c1, theta2, c2 = init_params()
    for epoch in range(epochs):
        layer1 = leaky_relu(X @ theta1 + c1)
        layer2 = sigmoid(layer1 @ theta2 + c2)
        l2_delta = (layer2 - y) / len(X)
        l1_delta = (l2_delta @ theta2.T) * derivative(layer1)
        theta2 -= lr * layer1.T @ l2_delta
        c2 -= lr * l2_delta.sum(axis=0, keepdims=True)
        theta1 -= lr * X.T @ l1_delta
        c1 -= lr * l1_delta.sum(axis=0, keepdims=True)
    return layer2


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
print(train(X, y).round(3).ravel())
