import numpy as np

rng = np.random.default_rng(30)

# made-up housing table: living area (sq ft), bedrooms, year built, lot size (sq ft)
n = 400
area = rng.normal(1800, 500, n).clip(500, 4000)
bedrooms = rng.integers(1, 6, n)
year = rng.integers(1950, 2021, n)
lot = rng.normal(7000, 2000, n).clip(1500, 15000)
price = (120 * area + 15000 * bedrooms + 900 * (year - 1950) + 4 * lot
         + 20 * np.maximum(area - 2500, 0) ** 1.2 + rng.normal(0, 20000, n))

features = np.column_stack([area, bedrooms, year, lot])
X_mean, X_std = features.mean(axis=0), features.std(axis=0)
y_mean, y_std = price.mean(), price.std()
X = (features - X_mean) / X_std
y = ((price - y_mean) / y_std).reshape(-1, 1)


class Regressor:
    def __init__(self, n_features, hidden=(32, 16), lr=0.05):
        sizes = [n_features, *hidden, 1]
        self.Ws = [rng.normal(0, np.sqrt(2 / a), (a, b)) for a, b in zip(sizes[:-1], sizes[1:])]
        self.bs = [np.zeros((1, b)) for b in sizes[1:]]
        self.lr = lr

    def forward(self, X):
        self.inputs, self.pre = [], []
        a = X
        for i, (W, b) in enumerate(zip(self.Ws, self.bs)):
            self.inputs.append(a)
            z = a @ W + b
            self.pre.append(z)
            a = z if i == len(self.Ws) - 1 else np.maximum(z, 0)  # linear output
        return a

    def backward(self, pred, y):
        grad = 2 * (pred - y) / len(y)
        grads = []
        for i in reversed(range(len(self.Ws))):
            if i < len(self.Ws) - 1:
                grad = grad * (self.pre[i] > 0)
            grads.append((i, self.inputs[i].T @ grad, grad.sum(axis=0, keepdims=True)))
            grad = grad @ self.Ws[i].T
        for i, dW, db in grads:
            self.Ws[i] -= self.lr * dW
            self.bs[i] -= self.lr * db

    def fit(self, X, y, epochs=1500):
        for epoch in range(epochs):
            pred = self.forward(X)
            self.backward(pred, y)
            if epoch % 300 == 0:
                rmse = np.sqrt(np.mean((pred - y) ** 2)) * y_std
                print(f"epoch {epoch:4d}  RMSE ${rmse:,.0f}")


model = Regressor(X.shape[1])
model.fit(X, y)
pred_price = model.forward(X) * y_std + y_mean
print(f"final RMSE ${np.sqrt(np.mean((pred_price.ravel() - price) ** 2)):,.0f}  (price std ${y_std:,.0f})")
