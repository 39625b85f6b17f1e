import numpy as np

# Two moons, samples as columns: X is (2, m), Z = W @ X + b


def make_moons(n, noise=0.15, seed=3):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)])
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.hstack([upper, lower]) + rng.normal(0, noise, (2, 2 * n))
    Y = np.hstack([np.zeros((1, n)), np.ones((1, n))])
    return X, Y


def initialize_parameters(n_x, n_h, n_y):
    rng = np.random.default_rng(0)
    W1 = rng.standard_normal((n_h, n_x)) * 0.5
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.5
    b2 = np.zeros((n_y, 1))
    return W1, b1, W2, b2


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, W1, b1, W2, b2):
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A1, A2


def compute_cost(A2, Y):
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-10, 1 - 1e-10)
    return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m


def backward_propagation(X, Y, A1, A2, W2):
    m = X.shape[1]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return dW1, db1, dW2, db2


X, Y = make_moons(200)
W1, b1, W2, b2 = initialize_parameters(2, 8, 1)
learning_rate = 1.2

for i in range(3000):
    A1, A2 = forward_propagation(X, W1, b1, W2, b2)
    cost = compute_cost(A2, Y)
    dW1, db1, dW2, db2 = backward_propagation(X, Y, A1, A2, W2)
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    if i % 500 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

_, A2 = forward_propagation(X, W1, b1, W2, b2)
predictions = (A2 > 0.5).astype(float)
print("Accuracy: %.1f%%" % (100 * np.mean(predictions == Y)))
