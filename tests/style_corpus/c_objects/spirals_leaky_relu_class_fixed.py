import numpy as np

np.random.seed(8)


def make_spirals(n=300):
    # two interleaved spirals, one per class
    m = n // 2
    t = np.sqrt(np.random.rand(m)) * 3 * np.pi
    arm = np.stack([t * np.cos(t), t * np.sin(t)], axis=1) / (3 * np.pi)
    X = np.vstack([arm, -arm]) + 0.03 * np.random.randn(n, 2)
    y = np.concatenate([np.zeros(m), np.ones(m)])[:, None]
    return X, y


class MLP:
    """2 -> hidden -> 1, leaky relu hidden layer and sigmoid output"""

    def __init__(self, n_input, n_hidden, lr=0.5, alpha=0.01):
        self.W1 = np.random.randn(n_input, n_hidden) * np.sqrt(2 / n_input)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, 1) * np.sqrt(1 / n_hidden)
        self.b2 = np.zeros((1, 1))
        self.lr = lr
        self.alpha = alpha

    def activation(self, x):
        # used to be sigmoid, now leaky relu
        return np.where(x > 0, x, self.alpha * x)

    def activation_prime(self, x):
        return np.where(x > 0, 1.0, self.alpha)

    def sigmoid(self, x):
        return 1.0 / (1.0 + np.exp(-x))

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.activation(self.z1)
        self.out = self.sigmoid(self.a1 @ self.W2 + self.b2)
        return self.out

    def train_step(self, X, y):
        out = self.forward(X)
        n = len(X)
        # binary cross entropy with sigmoid -> (out - y)
        d2 = (out - y) / n
        d1 = (d2 @ self.W2.T) * self.activation_prime(self.a1)
        self.W2 -= self.lr * self.a1.T @ d2
        self.b2 -= self.lr * d2.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d1
        self.b1 -= self.lr * d1.sum(axis=0, keepdims=True)
        return -np.mean(y * np.log(out + 1e-8) + (1 - y) * np.log(1 - out + 1e-8))


X, y = make_spirals()
net = MLP(2, 32)
for epoch in range(3000):
    loss = net.train_step(X, y)
    if epoch % 500 == 0:
        acc = ((net.out > 0.5) == y).mean()
        print(f"epoch {epoch}: loss={loss:.4f} acc={acc:.3f}")

print("final accuracy:", ((net.forward(X) > 0.5) == y).mean())
