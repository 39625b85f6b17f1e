# Fit y = sin(2x) on [-3, 3] with Linear / Tanh layer objects.
import numpy as np

rng = np.random.default_rng(0)


class Linear:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad_out, lr):
        dW = self.x.T @ grad_out
        db = grad_out.sum(axis=0, keepdims=True)
        # take the gradient step for this layer, then send the gradient back
        self.W -= lr * dW
        self.b -= lr * db
        return grad_out @ self.W.T


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad_out, lr):
        return grad_out * (1 - self.y ** 2)


X = rng.uniform(-3, 3, (200, 1))
y = np.sin(2 * X)

net = [Linear(1, 16), Tanh(), Linear(16, 16), Tanh(), Linear(16, 1)]
lr = 0.1

for step in range(3000):
    out = X
    for layer in net:
        out = layer.forward(out)
    mse = np.mean((out - y) ** 2)
    grad = 2 * (out - y) / len(X)
    for layer in reversed(net):
        grad = layer.backward(grad, lr)
    if step % 500 == 0:
        print(f"step {step:4d}  mse {mse:.5f}")

print(f"final mse {mse:.5f}")
