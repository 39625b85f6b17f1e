"""Electricity demand (GW) over the day, learned by a small MLP class.

Inputs: the hour encoded as (sin, cos) plus a weekend flag; output: demand in GW.
"""
import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, lr, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1, (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.X = X
        self.H = np.tanh(X @ self.W1 + self.b1)
        return self.H @ self.W2 + self.b2

    def backward(self, out, y):
        m = len(y)
        d_out = (out - y) / m
        d_hidden = (d_out @ self.W2.T) * (1 - self.H ** 2)
        # output layer
        self.W2 -= self.lr * self.H.T @ d_out
        self.b2 -= self.lr * d_out.sum(axis=0, keepdims=True)
        # hidden layer
        self.W1 -= self.lr * self.X.T @ d_hidden
        self.b1 -= self.lr * d_hidden.sum(axis=0, keepdims=True)

    def fit(self, X, y, epochs):
        for epoch in range(epochs):
            out = self.forward(X)
            self.backward(out, y)
            if epoch % 500 == 0:
                print("epoch %4d  mse %.4f" % (epoch, np.mean((out - y) ** 2)))
        return np.mean((self.forward(X) - y) ** 2)


rng = np.random.default_rng(1)
hours = rng.uniform(0, 24, 300)
weekend = rng.integers(0, 2, 300)
load = (4.0 + 1.2 * np.sin((hours - 9) / 24 * 2 * np.pi) + 0.6 * np.sin((hours - 17) / 12 * 2 * np.pi)
        - 0.5 * weekend + rng.normal(0, 0.1, 300))
X = np.column_stack([np.sin(hours / 24 * 2 * np.pi), np.cos(hours / 24 * 2 * np.pi), weekend])
y = load.reshape(-1, 1)

model = MLP(3, 20, lr=0.3)
final = model.fit(X, y, 3000)
print("final mse %.4f (noise variance 0.01)" % final)
