import numpy as np


def make_moons(n, noise, rng):
    t_top = rng.uniform(0, np.pi, n // 2)
    t_bottom = rng.uniform(0, np.pi, n - n // 2)
    top = np.c_[np.cos(t_top), np.sin(t_top)]
    bottom = np.c_[1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)]
    X = np.r_[top, bottom] + rng.normal(0, noise, (n, 2))
    y = np.r_[np.zeros(n // 2), np.ones(n - n // 2)]
    return X, y.reshape(-1, 1)


class MLP:
    """2 -> 16 (tanh) -> 1 (sigmoid), binary cross-entropy, mini-batch SGD."""

    def __init__(self, n_in, n_hidden, lr=0.3, seed=0):
        self.rng = np.random.default_rng(seed)
        self.W1 = self.rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = self.rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = np.zeros(1)
        self.lr = lr

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def backward(self, X, y):
        m = len(X)
        dz2 = (self.p - y) / m
        dW2 = self.h.T @ dz2
        db2 = dz2.sum(axis=0)
        dz1 = (dz2 @ self.W2.T) * (1 - self.h ** 2)
        dW1 = X.T @ dz1
        db1 = dz1.sum(axis=0)
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1

    @staticmethod
    def bce(p, y):
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def fit(self, X, y, epochs=100, batch_size=32):
        for epoch in range(epochs):
            idx = self.rng.permutation(len(X))
            X_sh, y_sh = X[idx], y[idx]
            for start in range(0, len(X), batch_size):
                xb = X_sh[start:start + batch_size]
                yb = y_sh[start:start + batch_size]
                self.forward(xb)
                self.backward(xb, yb)
            if epoch % 20 == 0 or epoch == epochs - 1:
                p = self.forward(X)
                print(f"epoch {epoch:3d}  loss {self.bce(p, y):.4f}  acc {np.mean((p > 0.5) == y):.3f}")


rng = np.random.default_rng(3)
X, y = make_moons(500, 0.2, rng)
X_test, y_test = make_moons(200, 0.2, rng)

model = MLP(2, 16)
model.fit(X, y)
print("test accuracy:", np.mean((model.forward(X_test) > 0.5) == y_test))
