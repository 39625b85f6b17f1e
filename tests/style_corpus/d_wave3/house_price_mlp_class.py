"""Small MLP that predicts house prices (in thousands of dollars) from size and age."""
import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, n_out, lr=0.01, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0, 1 / np.sqrt(n_in), (n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, n_out))
        self.b2 = np.zeros(n_out)
        self.lr = lr

    def forward(self, X):
        self.X = X
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.out = np.tanh(self.h @ self.W2 + self.b2)
        return self.out

    def backward(self, y):
        n = y.shape[0]
        err = self.out - y
        d_out = err * (1 - self.out ** 2)
        d_h = (d_out @ self.W2.T) * (1 - self.h ** 2)
        self.W2 -= self.lr * self.h.T @ d_out / n
        self.b2 -= self.lr * d_out.mean(axis=0)
        self.W1 -= self.lr * self.X.T @ d_h / n
        self.b1 -= self.lr * d_h.mean(axis=0)
        return np.mean(err ** 2)

    def train(self, X, y, epochs):
        for epoch in range(epochs):
            self.forward(X)
            mse = self.backward(y)
            if epoch % 500 == 0:
                print(f"epoch {epoch:5d}  mse {mse:.2f}")
        return mse

    def predict(self, X):
        return self.forward(X)


rng = np.random.default_rng(42)
n = 300
size_sqft = rng.uniform(600, 3500, n)
age_years = rng.uniform(0, 80, n)
price = 50 + 0.15 * size_sqft - 0.8 * age_years + rng.normal(0, 20, n)   # $1000s
X_raw = np.column_stack([size_sqft, age_years])
y = price.reshape(-1, 1)

# standardise the features
X = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)

net = MLP(2, 16, 1, lr=0.05)
net.train(X, y, 3000)
pred = net.predict(X)
print("first five predictions:", np.round(pred[:5].ravel(), 1))
print("first five prices:     ", np.round(y[:5].ravel(), 1))
print("mean absolute error ($1000s):", np.mean(np.abs(pred - y)))
