import numpy as np

np.random.seed(9)

# labels are -1 / +1 here (like an SVM): tanh on the output covers exactly that range
n = 300
X = np.random.randn(n, 2)
y = np.where(X[:, 0] ** 2 + 0.5 * X[:, 1] ** 2 < 1.0, 1.0, -1.0).reshape(-1, 1)


class TanhNetwork:
    def __init__(self, n_in, n_hidden, lr=0.1):
        self.W1 = np.random.randn(n_in, n_hidden) * 0.8
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1) * 0.3
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.out = np.tanh(self.h @ self.W2 + self.b2)
        return self.out

    def backward(self, X, y):
        n = len(X)
        d_out = 2 * (self.out - y) * (1 - self.out ** 2) / n
        d_h = (d_out @ self.W2.T) * (1 - self.h ** 2)
        self.W2 -= self.lr * self.h.T @ d_out
        self.b2 -= self.lr * d_out.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d_h
        self.b1 -= self.lr * d_h.sum(axis=0, keepdims=True)

    def predict(self, X):
        return np.sign(self.forward(X))


net = TanhNetwork(2, 10, lr=0.5)
for epoch in range(2000):
    out = net.forward(X)
    net.backward(X, y)
    if epoch % 400 == 0:
        print(f"epoch {epoch:4d}: mse {np.mean((out - y) ** 2):.4f}, accuracy {np.mean(np.sign(out) == y):.3f}")
print("final accuracy:", np.mean(net.predict(X) == y))
