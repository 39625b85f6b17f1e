import numpy as np

rng = np.random.default_rng(10)

# moons, 400 points
n = 400
t = rng.uniform(0, np.pi, n)
lower = rng.random(n) < 0.5
X = np.c_[np.where(lower, 1 - np.cos(t), np.cos(t)), np.where(lower, 0.5 - np.sin(t), np.sin(t))]
X += rng.normal(0, 0.12, X.shape)
y = lower.astype(float)[:, None]


class ReLU:
    def __call__(self, z):
        return np.maximum(0, z)

    def derivative(self, a):
        # a = relu(z): a > 0 exactly where z > 0
        return (a > 0).astype(float)


class Sigmoid:
    def __call__(self, z):
        return 1 / (1 + np.exp(-z))

    def derivative(self, a):
        # a = sigmoid(z)
        return a * (1 - a)


class Layer:
    def __init__(self, n_in, n_out, act):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.act = act

    def forward(self, x):
        self.x = x
        self.a = self.act(x @ self.W + self.b)
        return self.a

    def backward(self, grad_a, lr):
        grad_z = grad_a * self.act.derivative(self.a)
        grad_x = grad_z @ self.W.T
        self.W -= lr * self.x.T @ grad_z
        self.b -= lr * grad_z.sum(axis=0, keepdims=True)
        return grad_x


net = [Layer(2, 24, ReLU()), Layer(24, 24, ReLU()), Layer(24, 1, Sigmoid())]
for epoch in range(1500):
    out = X
    for layer in net:
        out = layer.forward(out)
    grad = 2 * (out - y) / n            # mean squared error
    for layer in reversed(net):
        grad = layer.backward(grad, lr=0.5)
    if epoch % 300 == 0:
        print(f"epoch {epoch:4d}  mse {np.mean((out - y) ** 2):.4f}  acc {np.mean((out > 0.5) == y):.3f}")
print("final accuracy:", np.mean((out > 0.5) == y))
