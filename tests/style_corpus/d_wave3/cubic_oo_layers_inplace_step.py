# Noisy cubic y = x^3 - x, fitted by Dense layers that update themselves inside backward().
import numpy as np

np.random.seed(8)


class Dense:
    def __init__(self, n_in, n_out, lr):
        self.W = np.random.randn(n_in, n_out) / np.sqrt(n_in)
        self.b = np.zeros(n_out)
        self.lr = lr

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        # the gradient for the previous layer must use the weights of the forward pass
        grad_x = grad @ self.W.T
        self.W -= self.lr * (self.x.T @ grad)
        self.b -= self.lr * grad.sum(axis=0)
        return grad_x


class ReLU:
    def forward(self, x):
        self.mask = x > 0
        return x * self.mask

    def backward(self, grad):
        return grad * self.mask


x = np.linspace(-1.5, 1.5, 150).reshape(-1, 1)
y = x ** 3 - x + np.random.normal(0, 0.05, x.shape)

layers = [Dense(1, 32, 0.1), ReLU(), Dense(32, 32, 0.1), ReLU(), Dense(32, 1, 0.1)]

for epoch in range(3000):
    out = x
    for layer in layers:
        out = layer.forward(out)
    loss = np.mean((out - y) ** 2)
    grad = 2 * (out - y) / len(x)
    for layer in layers[::-1]:
        grad = layer.backward(grad)
    if epoch % 600 == 0:
        print("epoch", epoch, "mse", round(float(loss), 5))

print("final mse", round(float(loss), 5), "(noise variance 0.0025)")
