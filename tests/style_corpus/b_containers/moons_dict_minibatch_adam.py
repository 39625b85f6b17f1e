import math

import numpy as np


def load_moons(m=300, seed=3):
    rng = np.random.RandomState(seed)
    t = rng.rand(m) * np.pi
    lower = rng.rand(m) < 0.5
    x1 = np.where(lower, 1 - np.cos(t), np.cos(t))
    x2 = np.where(lower, 0.5 - np.sin(t), np.sin(t))
    X = np.vstack([x1, x2]) + rng.randn(2, m) * 0.15
    return X, lower.astype(float).reshape(1, m)


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    mini_batches = []
    for k in range(math.ceil(m / mini_batch_size)):
        cols = slice(k * mini_batch_size, (k + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, cols], shuffled_Y[:, cols]))
    return mini_batches


def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_adam(parameters):
    v, s = {}, {}
    for key in parameters:
        v["d" + key] = np.zeros(parameters[key].shape)
        s["d" + key] = np.zeros(parameters[key].shape)
    return v, s


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    caches = [(X, None)]
    A = X
    for l in range(1, L + 1):
        Z = np.dot(parameters["W" + str(l)], A) + parameters["b" + str(l)]
        A = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(0, Z)
        caches.append((A, Z))
    return A, caches


def backward_propagation(AL, Y, caches, parameters):
    L = len(parameters) // 2
    m = Y.shape[1]
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev = caches[l - 1][0]
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = np.dot(parameters["W" + str(l)].T, dZ) * (caches[l - 1][1] > 0)
    return grads


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8):
    for key in parameters:
        g = grads["d" + key]
        v["d" + key] = beta1 * v["d" + key] + (1 - beta1) * g
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * g ** 2
        v_corrected = v["d" + key] / (1 - beta1 ** t)
        s_corrected = s["d" + key] / (1 - beta2 ** t)
        parameters[key] = parameters[key] - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
    return parameters, v, s


def compute_cost(AL, Y):
    AL = np.clip(AL, 1e-8, 1 - 1e-8)
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


X, Y = load_moons()
parameters = initialize_parameters_he([2, 10, 5, 1])
v, s = initialize_adam(parameters)
t = 0
for epoch in range(300):
    for minibatch_X, minibatch_Y in random_mini_batches(X, Y, 64, seed=epoch):
        AL, caches = forward_propagation(minibatch_X, parameters)
        grads = backward_propagation(AL, minibatch_Y, caches, parameters)
        t += 1
        parameters, v, s = update_parameters_with_adam(parameters, grads, v, s, t)
    if epoch % 50 == 0:
        print("Cost after epoch %i: %f" % (epoch, compute_cost(forward_propagation(X, parameters)[0], Y)))

AL, _ = forward_propagation(X, parameters)
print("Accuracy:", np.mean((AL > 0.5) == Y))
