import numpy as np

np.random.seed(21)

# 3x3 checkerboard on [-1.5, 1.5]^2
X = np.random.uniform(-1.5, 1.5, (500, 2))
cells = np.floor(X + 1.5).astype(int)
y = ((cells[:, 0] + cells[:, 1]) % 2).reshape(-1, 1).astype(float)


class DeepNet:
    """input -> tanh(24) -> relu(24) -> sigmoid(1)"""

    def __init__(self, lr=0.3):
        self.W1 = np.random.randn(2, 24) * 1.0
        self.b1 = np.zeros((1, 24))
        self.W2 = np.random.randn(24, 24) * np.sqrt(2 / 24)
        self.b2 = np.zeros((1, 24))
        self.W3 = np.random.randn(24, 1) * np.sqrt(1 / 24)
        self.b3 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.h1 = np.tanh(X @ self.W1 + self.b1)
        self.z2 = self.h1 @ self.W2 + self.b2
        self.h2 = np.maximum(self.z2, 0)
        self.out = 1 / (1 + np.exp(-(self.h2 @ self.W3 + self.b3)))
        return self.out

    def backward(self, X, y):
        n = len(X)
        d3 = (self.out - y) / n
        d2 = (d3 @ self.W3.T) * (self.z2 > 0)
        d1 = (d2 @ self.W2.T) * (1 - self.h1 ** 2)
        self.W3 -= self.lr * self.h2.T @ d3
        self.b3 -= self.lr * d3.sum(axis=0, keepdims=True)
        self.W2 -= self.lr * self.h1.T @ d2
        self.b2 -= self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d1
        self.b1 -= self.lr * d1.sum(axis=0, keepdims=True)

    def loss(self, y):
        p = np.clip(self.out, 1e-7, 1 - 1e-7)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


net = DeepNet()
for epoch in range(2001):
    net.forward(X)
    if epoch % 400 == 0:
        print(f"epoch {epoch}: loss {net.loss(y):.4f}, accuracy {np.mean((net.out > 0.5) == y):.3f}")
    net.backward(X, y)
