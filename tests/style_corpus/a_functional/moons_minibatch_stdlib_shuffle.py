import random
import numpy as np

# two moons with mini-batch SGD; features and label kept together in one table
# so that shuffling keeps each point with its label

random.seed(0)
rng = np.random.default_rng(0)


def make_moons(n=200, noise=0.1):
    t = rng.uniform(0, np.pi, n)
    upper = np.c_[np.cos(t), np.sin(t)]
    lower = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    X = np.r_[upper, lower] + rng.normal(0, noise, (2 * n, 2))
    y = np.r_[np.zeros(n), np.ones(n)]
    return X, y


def init_params(n_hidden=16):
    return {"W1": rng.normal(0, 1, (2, n_hidden)), "b1": np.zeros((1, n_hidden)),
            "W2": rng.normal(0, 0.5, (n_hidden, 1)), "b2": np.zeros((1, 1))}


def forward(p, X):
    h = np.tanh(X @ p["W1"] + p["b1"])
    return h, 1 / (1 + np.exp(-(h @ p["W2"] + p["b2"])))


def update(p, X, y, lr):
    h, out = forward(p, X)
    d_out = (out - y) / len(X)
    d_h = (d_out @ p["W2"].T) * (1 - h ** 2)
    p["W2"] -= lr * h.T @ d_out
    p["b2"] -= lr * d_out.sum(axis=0, keepdims=True)
    p["W1"] -= lr * X.T @ d_h
    p["b1"] -= lr * d_h.sum(axis=0, keepdims=True)


X, y = make_moons()
data = np.column_stack([X, y])
params = init_params()

for epoch in range(100):
    random.shuffle(data)
    for start in range(0, len(data), 32):
        batch = data[start:start + 32]
        update(params, batch[:, :2], batch[:, 2:], lr=0.5)
    if epoch % 20 == 0:
        _, out = forward(params, X)
        p = np.clip(out.ravel(), 1e-9, 1 - 1e-9)
        loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
        print(f"epoch {epoch}: log loss {loss:.4f}, accuracy {np.mean((p > 0.5) == y):.3f}")

_, out = forward(params, X)
print("accuracy on the original points:", np.mean((out.ravel() > 0.5) == y))
