import numpy as np


def init_params(layer_sizes):
    params = {}
    for l in range(1, len(layer_sizes)):
        params['W' + str(l)] = np.zeros((layer_sizes[l], layer_sizes[l - 1]))
        params['b' + str(l)] = np.zeros((layer_sizes[l], 1))
    return params


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def model_forward(X, params, L):
    cache = {'A0': X}
    A = X
    for l in range(1, L + 1):
        Z = params['W' + str(l)] @ A + params['b' + str(l)]
        A = sigmoid(Z) if l == L else np.maximum(0, Z)
        cache['Z' + str(l)] = Z
        cache['A' + str(l)] = A
    return A, cache


def model_backward(Y, params, cache, L):
    grads = {}
    m = Y.shape[1]
    dZ = cache['A' + str(L)] - Y
    for l in range(L, 0, -1):
        grads['dW' + str(l)] = dZ @ cache['A' + str(l - 1)].T / m
        grads['db' + str(l)] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dZ = (params['W' + str(l)].T @ dZ) * (cache['Z' + str(l - 1)] > 0)
    return grads


rng = np.random.RandomState(1)
t = rng.uniform(0, np.pi, 100)
X = np.hstack([np.vstack([np.cos(t), np.sin(t)]), np.vstack([1 - np.cos(t), 0.5 - np.sin(t)])])
Y = np.hstack([np.zeros((1, 100)), np.ones((1, 100))])
dims = [2, 10, 1]
L = len(dims) - 1
params = init_params(dims)
for i in range(1000):
    AL, cache = model_forward(X, params, L)
    grads = model_backward(Y, params, cache, L)
    for l in range(1, L + 1):
        params['W' + str(l)] -= 0.5 * grads['dW' + str(l)]
        params['b' + str(l)] -= 0.5 * grads['db' + str(l)]
print("acc", np.mean((AL > 0.5) == Y), "distinct hidden rows", len(np.unique(params['W1'].round(8), axis=0)))
