import numpy as np

np.random.seed(0)


def make_moons(n_samples=300, noise=0.2):
    n = n_samples // 2
    angles = np.linspace(0, np.pi, n)
    top = np.stack([np.cos(angles), np.sin(angles)], 1)
    bottom = np.stack([1 - np.cos(angles), 0.5 - np.sin(angles)], 1)
    X = np.concatenate([top, bottom]) + noise * np.random.randn(2 * n, 2)
    y = np.concatenate([np.zeros(n), np.ones(n)])
    return X, y.reshape(-1, 1)


class FullyConnected:
    def __init__(self, n_in, n_out):
        self.params = {"W": np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in),
                       "b": np.zeros((1, n_out))}
        self.grads = {}

    def forward(self, X):
        self.X = X
        return X @ self.params["W"] + self.params["b"]

    def backward(self, dout):
        self.grads["W"] = self.X.T @ dout
        self.grads["b"] = np.sum(dout, axis=0, keepdims=True)
        return dout @ self.params["W"].T


class ReLU:
    params, grads = {}, {}

    def forward(self, X):
        self.X = X
        return np.maximum(0, X)

    def backward(self, dout):
        return dout * (self.X > 0)


class Sigmoid:
    params, grads = {}, {}

    def forward(self, X):
        self.out = 1 / (1 + np.exp(-X))
        return self.out

    def backward(self, dout):
        return dout * self.out * (1 - self.out)


class SGD:
    def __init__(self, lr=0.1):
        self.lr = lr

    def step(self, layers):
        for layer in layers:
            for key in layer.params:
                layer.params[key] += self.lr * layer.grads[key]


X, y = make_moons()
model = [FullyConnected(2, 32), ReLU(), FullyConnected(32, 32), ReLU(), FullyConnected(32, 1)]
head = Sigmoid()
opt = SGD(lr=0.5)

for epoch in range(1001):
    logits = X
    for layer in model:
        logits = layer.forward(logits)
    probs = head.forward(logits)
    eps = 1e-7
    loss = -np.mean(y * np.log(probs + eps) + (1 - y) * np.log(1 - probs + eps))

    # dL/dlogits for sigmoid + binary cross entropy
    grad = (probs - y) / len(X)
    for layer in reversed(model):
        grad = layer.backward(grad)
    opt.step(model)

    if epoch % 200 == 0:
        print(f"{epoch:5d} | loss {loss:.4f} | acc {np.mean((probs > 0.5) == y):.3f}")
