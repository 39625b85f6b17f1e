import numpy as np

np.random.seed(3)


def load_xor_square(m=400):
    # uniform points in [-1, 1]^2, label 1 in the 1st and 3rd quadrants
    X = np.random.uniform(-1, 1, (2, m))
    Y = (X[0] * X[1] > 0).astype(float)
    return X, Y.reshape(1, -1)


X, Y = load_xor_square()
n_x, n_h, n_y = X.shape[0], 4, 1
m = X.shape[1]

parameters = {
    "W1": np.random.randn(n_h, n_x),
    "b1": np.zeros((n_h, 1)),
    "W2": np.random.randn(n_y, n_h),
    "b2": np.zeros((n_y, 1)),
}

learning_rate = 0.5
for i in range(4000):
    # forward
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))

    logprobs = np.multiply(np.log(A2 + 1e-9), Y) + np.multiply(np.log(1 - A2 + 1e-9), 1 - Y)
    cost = -np.sum(logprobs) / m

    # backward
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = np.dot(parameters["W2"].T, dZ2)
    dZ1 = dA1 * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    parameters["W1"] -= learning_rate * dW1
    parameters["b1"] -= learning_rate * db1
    parameters["W2"] -= learning_rate * dW2
    parameters["b2"] -= learning_rate * db2

    if i % 1000 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

A2 = 1 / (1 + np.exp(-(np.dot(parameters["W2"], np.tanh(np.dot(parameters["W1"], X) + parameters["b1"])) + parameters["b2"])))
print("Accuracy: %.1f%%" % (100 * np.mean((A2 > 0.5) == Y)))
