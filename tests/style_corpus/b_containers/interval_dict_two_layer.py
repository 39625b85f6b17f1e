import numpy as np

# 1-D classification: label 1 when the reading x lies in the band [-1, 1]
np.random.seed(2)
m = 300
X = np.random.uniform(-3, 3, (1, m))
Y = (np.abs(X) < 1).astype(float)


def initialize_parameters(n_x, n_h, n_y):
    return {"W1": np.random.randn(n_h, n_x), "b1": np.zeros((n_h, 1)),
            "W2": np.random.randn(n_y, n_h) * 0.5, "b2": np.zeros((n_y, 1))}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = sigmoid(Z2)
    return A2, {"A1": A1, "A2": A2}


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = 1 / m * np.dot(dZ2, A1.T)
    db2 = 1 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 ** 2)
    dW1 = 1 / m * np.dot(dZ1, X.T)
    db1 = 1 / m * np.dot(dZ1, X.T)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


parameters = initialize_parameters(1, 4, 1)
learning_rate = 1.0
for i in range(4000):
    A2, cache = forward_propagation(X, parameters)
    cost = -np.mean(Y * np.log(A2 + 1e-8) + (1 - Y) * np.log(1 - A2 + 1e-8))
    grads = backward_propagation(parameters, cache, X, Y)
    for key in parameters:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    if i % 1000 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

A2, _ = forward_propagation(X, parameters)
print("Accuracy: %.1f%%" % (100 * np.mean((A2 > 0.5) == Y)))
print("P(in band) at x = -2, -0.5, 0, 0.5, 2:", forward_propagation(np.array([[-2, -0.5, 0, 0.5, 2.0]]), parameters)[0].round(2))
