import numpy as np

np.random.seed(14)

# two classes arranged as a ring of blobs around a central blob
centers_a = np.array([[0.0, 0.0]])
centers_b = np.array([[2.2, 0], [-2.2, 0], [0, 2.2], [0, -2.2]])
Xa = np.vstack([c + 0.5 * np.random.randn(120, 2) for c in centers_a])
Xb = np.vstack([c + 0.5 * np.random.randn(30, 2) for c in centers_b])
X = np.vstack([Xa, Xb]) / 2.0
y = np.vstack([np.ones((120, 1)), np.zeros((120, 1))])


class MLP:
    def __init__(self, n_in, n_hidden, lr=2.0):
        self.W1 = np.random.randn(n_in, n_hidden)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1) * 0.5
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.a1 = self.sigmoid(X @ self.W1 + self.b1)
        self.p = self.sigmoid(self.a1 @ self.W2 + self.b2)
        return self.p

    def mse(self, y):
        return np.mean((self.p - y) ** 2)

    def backward(self, X, y):
        n = len(X)
        # loss is the mean squared error, so the output sigmoid's slope stays in the delta
        delta2 = (self.p - y) * self.p * (1 - self.p)
        delta1 = delta2 @ self.W2.T * self.a1 * (1 - self.a1)
        self.W2 -= self.lr * self.a1.T @ delta2 / n
        self.b2 -= self.lr * delta2.mean(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ delta1 / n
        self.b1 -= self.lr * delta1.mean(axis=0, keepdims=True)


model = MLP(2, 8)
for epoch in range(3000):
    model.forward(X)
    if epoch % 500 == 0:
        print(f"epoch {epoch}: mse {model.mse(y):.4f}, accuracy {np.mean((model.p > 0.5) == y):.3f}")
    model.backward(X, y)
print(f"final mse {model.mse(y):.4f}, accuracy {np.mean((model.forward(X) > 0.5) == y):.3f}")
