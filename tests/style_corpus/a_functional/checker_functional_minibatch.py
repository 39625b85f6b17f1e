import numpy as np

# 3x3 checkerboard on [0, 3)^2, label = (floor(x) + floor(y)) % 2
# 2 -> 24 tanh -> 1 sigmoid, mini-batch SGD with shuffling each epoch


def make_board(n, rng):
    X = rng.uniform(0, 3, (n, 2))
    y = (np.floor(X[:, 0]) + np.floor(X[:, 1])) % 2
    return X - 1.5, y.reshape(-1, 1)


def init_params(rng, n_hidden=24):
    return {
        "W1": rng.normal(0, 1.5, (2, n_hidden)),
        "b1": rng.normal(0, 1.0, (1, n_hidden)),
        "W2": rng.normal(0, 0.5, (n_hidden, 1)),
        "b2": np.zeros((1, 1)),
    }


def forward(p, X):
    h = np.tanh(X @ p["W1"] + p["b1"])
    out = 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))
    return h, out


def grads(p, X, y):
    h, out = forward(p, X)
    d_out = (out - y) / len(X)
    d_h = (d_out @ p["W2"].T) * (1 - h ** 2)
    return {
        "W2": h.T @ d_out,
        "b2": np.sum(d_out),
        "W1": X.T @ d_h,
        "b1": np.sum(d_h),
    }


def evaluate(p, X, y):
    _, out = forward(p, X)
    out = np.clip(out, 1e-9, 1 - 1e-9)
    loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    return loss, np.mean((out > 0.5) == y)


rng = np.random.default_rng(5)
X, y = make_board(900, rng)
p = init_params(rng)
lr, bs = 1.0, 30

for epoch in range(150):
    order = rng.permutation(len(X))
    for i in range(0, len(X), bs):
        batch = order[i:i + bs]
        g = grads(p, X[batch], y[batch])
        for k in p:
            p[k] -= lr * g[k]
    if epoch % 30 == 0:
        loss, acc = evaluate(p, X, y)
        print(f"epoch {epoch:3d}: loss {loss:.3f}, accuracy {acc:.3f}")

loss, acc = evaluate(p, X, y)
print(f"final: loss {loss:.3f}, accuracy {acc:.3f}")
