import numpy as np


class Regressor:
    """1 -> 16 -> 1 network for a 1-D curve: tanh hidden layer, linear output."""

    def __init__(self, n_hidden=16, lr=0.05, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1.0, (1, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, x):
        self.x = x
        self.h = np.tanh(x @ self.W1 + self.b1)
        return self.h @ self.W2 + self.b2

    def backward(self, y_hat, y):
        g = 2 * (y_hat - y) / len(y)
        g_h = (g @ self.W2.T) * (1 - self.h ** 2)
        self.W2 -= self.lr * self.h.T @ g
        self.b2 -= self.lr * g.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * self.x.T @ g_h
        self.b1 -= self.lr * g_h.sum(axis=0, keepdims=True)

    def fit(self, x, y, epochs=4000):
        for epoch in range(epochs):
            y_hat = self.forward(x)
            self.backward(y_hat, y)
            if epoch % 1000 == 0:
                print("epoch", epoch, "mse", round(float(np.mean((y_hat - y) ** 2)), 4))
        return self


rng = np.random.default_rng(42)
x = rng.uniform(-2, 2, (200, 1))
y = x ** 2 + rng.normal(0, 0.1, x.shape)

model = Regressor().fit(x, y)
mse = np.mean((model.forward(x) - y) ** 2)
print("final mse", round(float(mse), 4), " variance of y", round(float(y.var()), 4))
for v in (-1.5, 0.0, 1.5):
    print("f(%.1f) = %.3f" % (v, model.forward(np.array([[v]]))[0, 0]))
