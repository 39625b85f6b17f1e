import numpy as np

rng = np.random.RandomState(5)

# two classes, each a mix of two small clusters (not linearly separable)
X0 = np.r_[rng.randn(60, 2) * 0.5 + [-2, -2], rng.randn(60, 2) * 0.5 + [2, 2]]
X1 = np.r_[rng.randn(60, 2) * 0.5 + [-2, 2], rng.randn(60, 2) * 0.5 + [2, -2]]
X = np.r_[X0, X1] / 2
y = np.r_[np.zeros(120), np.ones(120)]


class MLPClassifier:
    def __init__(self, n_features, n_hidden=10, learning_rate=0.5, epochs=2000):
        self.W1 = rng.randn(n_features, n_hidden) * 0.5
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.randn(n_hidden, 1) * 0.5
        self.b2 = np.zeros((1, 1))
        self.lr = learning_rate
        self.epochs = epochs

    def _sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def _forward(self, X):
        self.A1 = np.tanh(X @ self.W1 + self.b1)
        self.A2 = self._sigmoid(self.A1 @ self.W2 + self.b2)
        return self.A2

    def fit(self, X, y):
        y = y.reshape(-1, 1)
        m = len(X)
        for epoch in range(self.epochs):
            A2 = self._forward(X)
            dZ2 = (A2 - y) / m
            dZ1 = (dZ2 @ self.W2.T) * (1 - self.A1 ** 2)
            self.W2 -= self.lr * self.A1.T @ dZ2
            self.b2 -= self.lr * dZ2.sum(axis=0, keepdims=True)
            self.W1 -= self.lr * X.T @ dZ1
            self.b1 -= self.lr * dZ1.sum(axis=0, keepdims=True)
            if epoch % 500 == 0:
                loss = -np.mean(y * np.log(A2 + 1e-8) + (1 - y) * np.log(1 - A2 + 1e-8))
                print(f"epoch {epoch}: log loss {loss:.4f}")
        return self

    def predict(self, X):
        return (self._forward(X) >= 0.5).astype(int)

    def accuracy(self, X, y):
        return np.mean(self.predict(X) == y.reshape(-1, 1))


clf = MLPClassifier(n_features=2).fit(X, y)
print("accuracy:", clf.accuracy(X, y))
