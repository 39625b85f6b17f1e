import numpy as np


class GateNet:
    def __init__(self, n_hidden=3, lr=2.0):
        np.random.seed(27)
        self.w_in = np.random.randn(2, n_hidden)
        self.b_in = np.zeros((1, n_hidden))
        self.w_out = np.random.randn(n_hidden, 1)
        self.b_out = np.zeros((1, 1))
        self.lr = lr

    def _sigmoid(self, v):
        return 1 / (1 + np.exp(-v))

    def forward(self, X):
        self.h = self._sigmoid(X @ self.w_in + self.b_in)
        self.o = self._sigmoid(self.h @ self.w_out + self.b_out)
        return self.o

    def backward(self, X, y):
        d_o = (self.o - y) / len(X)
        d_h = d_o @ self.w_out.T * self.h * (1 - self.h)
        self.w_out -= self.lr * self.h.T @ d_o
        self.b_out -= self.lr * d_o.sum(axis=0, keepdims=True)
        self.w_in -= self.lr * X.T @ d_h
        self.b_in -= self.lr * d_h.sum(axis=0, keepdims=True)

    def accuracy(self, X, y):
        return np.mean(np.round(self.forward(X)) == y)

    def train(self, X, y, epochs=1000):
        for e in range(epochs):
            self.forward(X)
            self.backward(X, y)
            if e % 250 == 0:
                print(e, self.accuracy(X, y))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [0], [0], [1]], dtype=float)
net = GateNet()
net.train(X, y)
print("final accuracy", net.accuracy(X, y), net.forward(X).round(3).ravel())
