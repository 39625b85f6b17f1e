import numpy as np


class WineNet:
    """Predicts a wine quality score (3..8) from four standardised lab measurements."""

    def __init__(self, n_features, n_hidden=12, lr=0.2, seed=5):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1, (n_features, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.X = X
        self.A1 = np.tanh(X @ self.W1 + self.b1)
        self.out = self.A1 @ self.W2 + self.b2
        return self.out

    def backward(self, y):
        n = len(y)
        d_out = (self.out - y) / n
        W2_old = self.W2.copy()          # keep the weights the forward pass used
        self.W2 -= self.lr * self.A1.T @ d_out
        self.b2 -= self.lr * d_out.sum(axis=0, keepdims=True)
        d_hidden = (d_out @ W2_old.T) * (1 - self.A1 ** 2)
        self.W1 -= self.lr * self.X.T @ d_hidden
        self.b1 -= self.lr * d_hidden.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=2000):
        for e in range(epochs):
            self.forward(X)
            self.backward(y)
            if e % 400 == 0:
                print(f"epoch {e:4d}  mse {np.mean((self.out - y) ** 2):.4f}")

    def predict(self, X):
        return self.forward(X)


rng = np.random.default_rng(0)
n = 400
acidity, sugar, sulphates, alcohol = rng.normal(0, 1, (4, n))
quality = np.clip(np.round(5.6 + 0.8 * alcohol + 0.3 * sulphates - 0.4 * acidity * sugar
                           + rng.normal(0, 0.3, n)), 3, 8)
X = np.column_stack([acidity, sugar, sulphates, alcohol])
y = quality.reshape(-1, 1)

net = WineNet(4, lr=0.3)
net.train(X, y)
pred = net.predict(X)
print("mse:", round(float(np.mean((pred - y) ** 2)), 4), " variance of y:", round(float(y.var()), 4))
print("exact score:", np.mean(np.round(pred) == y))
