import numpy as np

# ring vs. centre, 2 -> 16 -> 16 -> 1, relu hidden layers, sigmoid output


def ring_data(n=400, seed=3):
    rng = np.random.default_rng(seed)
    r = np.r_[rng.uniform(0.0, 1.0, n // 2), rng.uniform(1.5, 2.5, n // 2)]
    a = rng.uniform(0, 2 * np.pi, n)
    X = np.c_[r * np.cos(a), r * np.sin(a)]
    y = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)
    return X, y


def init_params(width=16, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, np.sqrt(2 / 2), (2, width))
    W2 = rng.normal(0, np.sqrt(2 / width), (width, width))
    W3 = rng.normal(0, np.sqrt(1 / width), (width, 1))
    b1 = b2 = np.zeros((1, width))
    b3 = np.zeros((1, 1))
    return W1, b1, W2, b2, W3, b3


def forward(X, W1, b1, W2, b2, W3, b3):
    z1 = X @ W1 + b1
    a1 = np.maximum(0, z1)
    z2 = a1 @ W2 + b2
    a2 = np.maximum(0, z2)
    p = 1 / (1 + np.exp(-(a2 @ W3 + b3)))
    return z1, a1, z2, a2, p


def train_step(X, y, params, lr=0.1):
    W1, b1, W2, b2, W3, b3 = params
    z1, a1, z2, a2, p = forward(X, *params)
    d3 = (p - y) / len(X)
    d2 = (d3 @ W3.T) * (z2 > 0)
    d1 = (d2 @ W2.T) * (z1 > 0)
    W3 -= lr * a2.T @ d3
    b3 -= lr * d3.sum(axis=0, keepdims=True)
    W2 -= lr * a1.T @ d2
    b2 -= lr * d2.sum(axis=0, keepdims=True)
    W1 -= lr * X.T @ d1
    b1 -= lr * d1.sum(axis=0, keepdims=True)
    return p


X, y = ring_data()
params = init_params()
for epoch in range(1500):
    p = train_step(X, y, params)
    if epoch % 300 == 0:
        pc = np.clip(p, 1e-9, 1 - 1e-9)
        loss = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
        print(f"epoch {epoch:4d}  loss {loss:.4f}  acc {np.mean((pc > 0.5) == y):.3f}")

p = forward(X, *params)[-1]
print("final accuracy:", np.mean((p > 0.5) == y))
print("hidden biases, layer 1:", params[1].round(2))
print("hidden biases, layer 2:", params[3].round(2))
