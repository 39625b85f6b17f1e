import numpy as np


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        dW = self.x.T @ grad
        db = grad.sum(axis=0, keepdims=True)
        grad_in = grad @ self.W.T
        self.W -= lr * dW
        self.b -= lr * db
        return grad_in


class ReLU:
    def forward(self, x):
        self.x = x
        return np.maximum(0, x)

    def backward(self, grad, lr):
        return grad * (self.x > 0)


class Sigmoid:
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, grad, lr):
        return grad * self.out * (1 - self.out)


rng = np.random.default_rng(3)
X = np.vstack([rng.normal(0, 1, (100, 2)), rng.normal(0, 1, (100, 2)) * 0.3])
X[:100] *= 2.5
y = np.r_[np.ones(100), np.zeros(100)].reshape(-1, 1)

net = [Dense(2, 16, rng), ReLU(), Dense(16, 1, rng), Sigmoid()]
for epoch in range(1000):
    out = X
    for layer in net:
        out = layer.forward(out)
    loss = np.mean((out - y) ** 2)
    grad = 2 * (out - y) / len(X)
    for layer in reversed(net):
        grad = layer.backward(grad, 1.0)
    if epoch % 250 == 0:
        print(epoch, round(loss, 4), np.mean((out > 0.5) == y))
