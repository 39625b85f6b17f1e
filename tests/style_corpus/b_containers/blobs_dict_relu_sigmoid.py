# Binary classification of two gaussian blobs: [2 -> 6 relu -> 1 sigmoid], course-style helpers
import numpy as np

np.random.seed(2)
m = 240
X = np.hstack([np.random.randn(2, m // 2) * 0.8 + np.array([[1.0], [1.0]]),
               np.random.randn(2, m // 2) * 0.8 - np.array([[1.0], [1.0]])])
Y = np.hstack([np.ones((1, m // 2)), np.zeros((1, m // 2))])


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_derivative(x):
    return x * (1.0 - x)


def relu(x):
    return np.maximum(0, x)


def initialize(n_x, n_h, n_y):
    return {
        "W1": np.random.randn(n_h, n_x) * 0.5,
        "b1": np.zeros((n_h, 1)),
        "W2": np.random.randn(n_y, n_h) * 0.5,
        "b2": np.zeros((n_y, 1)),
    }


def forward_propagation(X, parameters):
    cache = {}
    cache["Z1"] = parameters["W1"] @ X + parameters["b1"]
    cache["A1"] = relu(cache["Z1"])
    cache["Z2"] = parameters["W2"] @ cache["A1"] + parameters["b2"]
    cache["A2"] = sigmoid(cache["Z2"])
    return cache["A2"], cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-10, 1 - 1e-10)
    return float(-(Y @ np.log(A2).T + (1 - Y) @ np.log(1 - A2).T).item() / m)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A2 = cache["A2"]
    dA2 = -(Y / A2) + (1 - Y) / (1 - A2)
    dZ2 = dA2 * sigmoid_derivative(cache["Z2"])
    dW2 = dZ2 @ cache["A1"].T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = parameters["W2"].T @ dZ2
    dZ1 = dA1 * (cache["Z1"] > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


parameters = initialize(2, 6, 1)
learning_rate = 0.1
for i in range(1500):
    A2, cache = forward_propagation(X, parameters)
    cost = compute_cost(A2, Y)
    grads = backward_propagation(parameters, cache, X, Y)
    for name in ("W1", "b1", "W2", "b2"):
        parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    if i % 300 == 0:
        print(f"iteration {i}: cost {cost:.4f}")

A2, _ = forward_propagation(X, parameters)
print("accuracy:", np.mean((A2 > 0.5) == Y))
