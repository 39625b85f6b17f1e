import numpy as np

rng = np.random.default_rng(2024)

# 5 gaussian blobs on a circle, one class each
n_classes, per_class = 5, 60
angles = 2 * np.pi * np.arange(n_classes) / n_classes
centers = 2.0 * np.c_[np.cos(angles), np.sin(angles)]
X = np.concatenate([c + 0.6 * rng.standard_normal((per_class, 2)) for c in centers])
y = np.repeat(np.arange(n_classes), per_class)


class Linear:
    def __init__(self, n_in, n_out):
        self.W = rng.standard_normal((n_in, n_out)) * np.sqrt(2 / n_in)
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0)
        return grad @ self.W.T


class ReLU:
    def forward(self, x):
        self.x = x
        return np.maximum(x, 0)

    def backward(self, grad):
        # only let positive signals through, like in the forward pass
        return np.where(grad > 0, grad, 0)


class SoftmaxCrossEntropy:
    def forward(self, logits, labels):
        logits = logits - logits.max(axis=1, keepdims=True)
        self.p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        self.labels = labels
        return -np.mean(np.log(self.p[np.arange(len(labels)), labels] + 1e-12))

    def backward(self):
        g = self.p.copy()
        g[np.arange(len(self.labels)), self.labels] -= 1
        return g / len(self.labels)


class Model:
    def __init__(self, sizes):
        self.layers = []
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            self.layers.append(Linear(a, b))
            if i < len(sizes) - 2:
                self.layers.append(ReLU())
        self.criterion = SoftmaxCrossEntropy()

    def __call__(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def train_step(self, x, labels, lr):
        loss = self.criterion.forward(self(x), labels)
        grad = self.criterion.backward()
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        for layer in self.layers:
            if isinstance(layer, Linear):
                layer.W -= lr * layer.dW
                layer.b -= lr * layer.db
        return loss


model = Model([2, 32, 32, n_classes])
for step in range(1500):
    loss = model.train_step(X, y, lr=0.1)
    if step % 300 == 0:
        print(f"step {step:4d}  loss {loss:.4f}  acc {np.mean(model(X).argmax(axis=1) == y):.3f}")
print("final accuracy:", np.mean(model(X).argmax(axis=1) == y))
