# Deep L-layer network (course style): two concentric circles, ReLU hidden layers, sigmoid output
import numpy as np

np.random.seed(1)


def load_circles(m=400):
    angles = np.random.rand(m) * 2 * np.pi
    inner = np.arange(m) < m // 2
    radius = np.where(inner, 0.5, 1.0) + np.random.randn(m) * 0.08
    X = np.vstack([radius * np.cos(angles), radius * np.sin(angles)])
    Y = inner.astype(float).reshape(1, m)
    return X, Y


def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    return np.maximum(0, Z)


def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        Z = np.dot(parameters["W" + str(l)], A_prev) + parameters["b" + str(l)]
        A = relu(Z)
        caches.append((A_prev, Z))
    ZL = np.dot(parameters["W" + str(L)], A) + parameters["b" + str(L)]
    AL = sigmoid(ZL)
    caches.append((A, ZL))
    return AL, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    AL = np.clip(AL, 1e-10, 1 - 1e-10)
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(np.squeeze(cost))


def L_model_backward(AL, Y, caches, parameters):
    grads = {}
    L = len(caches)
    m = AL.shape[1]
    dZ = AL - Y  # sigmoid + cross-entropy
    for l in reversed(range(1, L + 1)):
        A_prev, Z = caches[l - 1]
        if l < L:
            dZ = dA * (Z > 0)
        grads["dW" + str(l)] = np.dot(dZ, A_prev.T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(parameters["W" + str(l)].T, dZ)
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters


def predict(X, parameters):
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(float)


X, Y = load_circles()
print("X shape:", X.shape, "Y shape:", Y.shape)
layers_dims = [2, 16, 8, 4, 1]
parameters = initialize_parameters_deep(layers_dims)

for i in range(2000):
    AL, caches = L_model_forward(X, parameters)
    cost = compute_cost(AL, Y)
    grads = L_model_backward(AL, Y, caches, parameters)
    parameters = update_parameters(parameters, grads, 0.1)
    if i % 200 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

print("train accuracy:", np.mean(predict(X, parameters) == Y))
