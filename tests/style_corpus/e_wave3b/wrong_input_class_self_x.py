import numpy as np


class TwoLayerNet:
    """Regression net; the hidden width equals the input width, so the shapes line up."""

    def __init__(self, n):
        rng = np.random.default_rng(0)
        self.W1 = rng.normal(0, 1 / np.sqrt(n), (n, n))
        self.b1 = np.zeros((1, n))
        self.W2 = rng.normal(0, 1 / np.sqrt(n), (n, 1))
        self.b2 = np.zeros((1, 1))

    def forward(self, X):
        self.X = X
        self.H = np.tanh(X @ self.W1 + self.b1)
        self.out = self.H @ self.W2 + self.b2
        return self.out

    def backward(self, y, lr):
        d_out = (self.out - y) / len(y)
        d_h = (d_out @ self.W2.T) * (1 - self.H ** 2)
        self.W2 -= lr * self.X.T @ d_out
        self.b2 -= lr * d_out.sum(axis=0, keepdims=True)
        self.W1 -= lr * self.X.T @ d_h
        self.b1 -= lr * d_h.sum(axis=0, keepdims=True)


rng = np.random.default_rng(1)
X = rng.uniform(-2, 2, (400, 3))
y = (np.sin(X[:, 0]) + X[:, 1] * X[:, 2]).reshape(-1, 1)
net = TwoLayerNet(3)
for epoch in range(3000):
    out = net.forward(X)
    net.backward(y, 0.05)
    if epoch % 600 == 0:
        print(epoch, float(np.mean((out - y) ** 2)))
print("final mse", float(np.mean((net.forward(X) - y) ** 2)))
