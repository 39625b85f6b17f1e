import numpy as np

# 3 diagonal stripes, 2 -> 16 relu -> 3 softmax, mini-batches of 20


def stripes(n=300, seed=2):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.5, 1.5, (n, 2))
    s = X[:, 0] + X[:, 1]
    y = np.digitize(s, [-0.7, 0.7])
    return X, y


def init(rng, sizes=(2, 16, 3)):
    W1 = rng.normal(0, np.sqrt(2 / sizes[0]), sizes[:2])
    W2 = rng.normal(0, np.sqrt(1 / sizes[1]), sizes[1:])
    return W1, np.zeros(sizes[1]), W2, np.zeros(sizes[2])


def probabilities(params, X):
    W1, b1, W2, b2 = params
    h = np.maximum(0, X @ W1 + b1)
    s = h @ W2 + b2
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return h, e / e.sum(axis=1, keepdims=True)


def predict(params, X):
    _, probs = probabilities(params, X)
    return np.argmax(probs, axis=0)


def sgd_step(params, X, y, lr):
    W1, b1, W2, b2 = params
    h, probs = probabilities(params, X)
    d = probs.copy()
    d[np.arange(len(y)), y] -= 1
    d /= len(y)
    dh = (d @ W2.T) * (h > 0)
    return (W1 - lr * X.T @ dh, b1 - lr * dh.sum(axis=0),
            W2 - lr * h.T @ d, b2 - lr * d.sum(axis=0))


rng = np.random.default_rng(0)
X, y = stripes()
params = init(rng)
for epoch in range(60):
    order = rng.permutation(len(X))
    for i in range(0, len(X), 20):
        idx = order[i:i + 20]
        params = sgd_step(params, X[idx], y[idx], lr=0.3)
    if epoch % 10 == 0:
        _, p = probabilities(params, X)
        loss = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
        print(f"epoch {epoch}: loss {loss:.4f}, accuracy {np.mean(predict(params, X) == y):.3f}")
