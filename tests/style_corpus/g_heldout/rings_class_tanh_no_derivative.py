import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, n_out, lr=0.1):
        rng = np.random.default_rng(42)
        self.w_in = rng.standard_normal((n_in, n_hidden)) * 0.5
        self.b_in = np.zeros((1, n_hidden))
        self.w_out = rng.standard_normal((n_hidden, n_out)) * 0.5
        self.b_out = np.zeros((1, n_out))
        self.lr = lr

    @staticmethod
    def _sigmoid(v):
        return 1.0 / (1.0 + np.exp(-v))

    def forward(self, X):
        self.hidden_out = np.tanh(X @ self.w_in + self.b_in)
        self.prob = self._sigmoid(self.hidden_out @ self.w_out + self.b_out)
        return self.prob

    def backward(self, X, y):
        grad_out = (self.prob - y) / X.shape[0]
        grad_hidden = grad_out @ self.w_out.T
        self.w_out -= self.lr * self.hidden_out.T @ grad_out
        self.b_out -= self.lr * grad_out.sum(axis=0, keepdims=True)
        self.w_in -= self.lr * X.T @ grad_hidden
        self.b_in -= self.lr * grad_hidden.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=1000):
        for i in range(epochs):
            self.forward(X)
            self.backward(X, y)
        return np.mean((self.prob > 0.5) == y)


rng = np.random.default_rng(0)
radius = np.concatenate([rng.uniform(0, 1, 150), rng.uniform(1.5, 2.2, 150)])
phi = rng.uniform(0, 2 * np.pi, 300)
X = np.stack([radius * np.cos(phi), radius * np.sin(phi)], axis=1)
y = (radius > 1.2).astype(float).reshape(-1, 1)
print("accuracy", MLP(2, 10, 1).train(X, y))
