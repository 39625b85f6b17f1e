import numpy as np

np.random.seed(10)

# two moons, centred, samples as columns
n = 300
theta = np.random.rand(n) * np.pi
upper = np.array([np.cos(theta[:n // 2]), np.sin(theta[:n // 2])])
lower = np.array([1 - np.cos(theta[n // 2:]), 0.5 - np.sin(theta[n // 2:])])
X = np.hstack([upper, lower]) + np.random.randn(2, n) * 0.1
X = X - X.mean(axis=1, keepdims=True)
Y = np.hstack([np.zeros((1, n // 2)), np.ones((1, n // 2))])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.5
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def forward(X, params):
    cache = {"A0": X}
    L = len(params) // 2
    A = X
    for l in range(1, L + 1):
        Z = np.dot(params["W" + str(l)] + params["b" + str(l)], A)
        A = sigmoid(Z) if l == L else np.tanh(Z)
        cache["A" + str(l)] = A
    return A, cache


def backward(params, cache, Y):
    L = len(params) // 2
    m = Y.shape[1]
    grads = {}
    dZ = cache["A" + str(L)] - Y
    for l in range(L, 0, -1):
        A_prev = cache["A" + str(l - 1)]
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = np.dot(params["W" + str(l)].T, dZ) * (1 - A_prev ** 2)
    return grads


params = init([2, 8, 1])
for it in range(3000):
    AL, cache = forward(X, params)
    AL_safe = np.clip(AL, 1e-12, 1 - 1e-12)
    cost = -np.mean(Y * np.log(AL_safe) + (1 - Y) * np.log(1 - AL_safe))
    grads = backward(params, cache, Y)
    for l in range(1, len(params) // 2 + 1):
        params["W" + str(l)] -= 1.0 * grads["dW" + str(l)]
        params["b" + str(l)] -= 1.0 * grads["db" + str(l)]
    if it % 500 == 0:
        print(f"iteration {it:4d}  cost {cost:.4f}")

AL, _ = forward(X, params)
print("training accuracy: {:.1%}".format(np.mean((AL >= 0.5) == Y)))
