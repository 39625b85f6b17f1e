import numpy as np

np.random.seed(12)

# 1-d regression: learn y = sin(3x + 1) from noisy samples
X = np.random.uniform(-2, 2, (256, 1))
y = np.sin(3 * X + 1) + 0.1 * np.random.randn(256, 1)


class RegressionMLP:
    def __init__(self, hidden=24, lr=0.05):
        self.W1 = np.random.randn(1, hidden)
        self.b1 = np.zeros((1, hidden))
        self.W2 = np.random.randn(hidden, 1) / np.sqrt(hidden)
        self.b2 = np.zeros((1, 1))
        self.lr = lr

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.h = np.tanh(self.z1)
        return self.h @ self.W2 + self.b2

    def train(self, X, y, epochs=4000):
        n = len(X)
        for epoch in range(epochs):
            pred = self.forward(X)
            err = pred - y
            loss = np.mean(err ** 2)

            d_out = 2 * err / n
            dW2 = self.h.T @ d_out
            db2 = d_out.sum(axis=0, keepdims=True)
            d_hidden = (d_out @ self.W2.T) * (1 - self.h ** 2)
            dW1 = X.T @ d_hidden
            db1 = d_hidden.sum(axis=0, keepdims=True)

            self.W1 -= self.lr * dW1
            self.b1 -= self.lr * db1
            self.W2 -= self.lr * dW2
            self.b2 -= self.lr * db2

            if epoch % 800 == 0:
                print(f"epoch {epoch}: mse = {loss:.4f}")
        return loss


model = RegressionMLP()
final = model.train(X, y)
print("final mse:", round(final, 4))
test = np.array([[-1.5], [-0.75], [0.0], [0.75], [1.5]])
print("pred:", model.forward(test).ravel().round(2))
print("true:", np.sin(3 * test + 1).ravel().round(2))
