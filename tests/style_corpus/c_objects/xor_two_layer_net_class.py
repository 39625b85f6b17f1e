import numpy as np


class TwoLayerNN:
    """tiny 2-3-1 network for the XOR problem"""

    def __init__(self, lr=0.5, seed=3):
        np.random.seed(seed)
        self.W1 = np.random.randn(2, 3)
        self.b1 = np.zeros((1, 3))
        self.W2 = np.random.randn(3, 1)
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def forward(self, X):
        self.a1 = self.sigmoid(np.dot(X, self.W1 + self.b1))
        self.a2 = self.sigmoid(np.dot(self.a1, self.W2 + self.b2))
        return self.a2

    def backward(self, X, y):
        d2 = (self.a2 - y) * self.a2 * (1 - self.a2)
        d1 = np.dot(d2, self.W2.T) * self.a1 * (1 - self.a1)
        self.W2 -= self.lr * np.dot(self.a1.T, d2)
        self.b2 -= self.lr * np.sum(d2, axis=0, keepdims=True)
        self.W1 -= self.lr * np.dot(X.T, d1)
        self.b1 -= self.lr * np.sum(d1, axis=0, keepdims=True)

    def train(self, X, y, epochs=10000):
        for epoch in range(epochs):
            self.forward(X)
            self.backward(X, y)
            if epoch % 2000 == 0:
                print("epoch %5d  mse %.4f" % (epoch, np.mean((self.a2 - y) ** 2)))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

model = TwoLayerNN(lr=2.0)
model.train(X, y)
pred = model.forward(X)
print("outputs:", pred.ravel().round(3))
print("accuracy:", np.mean((pred > 0.5) == y))
