import numpy as np

# concentric circles, three leaky-ReLU hidden layers and a sigmoid output
ALPHA = 0.01


def make_circles(n=400, seed=11):
    rng = np.random.default_rng(seed)
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = np.where(np.arange(n) < n // 2, 1.0, 2.2) + rng.normal(0, 0.15, n)
    X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    y = (np.arange(n) >= n // 2).astype(float).reshape(-1, 1)
    return X, y


def leaky_relu(z):
    return np.where(z > 0, z, ALPHA * z)


def leaky_relu_grad(z):
    return np.where(z > 0, 1.0, ALPHA)


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -50, 50)))


def init_layers(sizes, rng):
    Ws = [rng.normal(0, np.sqrt(2 / a), (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros((1, b)) for b in sizes[1:]]
    return Ws, bs


def forward(X, Ws, bs):
    zs, acts = [], [X]
    for i, (W, b) in enumerate(zip(Ws, bs)):
        z = acts[-1] @ W + b
        zs.append(z)
        acts.append(sigmoid(z) if i == len(Ws) - 1 else leaky_relu(z))
    return zs, acts


def backward(y, Ws, zs, acts):
    n = len(y)
    delta = (acts[-1] - y) / n          # sigmoid + cross-entropy
    dWs, dbs = [None] * len(Ws), [None] * len(Ws)
    for i in reversed(range(len(Ws))):
        dWs[i] = acts[i].T @ delta
        dbs[i] = delta.sum(axis=0, keepdims=True)
        if i > 0:
            delta = (delta @ Ws[i].T) * leaky_relu_grad(zs[i - 1])
    return dWs, dbs


def bce(p, y):
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


X, y = make_circles()
rng = np.random.default_rng(0)
Ws, bs = init_layers([2, 16, 16, 8, 1], rng)
lr = 0.1

for epoch in range(1500):
    zs, acts = forward(X, Ws, bs)
    dWs, dbs = backward(y, Ws, zs, acts)
    for i in range(len(Ws)):
        Ws[i] -= lr * dWs[i]
        bs[i] -= lr * dbs[i]
    if epoch % 300 == 0:
        acc = np.mean((acts[-1] > 0.5) == y)
        print(f"{epoch:5d}  bce={bce(acts[-1], y):.4f}  acc={acc:.3f}")

_, acts = forward(X, Ws, bs)
print("final accuracy:", np.mean((acts[-1] > 0.5) == y))
