import numpy as np


class XORNet:
    def __init__(self):
        np.random.seed(5)
        self.W1 = np.random.randn(2, 3)
        self.b1 = np.zeros((1, 3))
        self.W2 = np.random.randn(3, 1)
        self.b2 = np.zeros((1, 1))

    def sig(self, x):
        return 1 / (1 + np.exp(-x))

    def sig_d(self, s):
        return s * (1 - s)

    def forward(self, X):
        self.hidden = self.sig(X @ self.W1 + self.b1)
        self.output = self.sig(self.hidden @ self.W2 + self.b2)
        return self.output

    def backward(self, X, y, lr):
        out_error = y - self.output
        out_delta = out_error * self.sig_d(self.output)
        hidden_error = out_delta.dot(self.W2.T)
        hidden_delta = out_delta * self.sig_d(self.hidden)
        self.W2 += lr * self.hidden.T.dot(out_delta)
        self.b2 += lr * out_delta.sum(axis=0, keepdims=True)
        self.W1 += lr * X.T.dot(hidden_delta)
        self.b1 += lr * hidden_delta.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=5000, lr=1.0):
        for _ in range(epochs):
            self.forward(X)
            self.backward(X, y, lr)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)
net = XORNet()
net.train(X, y)
print(net.forward(X).round(3).ravel())
