import numpy as np


class BinaryNet:
    def __init__(self, n_in, n_hidden, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 0.5, (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 0.5, (n_hidden, 1))
        self.b2 = np.zeros((1, 1))

    def softmax(self, z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = self.softmax(self.h @ self.W2 + self.b2)
        return self.p

    def backward(self, X, y, lr):
        n = X.shape[0]
        dz2 = (self.p - y) / n
        dW2 = self.h.T @ dz2
        db2 = dz2.sum(axis=0, keepdims=True)
        dh = dz2 @ self.W2.T * (1 - self.h ** 2)
        dW1 = X.T @ dh
        db1 = dh.sum(axis=0, keepdims=True)
        self.W2 -= lr * dW2
        self.b2 -= lr * db2
        self.W1 -= lr * dW1
        self.b1 -= lr * db1

    def train(self, X, y, epochs=300, lr=0.5):
        for ep in range(epochs):
            p = self.forward(X)
            loss = -np.mean(np.sum(y * np.log(np.clip(p, 1e-9, 1.0)), axis=1))
            self.backward(X, y, lr)
            if ep % 100 == 0:
                acc = np.mean((p > 0.5) == y)
                print(ep, round(loss, 4), acc)


rng = np.random.default_rng(1)
a = rng.normal([-1, -1], 0.6, (100, 2))
b = rng.normal([1, 1], 0.6, (100, 2))
X = np.vstack([a, b])
y = np.vstack([np.zeros((100, 1)), np.ones((100, 1))])
net = BinaryNet(2, 6)
net.train(X, y)
print("first outputs", net.forward(X[:3]).ravel())
