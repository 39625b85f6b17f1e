import numpy as np

rng = np.random.default_rng(0)

# 3 interleaved spiral arms
def make_spiral(per_class=120, classes=3, noise=0.15):
    X, y = [], []
    for k in range(classes):
        r = np.linspace(0.05, 1.0, per_class)
        phi = np.linspace(k * 2 * np.pi / classes, k * 2 * np.pi / classes + 3.5, per_class)
        phi = phi + noise * rng.standard_normal(per_class)
        X.append(np.c_[r * np.cos(phi), r * np.sin(phi)])
        y.append(np.full(per_class, k))
    return np.vstack(X), np.concatenate(y)


class ReLU:
    def __call__(self, z):
        return np.maximum(z, 0)

    def gradient(self, z):
        return (z > 0).astype(z.dtype)


class Softmax:
    def __call__(self, z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


class DenseLayer:
    def __init__(self, n_in, n_out, activation):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)


class Classifier:
    def __init__(self, n_in, n_hidden, n_classes):
        self.hidden1 = DenseLayer(n_in, n_hidden, ReLU())
        self.hidden2 = DenseLayer(n_hidden, n_hidden, ReLU())
        self.out = DenseLayer(n_hidden, n_classes, Softmax())
        self.n_classes = n_classes

    def forward(self, x):
        return self.out.forward(self.hidden2.forward(self.hidden1.forward(x)))

    def step(self, x, y, lr):
        p = self.forward(x)
        delta = (p - np.eye(self.n_classes)[y]) / len(x)      # softmax + cross-entropy
        grads = []
        for layer, below in ((self.out, self.hidden2), (self.hidden2, self.hidden1), (self.hidden1, None)):
            grads.append((layer, layer.x.T @ delta, delta.sum(axis=0, keepdims=True)))
            if below is not None:
                delta = (delta @ layer.W.T) * below.activation.gradient(below.z)
        for layer, dW, db in grads:
            layer.W -= lr * dW
            layer.b -= lr * db

    def fit(self, X, y, epochs=60, batch_size=32, lr=0.2):
        for epoch in range(epochs):
            order = rng.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                self.step(X[batch], y[batch], lr)
            if epoch % 15 == 0 or epoch == epochs - 1:
                p = self.forward(X)
                loss = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
                print(f"epoch {epoch:2d}: loss {loss:.4f}, accuracy {np.mean(p.argmax(axis=1) == y):.3f}")


X, y = make_spiral()
model = Classifier(2, 32, 3)
model.fit(X, y)
