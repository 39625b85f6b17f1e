import numpy as np

np.random.seed(0)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)


class LeakyReLU:
    """Written for one number, then vectorised so it works on whole arrays."""

    def __init__(self, alpha=0.01):
        self.alpha = alpha
        self._f = np.vectorize(self._scalar)
        self._df = np.vectorize(self._scalar_derivative)

    def _scalar(self, x):
        return x if x > 0 else self.alpha * x

    def _scalar_derivative(self, x):
        return 1.0 if x > 0 else self.alpha

    def __call__(self, x):
        return self._f(x)

    def derivative(self, x):
        return self._df(x)


class Sigmoid:
    def __call__(self, x):
        return 1 / (1 + np.exp(-x))

    def derivative(self, x):
        s = self(x)
        return s * (1 - s)


class TinyNet:
    def __init__(self, hidden_act, out_act, n_hidden=6, lr=0.5):
        self.W1 = np.random.randn(2, n_hidden)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1) * 0.5
        self.b2 = np.zeros((1, 1))
        self.f, self.g = hidden_act, out_act
        self.lr = lr

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.f(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        self.a2 = self.g(self.z2)
        return self.a2

    def backward(self, X, y):
        d2 = (self.a2 - y) * self.g.derivative(self.z2)      # squared error
        d1 = (d2 @ self.W2.T) * self.f.derivative(self.z1)
        self.W2 -= self.lr * self.a1.T @ d2
        self.b2 -= self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d1
        self.b1 -= self.lr * d1.sum(axis=0, keepdims=True)


# leaky ReLU only in the hidden layer, sigmoid on the output for the 0/1 labels
net = TinyNet(LeakyReLU(alpha=0.01), Sigmoid())
for epoch in range(3000):
    out = net.forward(X)
    net.backward(X, y)
    if epoch % 600 == 0:
        print("epoch", epoch, "mse", round(float(np.mean((out - y) ** 2)), 5))
print("outputs:", net.forward(X).ravel().round(3))
