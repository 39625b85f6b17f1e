"""Two spirals with a 2-16-16-1 network; activations are passed to the layers as objects."""
import numpy as np

rng = np.random.default_rng(4)


class Tanh:
    def __call__(self, x):
        return np.tanh(x)

    def gradient(self, x):
        return 1.0 - np.tanh(x) ** 2


class Sigmoid:
    def __call__(self, x):
        return 1.0 / (1.0 + np.exp(-x))

    def gradient(self, x):
        s = self(x)
        return s * (1.0 - s)


class Dense:
    def __init__(self, fan_in, fan_out, activation):
        self.W = rng.normal(0.0, np.sqrt(1.0 / fan_in), (fan_in, fan_out))
        self.b = np.zeros((1, fan_out))
        self.act = activation

    def forward(self, inputs):
        self.inputs = inputs            # what this layer received
        self.z = inputs @ self.W + self.b
        return self.act(self.z)

    def backward(self, upstream):
        dz = upstream * self.act.gradient(self.z)
        self.dW = self.inputs.T @ dz
        self.db = dz.sum(axis=0, keepdims=True)
        return dz @ self.W.T


n = 200
t = np.sqrt(rng.uniform(0.05, 1, n)) * 3 * np.pi
arm = np.column_stack([t * np.cos(t), t * np.sin(t)]) / 10
X = np.vstack([arm, -arm]) + rng.normal(0, 0.03, (2 * n, 2))
y = np.r_[np.zeros(n), np.ones(n)].reshape(-1, 1)

net = [Dense(2, 16, Tanh()), Dense(16, 16, Tanh()), Dense(16, 1, Sigmoid())]
lr = 2.0

for epoch in range(2500):
    out = X
    for layer in net:
        out = layer.forward(out)
    p = np.clip(out, 1e-7, 1 - 1e-7)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    # d loss / d output for the mean log loss
    grad = (p - y) / (p * (1 - p)) / len(X)
    for layer in reversed(net):
        grad = layer.backward(grad)
    for layer in net:
        layer.W -= lr * layer.dW
        layer.b -= lr * layer.db
    if epoch % 500 == 0:
        print(f"epoch {epoch}: loss {loss:.4f}")

print(f"final loss {loss:.4f}, accuracy {np.mean((out > 0.5) == y):.3f}")
