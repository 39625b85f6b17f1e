import numpy as np

np.random.seed(4)

# ---- data: two moons ----
n = 400
t = np.random.rand(n // 2) * np.pi
moon_a = np.c_[np.cos(t), np.sin(t)]
moon_b = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
X = np.r_[moon_a, moon_b] + np.random.normal(scale=0.1, size=(n, 2))
y = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)
X = X - X.mean(axis=0)


# ---- activations ----
class Tanh:
    def forward(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return np.tanh(x)


class Sigmoid:
    def forward(self, x):
        return 1 / (1 + np.exp(-x))

    def derivative(self, x):
        s = self.forward(x)
        return s * (1 - s)


class Network:
    def __init__(self, sizes, hidden_activation, output_activation, lr=0.1):
        self.weights = [np.random.randn(a, b) / np.sqrt(a) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, b)) for b in sizes[1:]]
        self.acts = [hidden_activation] * (len(sizes) - 2) + [output_activation]
        self.lr = lr

    def forward(self, x):
        self.zs, self.activations = [], [x]
        for W, b, act in zip(self.weights, self.biases, self.acts):
            z = self.activations[-1] @ W + b
            self.zs.append(z)
            self.activations.append(act.forward(z))
        return self.activations[-1]

    def backward(self, y):
        m = len(y)
        # squared error, so the output delta carries the sigmoid derivative
        delta = (self.activations[-1] - y) * self.acts[-1].derivative(self.zs[-1])
        for i in reversed(range(len(self.weights))):
            gW = self.activations[i].T @ delta / m
            gb = delta.sum(axis=0, keepdims=True) / m
            if i > 0:
                delta = (delta @ self.weights[i].T) * self.acts[i - 1].derivative(self.zs[i - 1])
            self.weights[i] -= self.lr * gW
            self.biases[i] -= self.lr * gb

    def fit(self, X, y, epochs=100, batch_size=32):
        for epoch in range(epochs):
            order = np.random.permutation(len(X))
            for start in range(0, len(X), batch_size):
                idx = order[start:start + batch_size]
                self.forward(X[idx])
                self.backward(y[idx])
            if epoch % 20 == 0:
                p = self.forward(X)
                print(f"epoch {epoch:3d}  mse {np.mean((p - y) ** 2):.4f}  acc {np.mean((p > 0.5) == y):.3f}")


net = Network([2, 16, 16, 1], Tanh(), Sigmoid(), lr=0.5)
net.fit(X, y, epochs=200)
print("accuracy:", np.mean((net.forward(X) > 0.5) == y))
