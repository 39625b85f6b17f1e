import numpy as np


class Linear:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.normal(0, np.sqrt(2.0 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g):
        self.gW = self.x.T @ g
        self.gb = g.sum(axis=0, keepdims=True)
        return g @ self.W.T

    def step(self, lr):
        self.W -= lr * self.gW
        self.b -= lr * self.gb


class ReLU:
    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, g):
        return g * self.mask

    def step(self, lr):
        pass


class SoftmaxCE:
    def forward(self, logits, labels):
        z = logits - logits.max(axis=1, keepdims=True)
        self.p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        self.labels = labels
        return -np.mean(np.log(self.p[np.arange(len(labels)), labels] + 1e-12))

    def backward(self):
        g = self.p.copy()
        g[np.arange(len(self.labels)), self.labels] -= 1
        return g / len(self.labels)


rng = np.random.default_rng(5)
per_class, classes = 100, 3
X = np.zeros((per_class * classes, 2))
y = np.zeros(per_class * classes, dtype=int)
for c in range(classes):
    r = rng.uniform(0.1, 1, per_class)
    theta = 2.5 * np.pi * r + c * 2 * np.pi / classes + rng.normal(0, 0.1, per_class)
    X[c * per_class:(c + 1) * per_class] = np.c_[r * np.cos(theta), r * np.sin(theta)]
    y[c * per_class:(c + 1) * per_class] = c

layers = [Linear(2, 64, rng), ReLU(), Linear(64, 64, rng), ReLU(), Linear(64, 3, rng)]
criterion = SoftmaxCE()

for epoch in range(150):
    X_shuf = X[rng.permutation(len(X))]
    y_shuf = y[rng.permutation(len(y))]
    for start in range(0, len(X), 30):
        out = X_shuf[start:start + 30]
        for layer in layers:
            out = layer.forward(out)
        loss = criterion.forward(out, y_shuf[start:start + 30])
        g = criterion.backward()
        for layer in reversed(layers):
            g = layer.backward(g)
        for layer in layers:
            layer.step(0.2)
    if epoch % 30 == 0 or epoch == 149:
        out = X
        for layer in layers:
            out = layer.forward(out)
        full_loss = criterion.forward(out, y)
        print(f"epoch {epoch:3d}  loss {full_loss:.4f}  accuracy {np.mean(out.argmax(axis=1) == y):.3f}")
