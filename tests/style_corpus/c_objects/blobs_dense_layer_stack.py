import numpy as np

np.random.seed(17)

# binary classification: two overlapping gaussian clouds, split into train / test
n = 300
X = np.r_[np.random.randn(n // 2, 2) * 1.1 + [1.2, 1.2], np.random.randn(n // 2, 2) * 1.1 - [1.2, 1.2]]
y = np.r_[np.ones((n // 2, 1)), np.zeros((n // 2, 1))]
idx = np.random.permutation(n)
X, y = X[idx], y[idx]
X_train, y_train = X[:200], y[:200]
X_test, y_test = X[200:], y[200:]

BATCH = len(X_train)


class Dense:
    def __init__(self, n_in, n_out):
        self.weights = np.random.randn(n_in, n_out) * 0.3
        self.bias = np.zeros((BATCH, n_out))

    def forward(self, inputs):
        self.inputs = inputs
        return inputs @ self.weights + self.bias

    def backward(self, grad, lr):
        grad_in = grad @ self.weights.T
        self.weights -= lr * self.inputs.T @ grad
        self.bias -= lr * grad
        return grad_in


class Tanh:
    def forward(self, inputs):
        self.out = np.tanh(inputs)
        return self.out

    def backward(self, grad, lr):
        return grad * (1 - self.out ** 2)


class Sigmoid:
    def forward(self, inputs):
        self.out = 1 / (1 + np.exp(-inputs))
        return self.out

    def backward(self, grad, lr):
        return grad * self.out * (1 - self.out)


stack = [Dense(2, 12), Tanh(), Dense(12, 1), Sigmoid()]


def run(x):
    for layer in stack:
        x = layer.forward(x)
    return x


for epoch in range(1000):
    out = run(X_train)
    loss = np.mean((out - y_train) ** 2)
    grad = 2 * (out - y_train) / len(X_train)
    for layer in reversed(stack):
        grad = layer.backward(grad, lr=0.5)
    if epoch % 200 == 0:
        print(f"epoch {epoch} mse {loss:.4f} train acc {np.mean((out > 0.5) == y_train):.3f}")

print("train accuracy:", np.mean((run(X_train) > 0.5) == y_train))
print("test accuracy:", np.mean((run(X_test) > 0.5) == y_test))
