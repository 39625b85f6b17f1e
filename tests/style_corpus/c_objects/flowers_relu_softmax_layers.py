import numpy as np

rng = np.random.default_rng(12)

# iris-like data: 3 species, 4 measurements (cm), 50 flowers each
means = np.array([[5.0, 3.4, 1.5, 0.25], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.5, 2.0]])
stds = np.array([[0.35, 0.38, 0.17, 0.1], [0.5, 0.3, 0.45, 0.2], [0.6, 0.3, 0.55, 0.27]])
X = np.vstack([rng.normal(m, s, (50, 4)) for m, s in zip(means, stds)])
species = np.repeat(np.arange(3), 50)

# shuffle once, hold out 30 flowers
order = rng.permutation(len(X))
X, species = X[order], species[order]
mu, sigma = X[:120].mean(axis=0), X[:120].std(axis=0)
X = (X - mu) / sigma
X_train, X_test = X[:120], X[120:]
y_train, y_test = species[:120], species[120:]


class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
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
        self.x = x
        return np.maximum(0.0, x)

    def backward(self, grad):
        return grad * (self.x > 0)


class SoftmaxCrossEntropy:
    def __call__(self, logits, labels):
        shifted = logits - logits.max(axis=1, keepdims=True)
        self.probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
        self.labels = labels
        rows = np.arange(len(labels))
        return -np.log(self.probs[rows, labels] + 1e-12).mean()

    def backward(self):
        grad = self.probs.copy()
        grad[np.arange(len(self.labels)), self.labels] -= 1.0
        return grad / len(self.labels)


layers = [Dense(4, 16), ReLU(), Dense(16, 3)]
criterion = SoftmaxCrossEntropy()


def logits_of(x):
    for layer in layers:
        x = layer.forward(x)
    return x


lr = 0.1
for epoch in range(501):
    loss = criterion(logits_of(X_train), y_train)
    grad = criterion.backward()
    for layer in reversed(layers):
        grad = layer.backward(grad)
    for layer in layers:
        if isinstance(layer, Dense):
            layer.W -= lr * layer.dW
            layer.b -= lr * layer.db
    if epoch % 100 == 0:
        train_acc = np.mean(criterion.probs.argmax(axis=1) == y_train)
        print(f"epoch {epoch:3d}  loss {loss:.4f}  train acc {train_acc:.3f}")

test_pred = logits_of(X_test).argmax(axis=1)
print("test accuracy:", np.mean(test_pred == y_test))
