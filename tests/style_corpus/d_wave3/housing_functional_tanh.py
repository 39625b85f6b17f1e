import numpy as np


def make_data(n, seed=0):
    rng = np.random.default_rng(seed)
    sqft = rng.uniform(500, 4000, n)
    year = rng.integers(1950, 2021, n).astype(float)
    rooms = rng.integers(1, 7, n).astype(float)
    # price in units of $100k
    price = 0.9 + 0.0011 * sqft + 0.02 * (year - 1950) + 0.15 * rooms + rng.normal(0, 0.3, n)
    X = np.column_stack([sqft, year, rooms])
    return X, price.reshape(-1, 1)


def init(n_in, n_hidden, n_out, seed=1):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 0.5, (n_in, n_hidden))
    b1 = np.zeros((1, n_hidden))
    W2 = rng.normal(0, 0.5, (n_hidden, n_out))
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    h = np.tanh(X @ W1 + b1)
    y_hat = h @ W2 + b2
    return h, y_hat


def backward(X, y, h, y_hat, W2):
    n = X.shape[0]
    d_out = 2 * (y_hat - y) / n
    dW2 = h.T @ d_out
    db2 = d_out.sum(axis=0, keepdims=True)
    d_h = d_out @ W2.T * (1 - h ** 2)
    dW1 = X.T @ d_h
    db1 = d_h.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def update(params, grads, lr):
    return [p - lr * g for p, g in zip(params, grads)]


def mse(y_hat, y):
    return np.mean((y_hat - y) ** 2)


X, y = make_data(400)
X_test, y_test = make_data(100, seed=99)
print("feature ranges:", X.min(axis=0), X.max(axis=0))

W1, b1, W2, b2 = init(3, 10, 1)
for epoch in range(1500):
    h, y_hat = forward(X, W1, b1, W2, b2)
    grads = backward(X, y, h, y_hat, W2)
    W1, b1, W2, b2 = update([W1, b1, W2, b2], grads, lr=0.01)
    if epoch % 300 == 0:
        print(f"epoch {epoch}: train mse {mse(y_hat, y):.4f}")

_, test_pred = forward(X_test, W1, b1, W2, b2)
print(f"test mse {mse(test_pred, y_test):.4f}  (variance of prices {y_test.var():.4f})")
