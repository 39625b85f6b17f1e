import numpy as np

ALPHA = 0.1


def leaky(x, deriv=False):
    # the slope only depends on the sign, and leaky relu keeps the sign,
    # so deriv=True can be given the activation instead of the input
    if deriv:
        return np.where(x > 0, 1.0, ALPHA)
    return np.where(x > 0, x, ALPHA * x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def moons(n, rng):
    t = rng.uniform(0, np.pi, n)
    X = np.r_[np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.5 - np.sin(t)]]
    return X + rng.normal(0, 0.15, X.shape), np.r_[np.zeros(n), np.ones(n)][:, None]


def init(rng, hidden=20):
    return (rng.normal(0, 1, (2, hidden)), np.zeros((1, hidden)),
            rng.normal(0, 1 / np.sqrt(hidden), (hidden, 1)), np.zeros((1, 1)))


def forward(X, W1, b1, W2, b2):
    a1 = leaky(X @ W1 + b1)
    return a1, sigmoid(a1 @ W2 + b2)


def backward(X, y, a1, a2, W2):
    d2 = (a2 - y) / len(X)
    d1 = (d2 @ W2.T) * leaky(a1, deriv=True)
    return X.T @ d1, d1.sum(axis=0, keepdims=True), a1.T @ d2, d2.sum(axis=0, keepdims=True)


rng = np.random.default_rng(4)
X, y = moons(200, rng)
params = init(rng)
for epoch in range(2500):
    a1, a2 = forward(X, *params)
    grads = backward(X, y, a1, a2, params[2])
    params = tuple(p - 0.5 * g for p, g in zip(params, grads))
    if epoch % 500 == 0:
        a2c = np.clip(a2, 1e-9, 1 - 1e-9)
        loss = -np.mean(y * np.log(a2c) + (1 - y) * np.log(1 - a2c))
        print(f"epoch {epoch}: loss {loss:.4f} accuracy {np.mean((a2 > 0.5) == y):.3f}")

print("final accuracy:", np.mean((forward(X, *params)[1] > 0.5) == y))
