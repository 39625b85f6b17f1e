import numpy as np

rng = np.random.default_rng(8)

# label = 1 when x and y have the same sign (an XOR pattern over the quadrants)
X = rng.uniform(-1, 1, (400, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)


class Linear:
    def __init__(self, n_in, n_out):
        self.params = {"W": rng.normal(0, np.sqrt(1 / n_in), (n_in, n_out)), "b": np.zeros((1, n_out))}
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}

    def forward(self, x):
        self.x = x
        return x @ self.params["W"] + self.params["b"]

    def backward(self, g):
        self.grads["W"] = self.x.T @ g
        self.grads["b"] = g.sum(axis=0, keepdims=True)
        return g @ self.params["W"].T


class Tanh:
    params, grads = {}, {}

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, g):
        return g * (1 - self.out ** 2)


class SGDMomentum:
    def __init__(self, layers, lr=0.1, momentum=0.9):
        self.layers = layers
        self.lr, self.momentum = lr, momentum
        self.velocity = [{k: np.zeros_like(v) for k, v in layer.params.items()} for layer in layers]

    def step(self):
        for layer, vel in zip(self.layers, self.velocity):
            for k in layer.params:
                vel[k] = self.momentum * vel[k] - self.lr * layer.grads[k]
                layer.params[k] += vel[k]


layers = [Linear(2, 16), Tanh(), Linear(16, 1)]
optimizer = SGDMomentum(layers, lr=0.1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(1000):
    logits = X
    for layer in layers:
        logits = layer.forward(logits)
    p = sigmoid(logits)
    pc = np.clip(p, 1e-9, 1 - 1e-9)
    loss = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))

    g = (p - y) / len(X)
    for layer in reversed(layers):
        g = layer.backward(g)
    optimizer.step()

    if epoch % 200 == 0 or epoch == 999:
        print(f"epoch {epoch:3d}: loss {loss:.4f}, accuracy {np.mean((p > 0.5) == y):.3f}")
