import numpy as np

# cs231n-like spiral, but written with plain functions and mini-batches

N, D, K = 100, 2, 3  # points per class, dimensions, classes


def spiral_data(seed=0):
    rng = np.random.default_rng(seed)
    X = np.zeros((N * K, D))
    y = np.zeros(N * K, dtype=int)
    for j in range(K):
        ix = range(N * j, N * (j + 1))
        r = np.linspace(0.0, 1, N)
        t = np.linspace(j * 4, (j + 1) * 4, N) + rng.normal(0, 0.2, N)
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return X, y


def init_params(sizes, seed=0):
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params.append([rng.normal(0, np.sqrt(2.0 / n_in), (n_in, n_out)), np.zeros(n_out)])
    return params


def forward(params, X):
    (W1, b1), (W2, b2) = params
    h = np.maximum(0, X @ W1 + b1)
    scores = h @ W2 + b2
    return h, scores


def softmax(scores):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)


def grads(params, X, y, h, scores):
    (W1, b1), (W2, b2) = params
    n = X.shape[0]
    dscores = softmax(scores)
    dscores[range(n), y] -= 1
    dscores /= n
    dW2 = h.T @ dscores
    db2 = dscores.sum(axis=0)
    dh = dscores @ W2.T
    dh[h <= 0] = 0
    dW1 = X.T @ dh
    db1 = dh.sum(axis=0)
    return [(dW1, db1), (dW2, db2)]


def accuracy(params, X, y):
    _, scores = forward(params, X)
    return np.mean(np.argmax(scores, axis=1) == y)


X, y = spiral_data()
params = init_params([D, 64, K])
lr, batch_size = 0.5, 32
rng = np.random.default_rng(1)

for epoch in range(150):
    order = rng.permutation(len(X))
    for start in range(0, len(X), batch_size):
        idx = order[start:start + batch_size]
        h, scores = forward(params, X[idx])
        g = grads(params, X[idx], y[idx], h, scores)
        for (W, b), (dW, db) in zip(params, g):
            W -= lr * dW
            b -= lr * db
    if epoch % 30 == 0:
        _, scores = forward(params, X)
        p = softmax(scores)
        loss = -np.mean(np.log(p[range(len(y)), y] + 1e-12))
        print(f"epoch {epoch:3d}  loss {loss:.3f}  acc {accuracy(params, X, y):.2f}")

print("final accuracy", accuracy(params, X, y))
