import numpy as np

# noisy sine, samples as columns: X is (1, m), Y is (1, m)
np.random.seed(0)
m = 256
X = np.random.uniform(-2 * np.pi, 2 * np.pi, (1, m))
Y = np.sin(X) + 0.5 * X / np.pi + np.random.normal(0, 0.05, (1, m))
X_norm = X / (2 * np.pi)


def initialize(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(1.0 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def forward(X, params):
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = Z if l == L else np.tanh(Z)          # linear output for regression
        cache["A" + str(l)] = A
    return A, cache


def backward(Y, params, cache):
    L = len(params) // 2
    m = Y.shape[1]
    grads = {}
    dZ = (cache["A" + str(L)] - Y) * 2 / m
    for l in reversed(range(1, L + 1)):
        grads["dW" + str(l)] = dZ @ cache["A" + str(l - 1)].T
        grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True)
        if l > 1:
            dZ = (params["W" + str(l)].T @ dZ) * (1 - cache["A" + str(l - 1)] ** 2)
    return grads


params = initialize([1, 25, 25, 1])
for i in range(6000):
    Y_hat, cache = forward(X_norm, params)
    mse = np.mean((Y_hat - Y) ** 2)
    grads = backward(Y, params, cache)
    for key in params:
        params[key] -= 0.05 * grads["d" + key]
    if i % 1000 == 0:
        print("iteration", i, "mse", round(float(mse), 5))

grid = np.linspace(-2 * np.pi, 2 * np.pi, 5).reshape(1, -1)
print("target:", (np.sin(grid) + 0.5 * grid / np.pi).round(2))
print("model: ", forward(grid / (2 * np.pi), params)[0].round(2))
