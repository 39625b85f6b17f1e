import numpy as np

np.random.seed(1)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        # accumulate, so several backward calls can add up before a step
        self.dW += self.x.T @ grad
        self.db += grad.sum(axis=0, keepdims=True)
        return grad @ self.W.T

    def zero_grad(self):
        self.dW[:] = 0.0
        self.db[:] = 0.0

    def step(self, lr):
        self.W -= lr * self.dW
        self.b -= lr * self.db


class Tanh:
    def forward(self, x):
        self.t = np.tanh(x)
        return self.t

    def backward(self, grad):
        return grad * (1.0 - self.t ** 2)

    def zero_grad(self):
        pass

    def step(self, lr):
        pass


x = np.random.uniform(-np.pi, np.pi, (256, 1))
y = np.sin(x) + np.random.normal(0, 0.1, x.shape)

model = [Dense(1, 20), Tanh(), Dense(20, 1)]
lr = 0.05
batch_size = 32

for epoch in range(200):
    order = np.random.permutation(len(x))
    for i in range(0, len(x), batch_size):
        xb, yb = x[order[i:i + batch_size]], y[order[i:i + batch_size]]
        for layer in model:
            layer.zero_grad()
        out = xb
        for layer in model:
            out = layer.forward(out)
        grad = 2 * (out - yb) / len(xb)
        for layer in reversed(model):
            grad = layer.backward(grad)
        for layer in model:
            layer.step(lr)
    if epoch % 40 == 0 or epoch == 199:
        pred = x
        for layer in model:
            pred = layer.forward(pred)
        print("epoch %3d  mse %.4f" % (epoch, np.mean((pred - y) ** 2)))
