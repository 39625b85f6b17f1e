import numpy as np


class TanhNet:
    """Targets are -1/+1, so a tanh output unit fits them."""

    def __init__(self, n_in, n_hidden, lr=0.05, seed=3):
        rng = np.random.RandomState(seed)
        self.theta1 = rng.randn(n_in, n_hidden) / np.sqrt(n_in)
        self.bias1 = np.zeros((1, n_hidden))
        self.theta2 = rng.randn(n_hidden, 1) / np.sqrt(n_hidden)
        self.bias2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.hidden_out = np.tanh(X @ self.theta1 + self.bias1)
        self.out = np.tanh(self.hidden_out @ self.theta2 + self.bias2)
        return self.out

    def backward(self, X, t):
        grad_out = 2 * (self.out - t) / len(X) * (1 - self.out ** 2)
        grad_hidden = grad_out @ self.theta2.T * (1 - self.hidden_out ** 2)
        self.theta2 -= self.lr * self.hidden_out.T @ grad_out
        self.bias2 -= self.lr * grad_out.sum(axis=0, keepdims=True)
        self.theta1 -= self.lr * X.T @ grad_hidden
        self.bias1 -= self.lr * grad_hidden.sum(axis=0, keepdims=True)

    def train(self, X, t, epochs=500):
        for ep in range(epochs):
            self.forward(X)
            self.backward(X, t)
            if ep % 100 == 0:
                print(ep, np.mean((self.out - t) ** 2))
        return np.mean(np.sign(self.out) == t)


rng = np.random.RandomState(0)
X = rng.randn(200, 2)
t = np.where(X[:, 0] - X[:, 1] > 0, 1.0, -1.0).reshape(-1, 1)
print("accuracy", TanhNet(2, 6).train(X, t))
