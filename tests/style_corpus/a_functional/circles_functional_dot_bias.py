import numpy as np

# noisy circle: inside (label 1) or outside (label 0) of radius 1
# 2 -> 12 relu -> 1 sigmoid, trained with full-batch gradient descent


def circle_data(n=300, seed=21):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.6, 1.6, (n, 2))
    y = (np.hypot(X[:, 0], X[:, 1]) < 1.0).astype(float)[:, None]
    return X, y


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init_weights(seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((2, 12)) * np.sqrt(2 / 2)
    b1 = np.zeros((1, 12))
    W2 = rng.standard_normal((12, 1)) * np.sqrt(1 / 12)
    b2 = np.zeros((1, 1))
    return W1, b1, W2, b2


def feed_forward(X, W1, b1, W2, b2):
    h = np.maximum(0, np.dot(X, W1) + b1)
    out = sigmoid(np.dot(h, W2, b2))
    return h, out


def back_prop(X, y, h, out, W2):
    delta_out = (out - y) / len(X)
    delta_h = np.dot(delta_out, W2.T) * (h > 0)
    return (np.dot(X.T, delta_h), delta_h.sum(axis=0, keepdims=True),
            np.dot(h.T, delta_out), delta_out.sum(axis=0, keepdims=True))


X, y = circle_data()
W1, b1, W2, b2 = init_weights()
for epoch in range(2000):
    h, out = feed_forward(X, W1, b1, W2, b2)
    dW1, db1, dW2, db2 = back_prop(X, y, h, out, W2)
    W1, b1 = W1 - 0.5 * dW1, b1 - 0.5 * db1
    W2, b2 = W2 - 0.5 * dW2, b2 - 0.5 * db2
    if epoch % 400 == 0:
        p = np.clip(out, 1e-8, 1 - 1e-8)
        bce = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        print("epoch", epoch, "bce", round(float(bce), 4), "accuracy", np.mean((out > 0.5) == y))
