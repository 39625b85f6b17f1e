import numpy as np

# Two moons, columns layout (features x samples), leaky ReLU hidden layer,
# sigmoid output, mini-batch gradient descent.

rng = np.random.default_rng(21)


def moons(n):
    a = rng.uniform(0, np.pi, n)
    b = rng.uniform(0, np.pi, n)
    top = np.vstack([np.cos(a), np.sin(a)])
    bottom = np.vstack([1 - np.cos(b), 0.5 - np.sin(b)])
    X = np.hstack([top, bottom]) + 0.1 * rng.standard_normal((2, 2 * n))
    Y = np.r_[np.zeros(n), np.ones(n)].reshape(1, -1)
    return X, Y


def leaky(Z, slope=0.05):
    return np.maximum(Z, slope * Z)


def leaky_backward(dA, Z, slope=0.05):
    return dA * np.where(Z > 0, 1.0, slope)


X, Y = moons(250)
n_x, m = X.shape
n_h = 24

params = {
    "W1": rng.standard_normal((n_h, n_x)) * np.sqrt(2.0 / n_x),
    "b1": np.zeros((n_h, 1)),
    "W2": rng.standard_normal((1, n_h)) * np.sqrt(1.0 / n_h),
    "b2": np.zeros((1, 1)),
}

lr = 0.3
for epoch in range(120):
    cols = rng.permutation(m)
    for k in range(0, m, 50):
        sel = cols[k:k + 50]
        Xb, Yb = X[:, sel], Y[:, sel]
        Z1 = params["W1"] @ Xb + params["b1"]
        A1 = leaky(Z1)
        Z2 = params["W2"] @ A1 + params["b2"]
        A2 = 1 / (1 + np.exp(-Z2))

        dZ2 = (A2 - Yb) / Xb.shape[1]
        dW2 = dZ2 @ A1.T
        db2 = dZ2.sum(axis=1, keepdims=True)
        dZ1 = leaky_backward(params["W2"].T @ dZ2, Z1)
        dW1 = dZ1 @ Xb.T
        db1 = dZ1.sum(axis=1, keepdims=True)

        for name, g in (("W1", dW1), ("b1", db1), ("W2", dW2), ("b2", db2)):
            params[name] -= lr * g
    if epoch % 20 == 0:
        A = 1 / (1 + np.exp(-(params["W2"] @ leaky(params["W1"] @ X + params["b1"]) + params["b2"])))
        A = np.clip(A, 1e-9, 1 - 1e-9)
        loss = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        print(f"epoch {epoch}: log loss {loss:.4f}, accuracy {np.mean((A > 0.5) == Y):.3f}")
