#!/usr/bin/env python3
# Multi-class L-layer network (parameters dictionary, columns layout), 4 gaussian blobs
import numpy as np

np.random.seed(42)

centers = np.array([[-2, -2], [-2, 2], [2, -2], [2, 2]], dtype=float)
labels = np.repeat(np.arange(4), 60)
X = (centers[labels] + np.random.randn(240, 2)).T          # (2, 240)
Y = np.eye(4)[labels].T                                      # (4, 240) one-hot columns


def init_parameters(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.1
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def softmax(Z):
    expZ = np.exp(Z - Z.max(axis=0, keepdims=True))
    return expZ / expZ.sum(axis=0, keepdims=True)


def model_forward(X, parameters):
    L = len(parameters) // 2
    A = X
    caches = []
    for l in range(1, L + 1):
        A_prev = A
        Z = parameters["W" + str(l)] @ A_prev + parameters["b" + str(l)]
        A = softmax(Z) if l == L else np.tanh(Z)
        caches.append((A_prev, Z, A))
    return A, caches


def model_backward(AL, Y, caches, parameters):
    grads = {}
    L = len(caches)
    m = Y.shape[1]
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        A_prev, Z, A = caches[l - 1]
        grads["dW" + str(l)] = (1 / m) * dZ @ A_prev.T
        grads["db" + str(l)] = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = parameters["W" + str(l)].T @ dZ
            dZ = dA_prev * (1 - caches[l - 2][2] ** 2)
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] += learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] += learning_rate * grads["db" + str(l)]
    return parameters


layers_dims = [2, 8, 8, 4]
parameters = init_parameters(layers_dims)
costs = []
for i in range(1000):
    AL, caches = model_forward(X, parameters)
    cost = -np.sum(Y * np.log(AL + 1e-12)) / Y.shape[1]
    grads = model_backward(AL, Y, caches, parameters)
    parameters = update_parameters(parameters, grads, learning_rate=0.5)
    if i % 100 == 0:
        costs.append(cost)
        print("cost after iteration {}: {:.4f}".format(i, cost))

AL, _ = model_forward(X, parameters)
print("accuracy:", np.mean(np.argmax(AL, axis=0) == labels))
