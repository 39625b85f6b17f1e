import numpy as np


class Activation:
    """Base class: subclasses give the function and its derivative w.r.t. the input."""

    def __call__(self, z):
        raise NotImplementedError

    def derivative(self, z):
        raise NotImplementedError


class Sigmoid(Activation):
    def __call__(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def derivative(self, z):
        s = self(z)
        return s * (1.0 - s)


class Tanh(Activation):
    def __call__(self, z):
        return np.tanh(z)

    def derivative(self, z):
        return 1.0 - np.tanh(z) ** 2


class ReLU(Activation):
    def __call__(self, z):
        return np.maximum(0.0, z)

    def derivative(self, z):
        return (z > 0).astype(float)


class LeakyReLU(Activation):
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def __call__(self, z):
        return np.where(z > 0, z, self.alpha * z)

    def derivative(self, z):
        return np.where(z > 0, 1.0, self.alpha)


ACTIVATIONS = {"sigmoid": Sigmoid, "tanh": Tanh, "relu": ReLU, "leaky_relu": LeakyReLU}


class Net:
    def __init__(self, n_in, n_hidden, activation="relu", lr=0.5, seed=0):
        rng = np.random.default_rng(seed)
        self.activation = ACTIVATIONS[activation]()
        self.output_activation = Sigmoid()
        self.W1 = rng.normal(0, 1, (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, 1))
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.activation(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        return self.output_activation(self.z2)

    def train(self, X, y, epochs=2000):
        for _ in range(epochs):
            p = self.forward(X)
            delta2 = (p - y) / len(X)  # sigmoid + cross-entropy
            delta1 = (delta2 @ self.W2.T) * self.activation.derivative(self.z1)
            self.W2 -= self.lr * self.a1.T @ delta2
            self.b2 -= self.lr * delta2.sum(axis=0, keepdims=True)
            self.W1 -= self.lr * X.T @ delta1
            self.b1 -= self.lr * delta1.sum(axis=0, keepdims=True)
        return self


# two noisy concentric circles
rng = np.random.default_rng(1)
n = 300
radius = np.r_[rng.normal(0.5, 0.08, n // 2), rng.normal(1.0, 0.08, n // 2)]
angle = rng.uniform(0, 2 * np.pi, n)
X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
y = np.r_[np.ones(n // 2), np.zeros(n // 2)].reshape(-1, 1)

for name in ACTIVATIONS:
    net = Net(2, 12, activation=name).train(X, y)
    p = np.clip(net.forward(X), 1e-9, 1 - 1e-9)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    print(f"{name:>10s}: loss {loss:.4f}  accuracy {np.mean((p > 0.5) == y):.3f}")
