import numpy as np

# XOR of the signs: label 1 in quadrants 2 and 4. 2 -> 8 tanh -> 1 sigmoid.
# train on 300 points, evaluate on 100 fresh ones


def sample(n, rng):
    X = rng.uniform(-1, 1, (n, 2))
    labels = (X[:, 0] * X[:, 1] < 0).astype(int)
    return X, labels


def init_params(rng, hidden=8):
    return [rng.normal(0, 1, (2, hidden)), np.zeros((1, hidden)),
            rng.normal(0, 1, (hidden, 1)), np.zeros((1, 1))]


def forward(params, X):
    W1, b1, W2, b2 = params
    h = np.tanh(X @ W1 + b1)
    p = 1 / (1 + np.exp(-(h @ W2 + b2)))
    return h, p


def train(params, X, labels, epochs=2000, lr=0.5):
    y = labels.reshape(-1, 1)
    for epoch in range(epochs):
        W1, b1, W2, b2 = params
        h, p = forward(params, X)
        dz2 = (p - y) / len(X)
        dz1 = (dz2 @ W2.T) * (1 - h ** 2)
        grads = [X.T @ dz1, dz1.sum(axis=0, keepdims=True), h.T @ dz2, dz2.sum(axis=0, keepdims=True)]
        params = [w - lr * g for w, g in zip(params, grads)]
        if epoch % 500 == 0:
            pc = np.clip(p, 1e-9, 1 - 1e-9)
            print("epoch", epoch, "log loss", round(float(-np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))), 4))
    return params


def accuracy(params, X, labels):
    _, p = forward(params, X)
    return np.mean((p > 0.5) == labels.reshape(-1, 1))


rng = np.random.default_rng(0)
X_train, y_train = sample(300, rng)
X_test, y_test = sample(100, rng)
params = train(init_params(rng), X_train, y_train)
print("test accuracy:", accuracy(params, X_test, y_test))
