import numpy as np

np.random.seed(3)

# noisy 1-d curve to fit: y = 2 sin(x) + 0.3 x
X = np.random.uniform(-3, 3, (400, 1))
y = 2 * np.sin(X) + 0.3 * X + 0.05 * np.random.randn(400, 1)


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    x[x <= 0] = 0
    x[x > 0] = 1
    return x


class MLP:
    def __init__(self, n_in=1, n_hidden=32, n_out=1, lr=0.01):
        self.W1 = np.random.randn(n_in, n_hidden)
        self.b1 = np.random.randn(1, n_hidden)
        self.W2 = np.random.randn(n_hidden, n_out) * 0.2
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    def forward(self, X):
        self.Z1 = X @ self.W1 + self.b1
        self.A1 = relu(self.Z1)
        self.out = self.A1 @ self.W2 + self.b2
        return self.out

    def backward(self, X, y):
        m = X.shape[0]
        # deltas first, then the gradients
        dZ2 = (self.out - y) / m
        dZ1 = (dZ2 @ self.W2.T) * relu_derivative(self.A1)
        dW2 = self.A1.T @ dZ2
        db2 = dZ2.sum(axis=0, keepdims=True)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0, keepdims=True)
        for param, grad in ((self.W1, dW1), (self.b1, db1), (self.W2, dW2), (self.b2, db2)):
            param -= self.lr * grad

    def fit(self, X, y, epochs=100, batch_size=20):
        for epoch in range(epochs):
            order = np.random.permutation(len(X))
            for start in range(0, len(X), batch_size):
                batch = order[start:start + batch_size]
                self.forward(X[batch])
                self.backward(X[batch], y[batch])
            if epoch % 20 == 0:
                print(f"epoch {epoch:3d}  mse {np.mean((self.forward(X) - y) ** 2):.4f}")


model = MLP()
model.fit(X, y)
print("final mse:", np.mean((model.forward(X) - y) ** 2))
grid = np.linspace(-3, 3, 7).reshape(-1, 1)
print(np.c_[grid, model.forward(grid), 2 * np.sin(grid) + 0.3 * grid].round(2))
