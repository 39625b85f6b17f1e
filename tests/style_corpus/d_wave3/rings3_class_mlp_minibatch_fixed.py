import numpy as np


class MLP:
    """Three-class classifier: ReLU hidden layer, softmax output, mini-batch SGD."""

    def __init__(self, n_in, n_hidden, n_out, lr=0.2, seed=0):
        self.rng = np.random.default_rng(seed)
        self.W1 = self.rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = self.rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, n_out))
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    def forward(self, X):
        self.X = X
        self.Z1 = X @ self.W1 + self.b1
        self.A1 = np.maximum(0, self.Z1)
        S = self.A1 @ self.W2 + self.b2
        S = S - S.max(axis=1, keepdims=True)
        self.P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)
        return self.P

    def backward(self, Y):
        n = len(Y)
        d2 = (self.P - Y) / n
        d1 = (d2 @ self.W2.T) * (self.Z1 > 0)
        self.W2 = self.W2 - self.lr * self.A1.T @ d2
        self.b2 = self.b2 - self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 = self.W1 - self.lr * self.X.T @ d1
        self.b1 = self.b1 - self.lr * d1.sum(axis=0, keepdims=True)

    def fit(self, X, Y, epochs=60, batch_size=32):
        for epoch in range(epochs):
            idx = self.rng.permutation(len(X))
            for s in range(0, len(X), batch_size):
                b = idx[s:s + batch_size]
                self.forward(X[b])
                self.backward(Y[b])
            if epoch % 10 == 0 or epoch == epochs - 1:
                P = self.forward(X)
                ce = -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1))
                print(f"epoch {epoch:2d}  loss {ce:.4f}  acc {np.mean(P.argmax(1) == Y.argmax(1)):.3f}")


# three concentric rings
rng = np.random.default_rng(3)
labels = rng.integers(0, 3, 300)
r = 0.5 + labels + rng.normal(0, 0.15, 300)
a = rng.uniform(0, 2 * np.pi, 300)
X = np.c_[r * np.cos(a), r * np.sin(a)]
Y = np.eye(3)[labels]
print("X", X.shape, "Y", Y.shape)

MLP(2, 24, 3).fit(X, Y)
