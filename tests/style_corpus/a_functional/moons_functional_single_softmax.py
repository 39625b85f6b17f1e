import numpy as np

# two moons, binary labels, mini-batch SGD
# hidden: relu (16), output: softmax + cross entropy


def two_moons(n, noise, rng):
    t = rng.uniform(0, np.pi, n)
    s = rng.uniform(0, np.pi, n)
    X = np.vstack([np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(s), 0.5 - np.sin(s)]])
    X += rng.normal(0, noise, X.shape)
    y = np.r_[np.zeros(n), np.ones(n)].reshape(-1, 1)
    return X, y


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def init_params(n_in, n_hidden, n_out, rng):
    W1 = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden))
    W2 = rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, n_out))
    return W1, np.zeros((1, n_hidden)), W2, np.zeros((1, n_out))


def forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    a1 = np.maximum(0, z1)
    p = softmax(a1 @ W2 + b2)
    return z1, a1, p


def backward(X, y, z1, a1, p, W2):
    m = len(X)
    dz2 = (p - y) / m
    dz1 = (dz2 @ W2.T) * (z1 > 0)
    return X.T @ dz1, dz1.sum(axis=0, keepdims=True), a1.T @ dz2, dz2.sum(axis=0, keepdims=True)


def cross_entropy(p, y):
    return -np.mean(np.sum(y * np.log(p + 1e-12), axis=1))


rng = np.random.default_rng(0)
X, y = two_moons(200, 0.1, rng)
W1, b1, W2, b2 = init_params(2, 16, 1, rng)
lr, batch_size = 0.5, 32

for epoch in range(100):
    idx = rng.permutation(len(X))
    for k in range(0, len(X), batch_size):
        b = idx[k:k + batch_size]
        z1, a1, p = forward(X[b], W1, b1, W2, b2)
        dW1, db1, dW2, db2 = backward(X[b], y[b], z1, a1, p, W2)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    if epoch % 20 == 0:
        _, _, p = forward(X, W1, b1, W2, b2)
        print(f"epoch {epoch}: loss {cross_entropy(p, y):.4f}, acc {np.mean((p > 0.5) == y):.3f}")

_, _, p = forward(X, W1, b1, W2, b2)
print("unique outputs:", np.unique(p))
print("accuracy:", np.mean((p > 0.5) == y))
