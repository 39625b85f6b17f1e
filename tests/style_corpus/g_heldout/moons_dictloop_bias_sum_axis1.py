import numpy as np


def initialize_parameters(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(1 / layer_dims[l - 1])
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L + 1):
        Z = parameters['W' + str(l)] @ A + parameters['b' + str(l)]
        caches.append((A, Z))
        A = 1 / (1 + np.exp(-Z)) if l == L else np.tanh(Z)
    return A, caches


def backward(AL, Y, caches, parameters):
    grads = {}
    m = Y.shape[1]
    L = len(caches)
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        A_prev, Z = caches[l - 1]
        grads['dW' + str(l)] = dZ @ A_prev.T / m
        grads['db' + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            A_prev_tanh = A_prev
            dZ = (parameters['W' + str(l)].T @ dZ) * (1 - A_prev_tanh ** 2)
    return grads


rng = np.random.RandomState(0)
t = rng.uniform(0, np.pi, 150)
X = np.hstack([np.c_[np.cos(t), np.sin(t)].T, np.c_[1 - np.cos(t), 0.5 - np.sin(t)].T])
X += rng.normal(0, 0.1, X.shape)
Y = np.hstack([np.zeros((1, 150)), np.ones((1, 150))])

parameters = initialize_parameters([2, 8, 8, 1])
for i in range(2000):
    AL, caches = forward(X, parameters)
    grads = backward(AL, Y, caches, parameters)
    for l in range(1, 4):
        parameters['W' + str(l)] -= 0.5 * grads['dW' + str(l)]
        parameters['b' + str(l)] -= 0.5 * grads['db' + str(l)]
    if i % 500 == 0:
        AL_c = np.clip(AL, 1e-8, 1 - 1e-8)
        print(i, -np.mean(Y * np.log(AL_c) + (1 - Y) * np.log(1 - AL_c)))
print("acc", np.mean((AL > 0.5) == Y))
