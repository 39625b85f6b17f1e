import numpy as np

rng = np.random.default_rng(17)

# learn the surface z = sin(x1) * cos(x2) from 600 noisy samples
X = rng.uniform(-2, 2, (600, 2))
z = (np.sin(X[:, 0]) * np.cos(X[:, 1]) + rng.normal(0, 0.03, 600)).reshape(-1, 1)


class LeakyReLU:
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def forward(self, x):
        return np.where(x >= 0, x, self.alpha * x)

    def backward(self, x):
        """derivative with respect to the pre-activation x"""
        return np.where(x >= 0, 1.0, self.alpha)


class Identity:
    def forward(self, x):
        return x

    def backward(self, x):
        return np.ones_like(x)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.act = activation

    def forward(self, a_prev):
        self.a_prev = a_prev
        self.z = a_prev @ self.W + self.b
        return self.act.forward(self.z)

    def backward(self, d_a):
        d_z = d_a * self.act.backward(self.z)
        self.dW = self.a_prev.T @ d_z
        self.db = d_z.sum(axis=0, keepdims=True)
        return d_z @ self.W.T


layers = [Layer(2, 32, LeakyReLU()), Layer(32, 32, LeakyReLU(alpha=0.05)), Layer(32, 1, Identity())]

lr, batch = 0.05, 50
for epoch in range(150):
    perm = rng.permutation(len(X))
    for i in range(0, len(X), batch):
        idx = perm[i:i + batch]
        out = X[idx]
        for layer in layers:
            out = layer.forward(out)
        grad = 2 * (out - z[idx]) / len(idx)
        for layer in reversed(layers):
            grad = layer.backward(grad)
        for layer in layers:
            layer.W -= lr * layer.dW
            layer.b -= lr * layer.db
    if epoch % 30 == 0 or epoch == 149:
        full = X
        for layer in layers:
            full = layer.forward(full)
        print(f"epoch {epoch:3d}  mse {np.mean((full - z) ** 2):.5f}")

print("variance of the target:", round(float(z.var()), 4))
