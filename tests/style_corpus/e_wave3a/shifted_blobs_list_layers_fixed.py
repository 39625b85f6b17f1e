# Two blobs centred away from the origin; layers kept in a list of weight matrices.
import numpy as np

np.random.seed(9)
X = np.vstack([np.random.randn(100, 2) * 0.5 + [3, 3], np.random.randn(100, 2) * 0.5 + [5, 5]])
y = np.vstack([np.zeros((100, 1)), np.ones((100, 1))])


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


weights = [np.random.randn(2, 4) * 0.5, np.random.randn(4, 1) * 0.5]
biases = [np.zeros((1, 4)), np.zeros((1, 1))]
for epoch in range(2000):
    activations = [X]
    for W, b in zip(weights, biases):
        activations.append(sigmoid(activations[-1] @ W + b))
    delta = activations[-1] - y
    for i in reversed(range(len(weights))):
        grad = activations[i].T @ delta / len(X)
        grad_b = delta.mean(axis=0, keepdims=True)
        if i > 0:
            delta = (delta @ weights[i].T) * activations[i] * (1 - activations[i])
        weights[i] -= 0.5 * grad
        biases[i] -= 0.5 * grad_b
    if epoch % 500 == 0:
        print(epoch, "accuracy", np.mean((activations[-1] > 0.5) == y))
