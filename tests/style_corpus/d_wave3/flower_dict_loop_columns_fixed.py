# Planar "flower" data set (petals of two colours), L-layer model with a parameters dict.
# Examples are columns; 300 for training, 100 held out.
import numpy as np

np.random.seed(1)


def load_flower(m=400, petals=4):
    X = np.zeros((2, m))
    Y = np.zeros((1, m), dtype=int)
    half = m // 2
    for j in range(2):
        ix = range(half * j, half * (j + 1))
        theta = np.linspace(j * np.pi, (j + 1) * np.pi, half) + np.random.randn(half) * 0.2
        radius = 4 * np.sin(petals * theta) + np.random.randn(half) * 0.2
        X[:, ix] = np.vstack([radius * np.sin(theta), radius * np.cos(theta)])
        Y[0, ix] = j
    perm = np.random.permutation(m)
    return X[:, perm] / 4.0, Y[:, perm]


def init_params(dims):
    params = {}
    for l in range(1, len(dims)):
        params["W" + str(l)] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(1.0 / dims[l - 1])
        params["b" + str(l)] = np.zeros((dims[l], 1))
    return params


def forward(X, params):
    L = len(params) // 2
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = 1 / (1 + np.exp(-Z)) if l == L else np.tanh(Z)
        cache["A" + str(l)] = A
    return A, cache


def backward(Y, params, cache):
    L = len(params) // 2
    m = Y.shape[1]
    grads = {}
    dZ = cache["A" + str(L)] - Y
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = dZ @ cache["A" + str(l - 1)].T / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = (params["W" + str(l)].T @ dZ) * (1 - cache["A" + str(l - 1)] ** 2)
    return grads


def update(params, grads, lr):
    L = len(params) // 2
    for l in range(1, L + 1):
        params["W" + str(l)] = params["W" + str(l)] - lr * grads["dW" + str(l)]
        params["b" + str(l)] = params["b" + str(l)] - lr * grads["db" + str(l)]
    return params


X, Y = load_flower()
X_train, Y_train, X_test, Y_test = X[:, :300], Y[:, :300], X[:, 300:], Y[:, 300:]
params = init_params([2, 8, 4, 1])
for i in range(3000):
    AL, cache = forward(X_train, params)
    cost = -np.mean(Y_train * np.log(AL + 1e-9) + (1 - Y_train) * np.log(1 - AL + 1e-9))
    grads = backward(Y_train, params, cache)
    params = update(params, grads, 1.0)
    if i % 600 == 0:
        print("cost after iteration %d: %.4f" % (i, cost))

print("train accuracy:", np.mean((forward(X_train, params)[0] > 0.5) == Y_train))
print("test accuracy:", np.mean((forward(X_test, params)[0] > 0.5) == Y_test))
