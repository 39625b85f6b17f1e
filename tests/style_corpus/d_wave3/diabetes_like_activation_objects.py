"""Binary classifier with pluggable activation objects.

Synthetic "diabetes" screening data: glucose, BMI and age (standardised), label 1 = positive.
"""
import numpy as np

np.random.seed(17)


class Sigmoid:
    def __call__(self, z):
        return 1 / (1 + np.exp(-z))

    def derivative(self, z):
        s = self(z)
        return s * (1 - s)


class LeakyReLU:
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def __call__(self, z):
        return np.where(z > 0, z, self.alpha * z)

    def derivative(self, z):
        return np.where(z > 0, 1.0, self.alpha)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, a_prev):
        self.a_prev = a_prev
        self.z = a_prev @ self.W + self.b
        return self.activation(self.z)

    def backward(self, dA):
        dZ = dA * self.activation.derivative(self.z)
        self.dW = self.a_prev.T @ dZ / len(dZ)
        self.db = dZ.mean(axis=0, keepdims=True)
        return dZ @ self.W.T


def binary_cross_entropy(p, y):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


n = 500
glucose = np.random.normal(110, 25, n)
bmi = np.random.normal(28, 5, n)
age = np.random.uniform(20, 75, n)
risk = 0.06 * (glucose - 110) + 0.15 * (bmi - 28) + 0.03 * (age - 45) + np.random.normal(0, 0.1, n)
y = (risk > 1.0).astype(float).reshape(-1, 1)
X = np.column_stack([glucose, bmi, age])
X = (X - X.mean(axis=0)) / X.std(axis=0)
print("positives:", int(y.sum()), "/", n)

layers = [Layer(3, 16, LeakyReLU()), Layer(16, 8, LeakyReLU()), Layer(8, 1, Sigmoid())]
lr = 0.2

for epoch in range(1000):
    out = X
    for layer in layers:
        out = layer.forward(out)
    loss = binary_cross_entropy(out, y)

    grad = out - y        # derivative of the cross-entropy
    for layer in reversed(layers):
        grad = layer.backward(grad)
    for layer in layers:
        layer.W -= lr * layer.dW
        layer.b -= lr * layer.db

    if epoch % 200 == 0:
        print("epoch %4d  bce %.4f" % (epoch, loss))

print("final bce %.4f  accuracy %.3f" % (loss, np.mean((out > 0.5) == y)))
