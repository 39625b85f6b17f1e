import numpy as np

rng = np.random.default_rng(5)

N = 300
angle = rng.uniform(0, np.pi, N)
side = rng.integers(0, 2, N)
X = np.where(side[:, None] == 0,
             np.c_[np.cos(angle), np.sin(angle)],
             np.c_[1 - np.cos(angle), 0.5 - np.sin(angle)]) + rng.normal(0, 0.15, (N, 2))
y = side.reshape(-1, 1).astype(float)


class Tanh:
    def __call__(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return 1.0 - np.tanh(x) ** 2


class ReLU:
    def __call__(self, x):
        return np.maximum(0.0, x)

    def derivative(self, x):
        return np.where(x > 0, 1.0, 0.0)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = rng.normal(0, np.sqrt(1 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)

    def backward(self, grad_a):
        grad_z = grad_a * self.activation.derivative(self.z)
        self.grad_W = self.x.T @ grad_z
        self.grad_b = grad_z.sum(axis=0, keepdims=True)
        return grad_z @ self.W.T


class Network:
    def __init__(self, layers, lr=0.1):
        self.layers = layers
        self.lr = lr

    def predict(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def train_step(self, x, t):
        out = self.predict(x)
        eps = 1e-9
        loss = -np.mean(t * np.log(out + eps) + (1 - t) * np.log(1 - out + eps))
        # derivative of the binary cross entropy w.r.t. the output
        grad = (-(t / (out + eps)) + (1 - t) / (1 - out + eps)) / len(x)
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        for layer in self.layers:
            layer.W -= self.lr * layer.grad_W
            layer.b -= self.lr * layer.grad_b
        return loss, out


net = Network([Layer(2, 16, ReLU()), Layer(16, 16, ReLU()), Layer(16, 1, Tanh())], lr=0.05)
for epoch in range(1000):
    loss, out = net.train_step(X, y)
    if epoch % 200 == 0:
        print(f"epoch {epoch}  loss {loss:.4f}  acc {np.mean((out > 0.5) == y):.3f}")
print("min output:", out.min(), " final accuracy:", np.mean((out > 0.5) == y))
