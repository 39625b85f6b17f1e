import numpy as np

rng = np.random.default_rng(23)

# points above the curve y = 0.5 sin(3x) are class 1
X = rng.uniform(-1.5, 1.5, (500, 2))
labels = (X[:, 1] > 0.5 * np.sin(3 * X[:, 0])).astype(float).reshape(-1, 1)


class BinaryMLP:
    def __init__(self, n_features, n_hidden=20, lr=0.5):
        self.W1 = rng.normal(0, 1.0, (n_features, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.w2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = 0.0   # a single output unit: one number is enough
        self.lr = lr

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        return 1.0 / (1.0 + np.exp(-(self.h @ self.w2 + self.b2)))

    def train_batch(self, X, t):
        p = self.forward(X)
        delta2 = (p - t) / len(X)
        delta1 = delta2 @ self.w2.T * (1 - self.h ** 2)
        grad_w2 = self.h.T @ delta2
        grad_b2 = np.sum(delta2)                          # scalar, like b2
        grad_W1 = X.T @ delta1
        grad_b1 = np.sum(delta1, axis=0, keepdims=True)   # one per hidden unit
        self.w2 -= self.lr * grad_w2
        self.b2 -= self.lr * grad_b2
        self.W1 -= self.lr * grad_W1
        self.b1 -= self.lr * grad_b1


model = BinaryMLP(2)
for epoch in range(80):
    order = rng.permutation(len(X))
    for start in range(0, len(X), 25):
        idx = order[start:start + 25]
        model.train_batch(X[idx], labels[idx])
    if epoch % 20 == 0 or epoch == 79:
        p = np.clip(model.forward(X), 1e-9, 1 - 1e-9)
        loss = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))
        print(f"epoch {epoch:2d}: log loss {loss:.4f}, accuracy {np.mean((p > 0.5) == labels):.3f}, b2 = {model.b2:.3f}")
