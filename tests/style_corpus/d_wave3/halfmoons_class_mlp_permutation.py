import numpy as np


class Network:
    def __init__(self, sizes=(2, 12, 1), lr=0.5, seed=0):
        self.rng = np.random.default_rng(seed)
        n_in, n_hid, n_out = sizes
        self.W1 = self.rng.standard_normal((n_in, n_hid)) * 0.7
        self.b1 = np.zeros((1, n_hid))
        self.W2 = self.rng.standard_normal((n_hid, n_out)) * 0.7
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    def _forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))
        return self.p

    def _backward(self, X, y):
        d_out = (self.p - y) / len(X)
        d_hid = d_out @ self.W2.T * (1 - self.h ** 2)
        self.W2 -= self.lr * self.h.T @ d_out
        self.b2 -= self.lr * d_out.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d_hid
        self.b1 -= self.lr * d_hid.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=100, batch_size=16):
        for epoch in range(epochs):
            shuffled = self.rng.permutation(len(X))
            X_epoch, y_epoch = X[shuffled], y[shuffled]
            for i in range(0, len(X), batch_size):
                xb = X_epoch[i:i + batch_size]
                yb = y_epoch[i:i + batch_size]
                self._forward(xb)
                self._backward(xb, yb)
            if epoch % 20 == 0 or epoch == epochs - 1:
                p = self._forward(X)
                loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
                print(f"epoch {epoch:3d}  loss {loss:.4f}  acc {self.accuracy(X, y):.3f}")

    def accuracy(self, X, y):
        return np.mean((self._forward(X) > 0.5) == y)


rng = np.random.default_rng(11)
t = rng.uniform(0, np.pi, 300)
cls = rng.integers(0, 2, 300)
X = np.where(cls[:, None] == 0, np.c_[np.cos(t), np.sin(t)], np.c_[1 - np.cos(t), 0.4 - np.sin(t)])
X = X + rng.normal(0, 0.1, X.shape)
y = cls.reshape(-1, 1).astype(float)

Network().train(X, y)
