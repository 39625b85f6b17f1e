import numpy as np


class TinyNet:
    """2 -> 4 -> 1 network for XOR; the maths lives in plain methods."""

    def __init__(self, n_in=2, n_hidden=4, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1, (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 1, (n_hidden, 1))
        self.b2 = np.zeros((1, 1))

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.h = self.sigmoid(X @ self.W1 + self.b1)
        self.out = sigmoid(self.h @ self.W2 + self.b2)
        return self.out

    def backward(self, X, y, lr):
        d_out = (self.out - y) * self.out * (1 - self.out)
        d_h = (d_out @ self.W2.T) * self.h * (1 - self.h)
        self.W2 -= lr * self.h.T @ d_out
        self.b2 -= lr * d_out.sum(axis=0, keepdims=True)
        self.W1 -= lr * X.T @ d_h
        self.b1 -= lr * d_h.sum(axis=0, keepdims=True)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

net = TinyNet()
for epoch in range(5000):
    out = net.forward(X)
    net.backward(X, y, lr=1.0)
    if epoch % 1000 == 0:
        print(epoch, "mse", float(np.mean((out - y) ** 2)))

print(net.forward(X).round(3).ravel())
