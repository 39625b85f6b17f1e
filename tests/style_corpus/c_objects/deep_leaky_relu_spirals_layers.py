# Four dense layers (three leaky-ReLU hidden layers + sigmoid output) on two interleaved spirals
import numpy as np

np.random.seed(11)

n = 200
theta = np.sqrt(np.random.rand(n)) * 2.5 * np.pi
arm = np.c_[theta * np.cos(theta), theta * np.sin(theta)] / (2.5 * np.pi)
X = np.r_[arm, -arm] + 0.02 * np.random.randn(2 * n, 2)
y = np.r_[np.zeros(n), np.ones(n)][:, None]


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        self.b = np.zeros((1, n_out))

    def forward(self, X):
        self.X = X
        return X @ self.W + self.b

    def backward(self, dY):
        self.dW = self.X.T @ dY
        self.db = dY.sum(axis=0, keepdims=True)
        return dY @ self.W.T


class LeakyReLU:
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def forward(self, X):
        self.X = X
        return np.where(X > 0, X, self.alpha * X)

    def backward(self, dY):
        return dY * np.where(self.X > 0, 1.0, self.alpha)


class Sigmoid:
    def forward(self, X):
        self.Y = 1.0 / (1.0 + np.exp(-X))
        return self.Y

    def backward(self, dY):
        return dY * self.Y * (1.0 - self.Y)


model = [
    Dense(2, 24), LeakyReLU(),
    Dense(24, 24), LeakyReLU(),
    Dense(24, 16), LeakyReLU(),
    Dense(16, 1), Sigmoid(),
]

learning_rate = 0.05
for epoch in range(2001):
    out = X
    for layer in model:
        out = layer.forward(out)
    mse = np.mean((out - y) ** 2)

    grad = 2.0 * (out - y) / len(X)
    for layer in reversed(model):
        grad = layer.backward(grad)
    for layer in model:
        if isinstance(layer, Dense):
            layer.W -= learning_rate * layer.dW
            layer.b -= learning_rate * layer.db

    if epoch % 400 == 0:
        print(f"epoch {epoch:4d} | mse {mse:.4f} | acc {np.mean((out > 0.5) == y):.3f}")
