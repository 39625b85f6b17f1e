"""Two moons with a small deep net. Parameters in a dict, one loop for every layer."""
import numpy as np

rng = np.random.default_rng(4)


def make_moons(n_samples=300, noise=0.15):
    n = n_samples // 2
    t_out = np.pi * rng.random(n)
    t_in = np.pi * rng.random(n)
    outer = np.column_stack([np.cos(t_out), np.sin(t_out)])
    inner = np.column_stack([1 - np.cos(t_in), 0.5 - np.sin(t_in)])
    X = np.vstack([outer, inner]) + noise * rng.standard_normal((2 * n, 2))
    y = np.hstack([np.zeros(n), np.ones(n)])
    return X.T, y.reshape(1, -1)


X, Y = make_moons()
m = X.shape[1]
layer_dims = [2, 12, 12, 1]
L = len(layer_dims) - 1

params = {}
for l in range(1, L + 1):
    params["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
    params["b" + str(l)] = np.zeros((layer_dims[l], 1))


def forward(X, params):
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = np.maximum(0, Z)
        cache["Z" + str(l)] = Z
        cache["A" + str(l)] = A
    return A, cache


def backward(Y, params, cache):
    grads = {}
    AL = cache["A" + str(L)]
    dA = 2 * (AL - Y) / m
    for l in range(L, 0, -1):
        dZ = dA * (cache["Z" + str(l)] > 0)
        grads["dW" + str(l)] = dZ @ cache["A" + str(l - 1)].T
        grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True)
        dA = params["W" + str(l)].T @ dZ
    return grads


lr = 0.05
for epoch in range(3001):
    out, cache = forward(X, params)
    mse = np.mean((out - Y) ** 2)
    grads = backward(Y, params, cache)
    for l in range(1, L + 1):
        params["W" + str(l)] -= lr * grads["dW" + str(l)]
        params["b" + str(l)] -= lr * grads["db" + str(l)]
    if epoch % 500 == 0:
        acc = np.mean((out > 0.5) == Y)
        print(f"epoch {epoch}: mse={mse:.4f} acc={acc:.3f}")

out, _ = forward(X, params)
print("outputs for the first moon (label 0):", np.round(out[0, :5], 3))
print("outputs for the second moon (label 1):", np.round(out[0, -5:], 3))
