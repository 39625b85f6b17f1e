import numpy as np

# label 1 when both coordinates are positive (a soft AND), 2 -> 6 -> 1, tanh units
# tanh is zero-centred, so it is used in both layers


def data(n=240, seed=8):
    rng = np.random.default_rng(seed)
    X = rng.uniform(-2, 2, (n, 2))
    y = ((X[:, 0] > 0) & (X[:, 1] > 0)).astype(float).reshape(-1, 1)
    return X, y


def init(seed=1):
    rng = np.random.default_rng(seed)
    return rng.normal(0, 0.8, (2, 6)), np.zeros((1, 6)), rng.normal(0, 0.8, (6, 1)), np.zeros((1, 1))


def forward(X, W1, b1, W2, b2):
    h = np.tanh(X @ W1 + b1)
    out = np.tanh(h @ W2 + b2)
    return h, out


def binary_cross_entropy(out, y):
    eps = 1e-8
    return -np.mean(y * np.log(out + eps) + (1 - y) * np.log(1 - out + eps))


def backward(X, y, h, out, W2):
    d_out = (out - y) * (1 - out ** 2) / len(X)
    d_h = (d_out @ W2.T) * (1 - h ** 2)
    return X.T @ d_h, d_h.sum(axis=0, keepdims=True), h.T @ d_out, d_out.sum(axis=0, keepdims=True)


X, y = data()
W1, b1, W2, b2 = init()
lr = 0.5
for epoch in range(2000):
    h, out = forward(X, W1, b1, W2, b2)
    loss = binary_cross_entropy(out, y)
    dW1, db1, dW2, db2 = backward(X, y, h, out, W2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 400 == 0:
        print(f"epoch {epoch}: loss {loss:.4f}, accuracy {np.mean((out > 0.5) == y):.3f}")

h, out = forward(X, W1, b1, W2, b2)
print("final loss:", binary_cross_entropy(out, y), "accuracy:", np.mean((out > 0.5) == y))
