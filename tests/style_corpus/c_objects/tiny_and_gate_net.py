import numpy as np
np.random.seed(0)

class Net:
    def __init__(self, n_in=2, n_hid=3, lr=1.0):
        self.W1, self.b1 = np.random.randn(n_in, n_hid), np.zeros(n_hid)
        self.W2, self.b2 = np.random.randn(n_hid, 1), np.zeros(1)
        self.lr = lr

    def __call__(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        return 1 / (1 + np.exp(-(self.h @ self.W2 + self.b2)))

    def fit(self, X, y, steps=1000):
        for _ in range(steps):
            d2 = (self(X) - y) / len(X)          # sigmoid + log loss
            d1 = d2 @ self.W2.T * (1 - self.h ** 2)
            self.W2 -= self.lr * self.h.T @ d2; self.b2 -= self.lr * d2.sum(0)
            self.W1 -= self.lr * X.T @ d1; self.b1 -= self.lr * d1.sum(0)
        return self

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [0], [0], [1]], dtype=float)
log_loss = lambda p: float(-np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9)))
net = Net()
print("before:", net(X).ravel().round(2), "loss", round(log_loss(net(X)), 4))
net.fit(X, y)
print("after: ", net(X).ravel().round(2), "loss", round(log_loss(net(X)), 4))
