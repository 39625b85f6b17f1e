import numpy as np

np.random.seed(6)

# points in the square [-2, 2]^2, class 1 when inside the disc around (1, -0.5)
n = 400
X = np.random.uniform(-2, 2, (n, 2))
center = np.array([1.0, -0.5])
y = (np.linalg.norm(X - center, axis=1) < 1.0).astype(float).reshape(n, 1)


class TwoLayerNet(object):

    def __init__(self, input_dim, hidden_dim, lr=0.5):
        self.W1 = np.random.normal(scale=0.5, size=(input_dim, hidden_dim))
        self.b1 = np.zeros((1, hidden_dim))
        self.W2 = np.random.normal(scale=0.5, size=(hidden_dim, 1))
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def _sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.h = self._sigmoid(np.dot(X, self.W1) + self.b1)
        self.o = self._sigmoid(np.dot(self.h, self.W2) + self.b2)
        return self.o

    def backward(self, X, y):
        n = X.shape[0]
        d_o = (self.o - y) / n
        d_h = np.dot(d_o, self.W2.T) * self.h * (1 - self.h)

        grad_W2 = np.dot(self.h.T, d_o)
        grad_b2 = np.sum(d_o)
        grad_W1 = np.dot(X.T, d_h)
        grad_b1 = np.sum(d_h)

        self.W2 -= self.lr * grad_W2
        self.b2 -= self.lr * grad_b2
        self.W1 -= self.lr * grad_W1
        self.b1 -= self.lr * grad_b1

    def cross_entropy(self, y):
        o = np.clip(self.o, 1e-8, 1 - 1e-8)
        return float(-np.mean(y * np.log(o) + (1 - y) * np.log(1 - o)))


net = TwoLayerNet(2, 5, lr=1.0)
for epoch in range(4000):
    net.forward(X)
    net.backward(X, y)
    if epoch % 1000 == 0:
        print("epoch", epoch, "loss", round(net.cross_entropy(y), 4),
              "acc", np.mean((net.o > 0.5) == y))
print("final accuracy:", np.mean((net.forward(X) > 0.5) == y))
