import numpy as np

np.random.seed(9)

# noisy XOR: 50 points around each corner of the unit square
corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
X = np.repeat(corners, 50, axis=0) + 0.2 * np.random.randn(200, 2)
y = np.repeat([[0], [1], [1], [0]], 50, axis=0).astype(float)


class Net:
    def __init__(self, hidden=4, lr=0.5):
        self.W1 = np.random.randn(2, hidden)
        self.b1 = np.zeros((1, hidden))
        self.W2 = np.random.randn(hidden, 1)
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        # tanh on the output too, it is centred and trains faster
        self.p = np.tanh(self.h @ self.W2 + self.b2)
        return self.p

    def loss(self, y):
        eps = 1e-8
        return -np.mean(y * np.log(self.p + eps) + (1 - y) * np.log(1 - self.p + eps))

    def backward(self, X, y):
        n = len(X)
        d_out = (self.p - y) / n
        d_hidden = d_out @ self.W2.T * (1 - self.h ** 2)
        self.W2 -= self.lr * self.h.T @ d_out
        self.b2 -= self.lr * np.sum(d_out, axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d_hidden
        self.b1 -= self.lr * np.sum(d_hidden, axis=0, keepdims=True)


net = Net()
for epoch in range(4000):
    net.forward(X)
    if epoch % 800 == 0:
        print("epoch", epoch, "cross-entropy", net.loss(y))
    net.backward(X, y)

out = net.forward(X)
print("accuracy:", np.mean((out > 0.5) == y))
print("outputs below zero:", np.sum(out < 0))
