import numpy as np


class Perceptron2:
    def __init__(self, hidden=4, lr=1.0):
        rng = np.random.RandomState(2)
        self.V = rng.randn(2, hidden)
        self.c = np.zeros((1, hidden))
        self.W = rng.randn(hidden, 1)
        self.d = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.H = np.tanh(X @ self.V + self.c)
        self.O = 1 / (1 + np.exp(-(self.H @ self.W + self.d)))
        return self.O

    def backward(self, X, T):
        g = (self.O - T) / len(X)
        gh = g @ self.W.T * (1 - self.H ** 2)
        self.W -= self.lr * self.H.T @ g
        self.d -= self.lr * g.sum(axis=0, keepdims=True)
        self.V -= self.lr * X.T @ gh
        self.c -= self.lr * gh.sum(axis=0, keepdims=True)

    def accuracy(self, X, T):
        return np.mean(self.forward(X) == T)

    def train(self, X, T, epochs=2000):
        for e in range(epochs):
            self.forward(X)
            self.backward(X, T)
            if e % 500 == 0:
                print(e, "accuracy", self.accuracy(X, T))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([[0], [1], [1], [0]], dtype=float)
net = Perceptron2()
net.train(X, T)
print("outputs", net.forward(X).round(3).ravel(), "accuracy", net.accuracy(X, T))
