"""Battery voltage as a function of the state of charge (0..1), learned by a small net.

The discharge curve is flat in the middle and drops near empty; the voltage is ~3.0 V
when empty and ~4.2 V when full.
"""
import numpy as np

np.random.seed(12)


class ReLU:
    def __call__(self, x):
        return np.maximum(0.0, x)

    def gradient(self, x):
        return (x > 0).astype(float)


class Linear:
    def __call__(self, x):
        return x

    def gradient(self, x):
        return np.ones_like(x)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)

    def backward(self, grad):
        grad = grad * self.activation.gradient(self.z)
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0, keepdims=True)
        return grad @ self.W.T

    def update(self, lr):
        self.W -= lr * self.dW
        self.b -= lr * self.db


soc = np.random.uniform(0, 1, (300, 1))
volts = 3.0 + 0.9 * soc + 0.3 * (1 - np.exp(-12 * soc)) + np.random.normal(0, 0.01, soc.shape)

net = [Layer(1, 32, ReLU()), Layer(32, 1, Linear())]
lr = 0.1

for epoch in range(3000):
    out = soc
    for layer in net:
        out = layer.forward(out)
    mse = np.mean((out - volts) ** 2)
    grad = 2 * (out - volts) / len(soc)
    for layer in reversed(net):
        grad = layer.backward(grad)
    for layer in net:
        layer.update(lr)
    if epoch % 600 == 0:
        print(f"epoch {epoch:4d}  mse {mse:.5f}")

print(f"final mse {mse:.5f}")
test = np.array([[0.0], [0.1], [0.5], [1.0]])
for layer in net:
    test = layer.forward(test)
print("predicted volts at 0%, 10%, 50%, 100%:", test.ravel().round(3))
