import numpy as np

rng = np.random.default_rng(20)
X_train = np.vstack([rng.normal(2, 1, (150, 2)), rng.normal(-2, 1, (150, 2))])
y_train = np.r_[np.ones(150), np.zeros(150)].reshape(-1, 1)


def init_network(sizes):
    return [(rng.normal(0, 0.5, (a, b)), np.zeros((1, b))) for a, b in zip(sizes[:-1], sizes[1:])]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def train_epoch(layers, X, y, batch_size=32, lr=0.5):
    order = np.random.permutation(len(X))
    X, y = X[order], y[order]
    for i in range(0, len(X), batch_size):
        xb, yb = X[i:i + batch_size], y[i:i + batch_size]
        (W1, b1), (W2, b2) = layers
        h = np.tanh(xb @ W1 + b1)
        p = sigmoid(h @ W2 + b2)
        d2 = (p - yb) / len(xb)
        d1 = d2 @ W2.T * (1 - h ** 2)
        W2 -= lr * h.T @ d2
        b2 -= lr * d2.sum(axis=0, keepdims=True)
        W1 -= lr * xb.T @ d1
        b1 -= lr * d1.sum(axis=0, keepdims=True)


def accuracy(layers, X, y):
    (W1, b1), (W2, b2) = layers
    return np.mean((sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2) > 0.5) == y)


np.random.seed(0)
net = init_network([2, 6, 1])
X_test = np.vstack([rng.normal(2, 1, (50, 2)), rng.normal(-2, 1, (50, 2))])
y_test = np.r_[np.ones(50), np.zeros(50)].reshape(-1, 1)
for epoch in range(20):
    train_epoch(net, X_train, y_train)
print("test accuracy", accuracy(net, X_test, y_test))
