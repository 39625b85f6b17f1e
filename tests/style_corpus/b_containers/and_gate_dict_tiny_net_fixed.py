# tiny 2-2-1 network for the AND gate, hand-picked starting weights
import numpy as np

X = np.array([[0, 0, 1, 1],
              [0, 1, 0, 1]])
Y = np.array([[0, 0, 0, 1]])

parameters = {
    "W1": np.array([[1.0, -1.0], [-1.0, 1.0]]),
    "b1": np.array([[0.0], [0.0]]),
    "W2": np.array([[1.0, 1.0]]),
    "b2": np.array([[0.0]]),
}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


learning_rate = 0.5
for epoch in range(2000):
    A1 = sigmoid(parameters["W1"] @ X + parameters["b1"])
    A2 = sigmoid(parameters["W2"] @ A1 + parameters["b2"])

    dZ2 = A2 - Y
    grads = {"W2": dZ2 @ A1.T / 4, "b2": dZ2.sum(axis=1, keepdims=True) / 4}
    dZ1 = (parameters["W2"].T @ dZ2) * A1 * (1 - A1)
    grads["W1"] = dZ1 @ X.T / 4
    grads["b1"] = dZ1.sum(axis=1, keepdims=True) / 4

    for name in parameters:
        parameters[name] -= learning_rate * grads[name]

    if epoch % 500 == 0:
        loss = -np.mean(Y * np.log(A2 + 1e-9) + (1 - Y) * np.log(1 - A2 + 1e-9))
        print("epoch", epoch, "loss", loss)

print("predictions:", (A2 > 0.5).astype(int))
