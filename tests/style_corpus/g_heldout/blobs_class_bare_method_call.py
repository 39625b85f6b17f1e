import numpy as np


class TwoLayerNetwork:
    def __init__(self, n_input, n_hidden, n_output, lr=0.5):
        self.W1 = np.random.randn(n_input, n_hidden) * 0.5
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, n_output) * 0.5
        self.b2 = np.zeros((1, n_output))
        self.lr = lr

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.a1 = np.tanh(X @ self.W1 + self.b1)
        self.a2 = sigmoid(self.a1 @ self.W2 + self.b2)
        return self.a2

    def backward(self, X, y):
        d2 = (self.a2 - y) / len(X)
        d1 = d2 @ self.W2.T * (1 - self.a1 ** 2)
        self.W2 -= self.lr * self.a1.T @ d2
        self.b2 -= self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d1
        self.b1 -= self.lr * d1.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=200):
        for _ in range(epochs):
            self.forward(X)
            self.backward(X, y)
        return np.mean((self.forward(X) > 0.5) == y)


np.random.seed(17)
X = np.vstack([np.random.randn(50, 2) + 2, np.random.randn(50, 2) - 2])
y = np.vstack([np.ones((50, 1)), np.zeros((50, 1))])
print("accuracy", TwoLayerNetwork(2, 4, 1).train(X, y))
