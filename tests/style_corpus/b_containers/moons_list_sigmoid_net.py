import numpy as np


class MLP:
    """sizes like [2, 8, 1]; self.weights[i] maps layer i to layer i+1 (rows = samples)"""

    def __init__(self, sizes, seed=0):
        rng = np.random.RandomState(seed)
        self.weights = [rng.randn(a, b) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in sizes[1:]]

    @staticmethod
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    @staticmethod
    def sigmoid_derivative(s):
        return s * (1.0 - s)

    def feedforward(self, X):
        layers = [X]
        for W, b in zip(self.weights, self.biases):
            layers.append(self.sigmoid(layers[-1] @ W + b))
        return layers

    def train(self, X, y, epochs, lr):
        for epoch in range(epochs):
            layers = self.feedforward(X)
            error = layers[-1] - y
            delta = error * self.sigmoid_derivative(error)
            for i in reversed(range(len(self.weights))):
                grad_W = layers[i].T @ delta / len(X)
                grad_b = delta.mean(axis=0, keepdims=True)
                if i > 0:
                    delta = (delta @ self.weights[i].T) * self.sigmoid_derivative(layers[i])
                self.weights[i] -= lr * grad_W
                self.biases[i] -= lr * grad_b
            if epoch % 1000 == 0:
                print("epoch %5d  mse %.4f" % (epoch, np.mean(error ** 2)))


rs = np.random.RandomState(2)
t = rs.uniform(0, np.pi, 300)
X = np.r_[np.c_[np.cos(t[:150]), np.sin(t[:150])], np.c_[1 - np.cos(t[150:]), 0.5 - np.sin(t[150:])]]
X = X + rs.normal(0, 0.1, X.shape)
y = np.r_[np.zeros((150, 1)), np.ones((150, 1))]

net = MLP([2, 8, 1])
net.train(X, y, epochs=5000, lr=2.0)
print("accuracy:", np.mean((net.feedforward(X)[-1] > 0.5) == y))
