import numpy as np


def make_moons(n, noise, seed):
    rng = np.random.RandomState(seed)
    a = rng.uniform(0, np.pi, n)
    b = rng.uniform(0, np.pi, n)
    X = np.r_[np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(b), 0.5 - np.sin(b)]]
    X += rng.normal(scale=noise, size=X.shape)
    y = np.r_[np.zeros(n), np.ones(n)]
    return X.T, y.reshape(1, -1)


def initialize(layer_dims, seed=3):
    rng = np.random.RandomState(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward(X, parameters):
    L = len(parameters) // 2
    A = X
    cache = [X]
    for l in range(1, L + 1):
        Z = parameters["W" + str(l)].dot(A) + parameters["b" + str(l)]
        A = 1 / (1 + np.exp(-Z)) if l == L else np.tanh(Z)
        cache.append(A)
    return A, cache


def backward(Y, parameters, cache):
    L = len(parameters) // 2
    m = Y.shape[1]
    grads = {}
    dZ = cache[L] - Y
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = dZ.dot(cache[l - 1].T) / m
        grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True) / m
        dZ = parameters["W" + str(l)].T.dot(dZ) * (1 - cache[l - 1] ** 2)
    return grads


def predict(X, parameters):
    probas, _ = forward(X, parameters)
    return probas


X_train, Y_train = make_moons(150, 0.15, seed=1)
X_test, Y_test = make_moons(50, 0.15, seed=2)

parameters = initialize([2, 10, 5, 1])
learning_rate = 0.8
for i in range(3000):
    AL, cache = forward(X_train, parameters)
    p = np.clip(AL, 1e-8, 1 - 1e-8)
    cost = -np.mean(Y_train * np.log(p) + (1 - Y_train) * np.log(1 - p))
    grads = backward(Y_train, parameters, cache)
    for key in parameters:
        parameters[key] -= learning_rate * grads["d" + key]
    if i % 500 == 0:
        print("cost after iteration %d: %.4f" % (i, cost))

print("train accuracy:", np.mean(predict(X_train, parameters) == Y_train))
print("test accuracy:", np.mean(predict(X_test, parameters) == Y_test))
