import numpy as np

rng = np.random.default_rng(8)

# synthetic "house prices": size (m2), rooms, age (years), distance to centre (km)
n = 500
size = rng.uniform(40, 220, n)
rooms = np.round(size / 30 + rng.normal(0, 0.7, n)).clip(1, 8)
age = rng.uniform(0, 80, n)
dist = rng.exponential(6, n)
price = 1800 * size + 9000 * rooms - 600 * age - 4000 * dist + 50000 + rng.normal(0, 15000, n)

X_raw = np.column_stack([size, rooms, age, dist])
X = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)
y = (price / 1000).reshape(-1, 1)  # in thousands


class PriceNet:
    def __init__(self, n_features, n_hidden=16, lr=0.003):
        self.W1 = rng.normal(0, np.sqrt(2 / n_features), (n_features, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, 1))
        self.b2 = np.full((1, 1), y.mean())
        self.lr = lr

    def forward(self, X):
        self.Z1 = X @ self.W1 + self.b1
        self.A1 = np.maximum(self.Z1, 0)
        return self.A1 @ self.W2 + self.b2

    def backward(self, X, y, pred):
        n = len(X)
        dpred = 2 * (pred - y) / n
        dW2 = self.A1.T @ dpred
        db2 = dpred.sum(axis=0, keepdims=True)
        dZ1 = dpred @ self.W2.T * (self.Z1 > 0)
        dW1 = X.T @ dZ1
        db1 = dZ1.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2

    def fit(self, X, y, epochs=2000):
        for epoch in range(epochs):
            pred = self.forward(X)
            self.backward(X, y, pred)
            if epoch % 400 == 0:
                error = np.mean(y - pred)
                print(f"epoch {epoch:4d}   average error: {error:8.3f} k$")


net = PriceNet(X.shape[1])
net.fit(X, y)
pred = net.forward(X)
print("RMSE (k$):", np.sqrt(np.mean((pred - y) ** 2)))
print("first 5 predictions:", pred[:5].ravel().round(1))
print("first 5 true prices:", y[:5].ravel().round(1))
