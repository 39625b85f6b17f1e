import numpy as np

# inner disc vs. outer ring; X is (2, m) with one example per column


def make_rings(m, seed=2):
    rng = np.random.default_rng(seed)
    radius = np.concatenate([rng.uniform(0, 1, m // 2), rng.uniform(1.6, 2.5, m // 2)])
    angle = rng.uniform(0, 2 * np.pi, m)
    X = np.vstack([radius * np.cos(angle), radius * np.sin(angle)])
    Y = (radius > 1.3).astype(float).reshape(1, m)
    return X, Y


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def tanh_derivative(A):
    return 1 - A ** 2


def init(n_x, n_h, seed=0):
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0, 1, (n_h, n_x)), "b1": np.zeros((n_h, 1)),
            "W2": rng.normal(0, 1, (1, n_h)), "b2": np.zeros((1, 1))}


def forward(X, p):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = sigmoid(Z2)
    return {"Z1": Z1, "A1": A1, "A2": A2}


def backward(X, Y, p, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = (p["W2"].T @ dZ2) * tanh_derivative(cache["Z1"])
    return {"W2": dZ2 @ cache["A1"].T / m, "b2": dZ2.sum(axis=1, keepdims=True) / m,
            "W1": dZ1 @ X.T / m, "b1": dZ1.sum(axis=1, keepdims=True) / m}


def cost(A2, Y):
    A2 = np.clip(A2, 1e-12, 1 - 1e-12)
    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


X, Y = make_rings(400)
params = init(2, 6)
for i in range(2500):
    cache = forward(X, params)
    grads = backward(X, Y, params, cache)
    for key in params:
        params[key] = params[key] - 0.5 * grads[key]
    if i % 500 == 0:
        print(f"iter {i}: cost {cost(cache['A2'], Y):.4f}  acc {np.mean((cache['A2'] > 0.5) == Y):.3f}")

A2 = forward(X, params)["A2"]
print("final accuracy", np.mean((A2 > 0.5) == Y))
