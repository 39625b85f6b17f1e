import numpy as np


class Linear:
    def __init__(self, fan_in, fan_out, rng):
        self.weight = rng.normal(0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
        self.bias = np.zeros(fan_out)

    def forward(self, inp):
        self.inp = inp
        return inp @ self.weight + self.bias

    def backward(self, grad_out):
        self.grad_weight = self.inp.T @ grad_out
        self.grad_bias = grad_out.sum(axis=0)
        return grad_out @ self.weight.T

    def step(self, lr):
        self.weight -= lr * self.grad_weight
        self.bias -= lr * self.grad_bias


class ReLU:
    def forward(self, inp):
        self.mask = inp > 0
        return inp * self.mask

    def backward(self, grad_out):
        return grad_out * self.mask

    def step(self, lr):
        pass


rng = np.random.default_rng(22)
x = np.linspace(-3, 3, 256).reshape(-1, 1)
target = np.sin(x) + 0.3 * x + rng.normal(0, 0.05, x.shape)

model = [Linear(1, 32, rng), ReLU(), Linear(32, 32, rng), ReLU(), Linear(32, 1, rng)]
for epoch in range(600):
    out = x
    for layer in model:
        out = layer.forward(out)
    loss = np.mean((out - target) ** 2)
    grad = 2 * (out - target) / len(x)
    for layer in reversed(model):
        grad = layer.backward(grad)
    for layer in model:
        layer.step(0.01)
    if epoch % 150 == 0:
        print(epoch, round(loss, 4))
print("final mse", loss)
