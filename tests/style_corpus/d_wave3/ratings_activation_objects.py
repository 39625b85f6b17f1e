# Predict a restaurant's star rating (1 to 5) from three review statistics.
# Activations are objects so the layers can use any of them.
import numpy as np

np.random.seed(7)


class ReLU:
    def __call__(self, z):
        return np.maximum(0, z)

    def derivative(self, z):
        return (z > 0).astype(float)


class Sigmoid:
    def __call__(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def derivative(self, z):
        s = self(z)
        return s * (1 - s)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        return self.activation(self.z)

    def backward(self, grad, lr):
        grad = grad * self.activation.derivative(self.z)
        dW = self.x.T @ grad / len(self.x)
        db = grad.mean(axis=0, keepdims=True)
        grad_x = grad @ self.W.T
        self.W -= lr * dW
        self.b -= lr * db
        return grad_x


# features: food score, service score, price level (all roughly 0..1)
N = 400
features = np.random.rand(N, 3)
stars = 1 + 2.5 * features[:, 0] + 1.5 * features[:, 1] - 0.5 * features[:, 2]
stars = np.clip(np.round(stars + np.random.normal(0, 0.2, N)), 1, 5).reshape(-1, 1)
print("ratings seen:", np.unique(stars))

layers = [Layer(3, 10, ReLU()), Layer(10, 1, Sigmoid())]

for epoch in range(2001):
    out = features
    for layer in layers:
        out = layer.forward(out)
    loss = np.mean((out - stars) ** 2)
    grad = 2 * (out - stars)
    for layer in reversed(layers):
        grad = layer.backward(grad, lr=0.1)
    if epoch % 400 == 0:
        print("epoch", epoch, "mse", round(float(loss), 4))

rounded = np.clip(np.round(out), 1, 5)
print("predicted:", out[:6].ravel().round(2))
print("exact star accuracy:", np.mean(rounded == stars))
