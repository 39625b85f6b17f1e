# Points inside / outside a circle; a Trainer object shuffles the data each epoch.
import numpy as np


class Trainer:
    def __init__(self, X, y, hidden=10, seed=0):
        self.rng = np.random.default_rng(seed)
        self.X, self.y = X, y
        self.W1 = self.rng.normal(0, 1, (2, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = self.rng.normal(0, 1, (hidden, 1))
        self.b2 = np.zeros(1)

    def run(self, epochs=100, lr=0.5):
        for epoch in range(epochs):
            order = self.rng.permutation(len(self.X))
            self.X, self.y = self.X[order], self.y[order]
            for xb, yb in zip(np.array_split(self.X, 10), np.array_split(self.y, 10)):
                h = np.tanh(xb @ self.W1 + self.b1)
                p = 1 / (1 + np.exp(-(h @ self.W2 + self.b2)))
                g = (p - yb) / len(xb)
                gh = (g @ self.W2.T) * (1 - h ** 2)
                self.W2 -= lr * h.T @ g
                self.b2 -= lr * g.sum(axis=0)
                self.W1 -= lr * xb.T @ gh
                self.b1 -= lr * gh.sum(axis=0)
        h = np.tanh(self.X @ self.W1 + self.b1)
        p = 1 / (1 + np.exp(-(h @ self.W2 + self.b2)))
        return np.mean((p > 0.5) == self.y)


rng = np.random.default_rng(1)
X = rng.uniform(-1, 1, (300, 2))
y = ((X ** 2).sum(axis=1, keepdims=True) < 0.5).astype(float)
print("accuracy", Trainer(X, y).run())
