import numpy as np

np.random.seed(27)

# donut: class 1 between radius 0.5 and 1.0, class 0 inside and outside
n = 400
X = np.random.uniform(-1.4, 1.4, (n, 2))
r = np.hypot(X[:, 0], X[:, 1])
y = ((r > 0.5) & (r < 1.0)).astype(float).reshape(-1, 1)


def relu(x):
    return np.maximum(0, x)


def relu_grad(x):
    g = x.copy()          # work on a copy, the caller still needs x
    g[g <= 0] = 0
    g[g > 0] = 1
    return g


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class DonutNet:
    def __init__(self, n_hidden=32, lr=0.5):
        self.W1 = np.random.randn(2, n_hidden) * 1.5
        self.b1 = np.random.randn(1, n_hidden) * 0.5
        self.W2 = np.random.randn(n_hidden, 1) * 0.2
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.A1 = relu(X @ self.W1 + self.b1)
        self.A2 = sigmoid(self.A1 @ self.W2 + self.b2)
        return self.A2

    def backward(self, X, y):
        m = len(X)
        dZ2 = (self.A2 - y) / m
        dZ1 = (dZ2 @ self.W2.T) * relu_grad(self.A1)
        dW2 = self.A1.T @ dZ2
        db2 = dZ2.sum(axis=0, keepdims=True)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2


net = DonutNet()
for epoch in range(1501):
    p = net.forward(X)
    net.backward(X, y)
    if epoch % 300 == 0:
        pc = np.clip(p, 1e-8, 1 - 1e-8)
        bce = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
        print(f"epoch {epoch}: bce {bce:.4f} accuracy {np.mean((p > 0.5) == y):.3f}")
