import random
import numpy as np

np.random.seed(0)
random.seed(0)

# 3 classes in 2-d, features + label stored together in one table
n = 100
X = np.vstack([np.random.randn(n, 2) + c for c in ([0, 2.5], [2.5, -1], [-2.5, -1])])
labels = np.repeat([0, 1, 2], n)
data = np.column_stack([X, labels])
test_X = np.vstack([np.random.randn(50, 2) + c for c in ([0, 2.5], [2.5, -1], [-2.5, -1])])
test_labels = np.repeat([0, 1, 2], 50)


class SoftmaxMLP:
    def __init__(self, n_in, n_hidden, n_classes, lr=0.1):
        self.W1 = np.random.randn(n_in, n_hidden) * 0.5
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, n_classes) * 0.5
        self.b2 = np.zeros((1, n_classes))
        self.lr = lr
        self.n_classes = n_classes

    def forward(self, X):
        self.h = np.maximum(0, X @ self.W1 + self.b1)
        z = self.h @ self.W2 + self.b2
        z -= z.max(axis=1, keepdims=True)
        self.p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        return self.p

    def step(self, X, labels):
        Y = np.eye(self.n_classes)[labels]
        self.forward(X)
        d2 = (self.p - Y) / len(X)
        d1 = (d2 @ self.W2.T) * (self.h > 0)
        self.W2 -= self.lr * self.h.T @ d2
        self.b2 -= self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d1
        self.b1 -= self.lr * d1.sum(axis=0, keepdims=True)

    def accuracy(self, X, labels):
        return np.mean(self.forward(X).argmax(axis=1) == labels)


net = SoftmaxMLP(2, 16, 3)
batch_size = 30
for epoch in range(40):
    random.shuffle(data)  # new order every epoch
    for i in range(0, len(data), batch_size):
        batch = data[i:i + batch_size]
        net.step(batch[:, :2], batch[:, 2].astype(int))
    if epoch % 10 == 0:
        print(f"epoch {epoch}: train acc {net.accuracy(data[:, :2], data[:, 2].astype(int)):.3f}")

print("test accuracy:", net.accuracy(test_X, test_labels))
