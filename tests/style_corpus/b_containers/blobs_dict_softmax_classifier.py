"""
3-class classifier with an L-layer net, parameters stored in a dict.
X: (n_features, m) -- one example per column
"""
import numpy as np

np.random.seed(6)

m_per_class = 80
means = [(0, 3), (3, -2), (-3, -2)]
X = np.hstack([np.random.randn(2, m_per_class) + np.array(mu).reshape(2, 1) for mu in means])
labels = np.repeat(np.arange(3), m_per_class)
Y = np.zeros((3, X.shape[1]))
Y[labels, np.arange(X.shape[1])] = 1
print("X:", X.shape, "Y:", Y.shape)


def initialize_parameters(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def relu(Z):
    return np.maximum(0, Z)


def softmax(Z):
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        A_prev = A
        W = parameters["W" + str(l)]
        b = parameters["b" + str(l)]
        Z = np.dot(A_prev, W) + b
        A = softmax(Z) if l == L else relu(Z)
        caches.append((A_prev, W, Z))
    return A, caches


def backward_propagation(AL, Y, caches):
    grads = {}
    L = len(caches)
    m = Y.shape[1]
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        A_prev, W, Z = caches[l - 1]
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = np.dot(W.T, dZ) * (caches[l - 2][2] > 0)
    return grads


layer_dims = [2, 10, 3]
parameters = initialize_parameters(layer_dims)
for i in range(1000):
    AL, caches = forward_propagation(X, parameters)
    cost = -np.sum(Y * np.log(AL + 1e-10)) / Y.shape[1]
    grads = backward_propagation(AL, Y, caches)
    for key in parameters:
        parameters[key] -= 0.5 * grads["d" + key]
    if i % 200 == 0:
        print("cost", i, cost)

AL, _ = forward_propagation(X, parameters)
print("accuracy", np.mean(np.argmax(AL, axis=0) == labels))
