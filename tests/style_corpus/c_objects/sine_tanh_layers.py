"""Fit y = sin(x) on [-pi, pi] with a small layered network (tanh hidden, linear output)."""
import numpy as np

rng = np.random.default_rng(21)

x = np.linspace(-np.pi, np.pi, 200).reshape(-1, 1)
y = np.sin(x) + 0.05 * rng.standard_normal(x.shape)
x_in = x / np.pi  # keep the inputs in [-1, 1]


class Linear:
    def __init__(self, fan_in, fan_out):
        limit = np.sqrt(6 / (fan_in + fan_out))
        self.weight = rng.uniform(-limit, limit, (fan_in, fan_out))
        self.bias = np.zeros((1, fan_out))

    def forward(self, inp):
        self.inp = inp
        return inp @ self.weight + self.bias

    def backward(self, grad_out):
        self.grad_weight = self.inp.T @ grad_out
        self.grad_bias = grad_out.sum(axis=0, keepdims=True)
        return grad_out @ self.weight.T


class Tanh:
    def forward(self, inp):
        self.inp = inp
        return np.tanh(inp)

    def backward(self, grad_out):
        # derivative of tanh is 1 - tanh^2
        return grad_out * (1 - self.inp ** 2)


class SGD:
    def __init__(self, layers, lr):
        self.layers = [l for l in layers if isinstance(l, Linear)]
        self.lr = lr

    def step(self):
        for layer in self.layers:
            layer.weight -= self.lr * layer.grad_weight
            layer.bias -= self.lr * layer.grad_bias


layers = [Linear(1, 20), Tanh(), Linear(20, 20), Tanh(), Linear(20, 1)]
opt = SGD(layers, lr=0.05)

for step in range(3000):
    h = x_in
    for layer in layers:
        h = layer.forward(h)
    mse = np.mean((h - y) ** 2)

    g = 2 * (h - y) / len(x_in)
    for layer in reversed(layers):
        g = layer.backward(g)
    opt.step()

    if step % 500 == 0 or step == 2999:
        print(f"step {step:4d}  mse {mse:.5f}")

print("prediction at x=pi/2:", h[np.argmin(np.abs(x - np.pi / 2))][0], "(true 1.0)")
