# Will a customer buy the premium plan?  Features: age (years) and yearly income ($).
# L-layer network with a parameters dictionary, samples as columns.
import numpy as np

np.random.seed(2)

m = 600
age = np.random.randint(18, 80, m)
income = np.random.randint(20000, 150000, m)
buys = (income > 60000 + 1000 * (age - 18)).astype(int)
X = np.vstack([age, income]).astype(float)        # shape (2, m)
Y = buys.reshape(1, m)
print("X:", X.shape, "Y:", Y.shape, "positives:", Y.mean())


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def initialize_parameters(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.5
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters


def forward_propagation(X, parameters):
    L = len(parameters) // 2
    caches = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = parameters["W" + str(l)] @ A + parameters["b" + str(l)]
        A = sigmoid(Z)
        caches["A" + str(l)] = A
    return A, caches


def compute_cost(AL, Y):
    m = Y.shape[1]
    AL = np.clip(AL, 1e-10, 1 - 1e-10)
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def backward_propagation(Y, parameters, caches):
    grads = {}
    L = len(parameters) // 2
    m = Y.shape[1]
    dZ = caches["A" + str(L)] - Y
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = dZ @ caches["A" + str(l - 1)].T / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            A_prev = caches["A" + str(l - 1)]
            dZ = (parameters["W" + str(l)].T @ dZ) * A_prev * (1 - A_prev)
    return grads


def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters


parameters = initialize_parameters([2, 6, 4, 1])
for i in range(3000):
    AL, caches = forward_propagation(X, parameters)
    cost = compute_cost(AL, Y)
    grads = backward_propagation(Y, parameters, caches)
    parameters = update_parameters(parameters, grads, 1.0)
    if i % 500 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

predictions = (AL > 0.5).astype(int)
print("Accuracy: %.3f" % np.mean(predictions == Y))
