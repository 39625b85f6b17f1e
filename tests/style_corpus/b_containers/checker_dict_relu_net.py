import numpy as np

# 2x2 checkerboard on [0, 2]^2, network [2, 16, 16, 1]
np.random.seed(8)
m = 500
X = np.random.rand(2, m) * 2
Y = ((np.floor(X[0]) + np.floor(X[1])) % 2).reshape(1, m)
X = X - 1.0   # centre the inputs


def initialize_parameters_he(layers_dims):
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2. / layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def relu_forward(Z):
    return np.maximum(0, Z), Z


def relu_backward(dA, cache):
    Z = cache
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ


def forward_propagation(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        Z = np.dot(parameters['W' + str(l)], A) + parameters['b' + str(l)]
        caches.append((A, Z))
        A, _ = relu_forward(Z)
    ZL = np.dot(parameters['W' + str(L)], A) + parameters['b' + str(L)]
    caches.append((A, ZL))
    AL = 1 / (1 + np.exp(-ZL))
    return AL, caches


def backward_propagation(AL, Y, caches, parameters):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        A_prev, _ = caches[l - 1]
        grads['dW' + str(l)] = 1. / m * np.dot(dZ, A_prev.T)
        grads['db' + str(l)] = 1. / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = np.dot(parameters['W' + str(l)].T, dZ)
            dZ = relu_backward(dA_prev, caches[l - 2][1])
    return grads


parameters = initialize_parameters_he([2, 16, 16, 1])
for i in range(4000):
    AL, caches = forward_propagation(X, parameters)
    cost = -np.mean(Y * np.log(AL + 1e-10) + (1 - Y) * np.log(1 - AL + 1e-10))
    grads = backward_propagation(AL, Y, caches, parameters)
    for key in parameters:
        parameters[key] = parameters[key] - 0.3 * grads['d' + key]
    if i % 800 == 0:
        print("Cost after iteration {}: {}".format(i, round(cost, 5)))

predictions = (forward_propagation(X, parameters)[0] > 0.5)
print("Accuracy: " + str(np.mean(predictions == Y)))
