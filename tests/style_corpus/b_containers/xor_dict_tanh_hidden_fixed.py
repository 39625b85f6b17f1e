# One hidden layer (tanh) for a noisy XOR, parameters kept in a dict
import numpy as np

np.random.seed(0)

# four clouds at the corners, label = XOR of the corner's coordinates
corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
labels = np.array([0, 1, 1, 0])
idx = np.random.randint(0, 4, 200)
X = (corners[idx] + 0.15 * np.random.randn(200, 2)).T - 0.5   # (2, 200)
Y = labels[idx].reshape(1, -1)                                 # (1, 200)


def layer_sizes(X, Y, n_h=4):
    return X.shape[0], n_h, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.5
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.5
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-12, 1 - 1e-12)
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    for key in ["W1", "b1", "W2", "b2"]:
        parameters[key] = parameters[key] - learning_rate * grads["d" + key]
    return parameters


def nn_model(X, Y, n_h, num_iterations=5000):
    n_x, n_h, n_y = layer_sizes(X, Y, n_h)
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters


parameters = nn_model(X, Y, n_h=4)
A2, _ = forward_propagation(X, parameters)
print("Accuracy: %d%%" % (100 * np.mean((A2 > 0.5) == Y)))
print("hidden weights:\n", parameters["W1"])
