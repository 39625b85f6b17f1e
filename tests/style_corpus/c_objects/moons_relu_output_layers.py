import numpy as np

rng = np.random.default_rng(0)


def two_moons(n=200, noise=0.15):
    half = n // 2
    t = rng.uniform(0, np.pi, half)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.concatenate([np.zeros(half), np.ones(half)]).reshape(-1, 1)
    return X, y


class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
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
        self.mask = x > 0
        return x * self.mask

    def backward(self, grad):
        return grad * self.mask


X, y = two_moons()

# relu everywhere, output included
layers = [Dense(2, 16), ReLU(), Dense(16, 16), ReLU(), Dense(16, 1), ReLU()]
lr = 0.05

for epoch in range(1500):
    out = X
    for layer in layers:
        out = layer.forward(out)

    loss = np.mean((out - y) ** 2)
    grad = 2 * (out - y) / len(X)
    for layer in reversed(layers):
        grad = layer.backward(grad)

    for layer in layers:
        if isinstance(layer, Dense):
            layer.W -= lr * layer.dW
            layer.b -= lr * layer.db

    if epoch % 300 == 0:
        acc = np.mean((out > 0.5) == y)
        print(f"epoch {epoch}: loss {loss:.4f} acc {acc:.3f}")

print("output range:", out.min(), out.max())
print("final accuracy:", np.mean((out > 0.5) == y))
