import numpy as np

# two overlapping gaussian clouds, 2 -> 6 (sigmoid) -> 1 (sigmoid)
# loss: binary cross-entropy, so the output delta is simply p - y


def load(n=200, seed=14):
    rng = np.random.default_rng(seed)
    a = rng.normal([-1.0, 0.5], 0.8, (n // 2, 2))
    b = rng.normal([1.0, -0.5], 0.8, (n // 2, 2))
    return np.vstack([a, b]), np.vstack([np.zeros((n // 2, 1)), np.ones((n // 2, 1))])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init(n_in=2, n_hidden=6, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 1, (n_in, n_hidden)), np.zeros((1, n_hidden)),
            rng.normal(0, 1, (n_hidden, 1)), np.zeros((1, 1))]


def forward(X, params):
    W1, b1, W2, b2 = params
    a1 = sigmoid(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    return a1, a2


def backward(X, y, params, a1, a2):
    W1, b1, W2, b2 = params
    m = len(X)
    d2 = (a2 - y) / m
    dW2 = a1 @ d2
    db2 = d2.sum(axis=0, keepdims=True)
    d1 = (d2 @ W2.T) * a1 * (1 - a1)
    dW1 = X.T @ d1
    db1 = d1.sum(axis=0, keepdims=True)
    return [dW1, db1, dW2, db2]


X, y = load()
params = init()
for epoch in range(1000):
    a1, a2 = forward(X, params)
    grads = backward(X, y, params, a1, a2)
    params = [p - 0.5 * g for p, g in zip(params, grads)]
    if epoch % 200 == 0:
        p = np.clip(a2, 1e-8, 1 - 1e-8)
        print(epoch, -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

print("accuracy", np.mean((forward(X, params)[1] > 0.5) == y))
