import numpy as np


class XorNet:
    """2-4-1 net for noisy XOR; per-sample gradients summed into buffers for each mini-batch."""

    def __init__(self, hidden=4, lr=0.5, seed=2):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1, (2, hidden))
        self.b1 = np.zeros(hidden)
        self.W2 = rng.normal(0, 1, (hidden, 1))
        self.b2 = np.zeros(1)
        self.lr = lr
        self.gW1 = np.zeros_like(self.W1)
        self.gb1 = np.zeros_like(self.b1)
        self.gW2 = np.zeros_like(self.W2)
        self.gb2 = np.zeros_like(self.b2)

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def forward(self, x):
        h = np.tanh(x @ self.W1 + self.b1)
        return h, self.sigmoid(h @ self.W2 + self.b2)

    def accumulate(self, x, t):
        h, p = self.forward(x)
        d_out = p - t
        d_h = (self.W2 @ d_out) * (1 - h ** 2)
        self.gW2 += np.outer(h, d_out)
        self.gb2 += d_out
        self.gW1 += np.outer(x, d_h)
        self.gb1 += d_h

    def train(self, X, y, epochs=100, batch_size=16, seed=0):
        rng = np.random.default_rng(seed)
        for epoch in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                for buf in (self.gW1, self.gb1, self.gW2, self.gb2):
                    buf.fill(0.0)
                for i in batch:
                    self.accumulate(X[i], y[i])
                self.W1 -= self.lr * self.gW1 / len(batch)
                self.b1 -= self.lr * self.gb1 / len(batch)
                self.W2 -= self.lr * self.gW2 / len(batch)
                self.b2 -= self.lr * self.gb2 / len(batch)
            if epoch % 20 == 0 or epoch == epochs - 1:
                p = self.forward(X)[1]
                loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
                print(f"epoch {epoch:3d}  loss {loss:.4f}  acc {np.mean((p > 0.5) == y):.3f}")


rng = np.random.default_rng(7)
corners = rng.integers(0, 2, (240, 2))
X = corners + rng.normal(0, 0.15, (240, 2))
y = (corners[:, 0] ^ corners[:, 1]).reshape(-1, 1).astype(float)

XorNet().train(X, y)
