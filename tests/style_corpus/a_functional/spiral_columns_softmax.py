import numpy as np

# 3-arm spiral, examples stored as columns: X is (2, m), Y is (3, m) one-hot


def load_spiral(points=100, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    X = np.zeros((2, points * classes))
    labels = np.zeros(points * classes, dtype=int)
    for c in range(classes):
        cols = slice(points * c, points * (c + 1))
        r = np.linspace(0.05, 1, points)
        theta = np.linspace(c * 4, (c + 1) * 4, points) + rng.normal(0, 0.2, points)
        X[:, cols] = np.vstack([r * np.sin(theta), r * np.cos(theta)])
        labels[cols] = c
    Y = np.eye(classes)[labels].T
    return X, Y, labels


def init_params(layer_dims, seed=1):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((layer_dims[1], layer_dims[0])) * np.sqrt(2 / layer_dims[0])
    b1 = np.zeros((layer_dims[1], 1))
    W2 = rng.standard_normal((layer_dims[2], layer_dims[1])) * np.sqrt(2 / layer_dims[1])
    b2 = np.zeros((layer_dims[2], 1))
    return W1, b1, W2, b2


def softmax(Z):
    expZ = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return expZ / np.sum(expZ, axis=1, keepdims=True)


def forward(X, W1, b1, W2, b2):
    Z1 = W1 @ X + b1
    A1 = np.maximum(0, Z1)
    A2 = softmax(W2 @ A1 + b2)
    return Z1, A1, A2


def backward(X, Y, Z1, A1, A2, W2):
    m = X.shape[1]
    dZ2 = (A2 - Y) / m
    dW2 = dZ2 @ A1.T
    db2 = dZ2.sum(axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    dW1 = dZ1 @ X.T
    db1 = dZ1.sum(axis=1, keepdims=True)
    return dW1, db1, dW2, db2


X, Y, labels = load_spiral()
W1, b1, W2, b2 = init_params([2, 50, 3])
lr = 1.0

for it in range(2001):
    Z1, A1, A2 = forward(X, W1, b1, W2, b2)
    cost = -np.sum(Y * np.log(A2 + 1e-12)) / X.shape[1]
    dW1, db1, dW2, db2 = backward(X, Y, Z1, A1, A2, W2)
    W1, b1 = W1 - lr * dW1, b1 - lr * db1
    W2, b2 = W2 - lr * dW2, b2 - lr * db2
    if it % 400 == 0:
        acc = np.mean(np.argmax(A2, axis=0) == labels)
        print(f"iteration {it}: cost {cost:.4f}, accuracy {acc:.3f}")
