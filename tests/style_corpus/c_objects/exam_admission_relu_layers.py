import numpy as np

rng = np.random.default_rng(0)

# two exam scores (0-100) -> admitted or not
n = 300
scores = rng.uniform(30, 100, (n, 2))
admitted = (scores[:, 0] + scores[:, 1] + rng.normal(0, 8, n) > 130).astype(float).reshape(-1, 1)
X = (scores - scores.mean(axis=0)) / scores.std(axis=0)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, 1.0, (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0, keepdims=True)
        return grad @ self.W.T


class ReLU:
    def forward(self, x):
        self.x = x
        return np.maximum(0, x)

    def backward(self, grad):
        return grad * (self.x > 0)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def binary_cross_entropy(p, t):
    return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))


layers = [Dense(2, 32), ReLU(), Dense(32, 1)]
lr = 1.0

for epoch in range(3001):
    z = X
    for layer in layers:
        z = layer.forward(z)
    p = sigmoid(z)
    loss = binary_cross_entropy(p, admitted)

    grad = (p - admitted) / n
    for layer in reversed(layers):
        grad = layer.backward(grad)
    for layer in layers:
        if isinstance(layer, Dense):
            layer.W -= lr * layer.dW
            layer.b -= lr * layer.db

    if epoch % 500 == 0:
        print(f"epoch {epoch}: loss = {loss:.4f}, accuracy = {np.mean((p > 0.5) == admitted):.3f}")
