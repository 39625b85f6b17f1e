import numpy as np

np.random.seed(77)

# half moons
n_samples = 320
t = np.pi * np.random.rand(n_samples)
cls = np.arange(n_samples) % 2
X = np.c_[np.cos(t) + cls * (1 - 2 * np.cos(t)), np.sin(t) * (1 - 2 * cls) + 0.5 * cls]
X += 0.1 * np.random.randn(n_samples, 2)
y = cls.reshape(-1, 1).astype(float)


class MLP:
    def __init__(self, n_input, n_hidden, lr=0.1, batch_size=16, epochs=60):
        self.W1 = np.random.randn(n_input, n_hidden) * np.sqrt(1 / n_input)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1) * np.sqrt(1 / n_hidden)
        self.b2 = np.zeros((1, 1))
        self.lr, self.batch_size, self.epochs = lr, batch_size, epochs

    def _forward(self, X):
        H = np.tanh(X @ self.W1 + self.b1)
        P = 1 / (1 + np.exp(-(H @ self.W2 + self.b2)))
        return H, P

    def predict_proba(self, X):
        return self._forward(X)[1]

    def predict(self, X):
        return (self.predict_proba(X) > 0.5).astype(float)

    def accuracy(self, X, y):
        return np.mean(predict(X) == y)

    def fit(self, X, y):
        for epoch in range(self.epochs):
            perm = np.random.permutation(len(X))
            for k in range(0, len(X), self.batch_size):
                idx = perm[k:k + self.batch_size]
                xb, yb = X[idx], y[idx]
                H, P = self._forward(xb)
                dZ2 = (P - yb) / len(xb)
                dZ1 = dZ2 @ self.W2.T * (1 - H ** 2)
                self.W2 -= self.lr * H.T @ dZ2
                self.b2 -= self.lr * dZ2.sum(axis=0, keepdims=True)
                self.W1 -= self.lr * xb.T @ dZ1
                self.b1 -= self.lr * dZ1.sum(axis=0, keepdims=True)
            if epoch % 15 == 0:
                P = np.clip(self.predict_proba(X), 1e-8, 1 - 1e-8)
                print("epoch", epoch, "log loss", -np.mean(y * np.log(P) + (1 - y) * np.log(1 - P)))
        return self


model = MLP(2, 12, lr=0.5).fit(X, y)
print("training accuracy:", model.accuracy(X, y))
