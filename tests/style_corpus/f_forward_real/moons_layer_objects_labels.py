import numpy as np

rng = np.random.default_rng(3)


def make_moons(n, noise=0.15):
    t = rng.uniform(0, np.pi, n // 2)
    upper = np.c_[np.cos(t), np.sin(t)]
    lower = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    X = np.r_[upper, lower] + rng.normal(0, noise, (n, 2))
    y = np.r_[np.zeros(n // 2), np.ones(n // 2)]
    return X, y


class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        grad_x = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0, keepdims=True)
        return grad_x


class Tanh:
    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad, lr):
        return grad * (1 - self.out ** 2)


class Sigmoid:
    def forward(self, x):
        self.out = 1 / (1 + np.exp(-x))
        return self.out

    def backward(self, grad, lr):
        return grad


X, y = make_moons(400)
layers = [Dense(2, 16), Tanh(), Dense(16, 1), Sigmoid()]

for epoch in range(2000):
    out = X
    for layer in layers:
        out = layer.forward(out)
    p = np.clip(out, 1e-7, 1 - 1e-7)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    grad = (out - y) / len(X)
    for layer in reversed(layers):
        grad = layer.backward(grad, 0.5)
    if epoch % 500 == 0:
        print(epoch, round(float(loss), 4))

pred = (out > 0.5).astype(int).ravel()
print("accuracy", np.mean(pred == y))
