import numpy as np

np.random.seed(12)

# half moons
n = 300
angles = np.random.uniform(0, np.pi, n)
which = np.arange(n) % 2
X = np.stack([np.where(which == 0, np.cos(angles), 1 - np.cos(angles)),
              np.where(which == 0, np.sin(angles), 0.5 - np.sin(angles))], axis=1)
X = X + np.random.normal(0, 0.1, X.shape)
y = which.reshape(-1, 1).astype(float)


class Dense:
    def __init__(self, n_in, n_out, init="random"):
        if init == "zeros":
            # the last layer may start at zero: the hidden units below are already different
            self.W = np.zeros((n_in, n_out))
        else:
            self.W = np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        grad_in = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0, keepdims=True)
        return grad_in


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad, lr):
        return grad * (1 - self.y ** 2)


layers = [Dense(2, 16), Tanh(), Dense(16, 16), Tanh(), Dense(16, 1, init="zeros")]

for epoch in range(1201):
    logits = X
    for layer in layers:
        logits = layer.forward(logits)
    p = 1 / (1 + np.exp(-logits))
    loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
    grad = (p - y) / n
    for layer in reversed(layers):
        grad = layer.backward(grad, lr=0.5)
    if epoch % 300 == 0:
        print(f"epoch {epoch:4d}  loss {loss:.4f}  acc {np.mean((p > 0.5) == y):.3f}")
