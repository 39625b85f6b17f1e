import numpy as np

np.random.seed(3)


def two_moons(n):
    a = np.random.rand(n) * np.pi
    b = np.random.rand(n) * np.pi
    X = np.vstack([np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(b), 0.5 - np.sin(b)]])
    return X + np.random.randn(2 * n, 2) * 0.1, np.r_[np.zeros(n), np.ones(n)][:, None]


X, y = two_moons(150)
D, H = 2, 12
W1 = np.random.randn(D, H) * 0.7
b1 = np.zeros((1, H))
W2 = np.random.randn(H, 1) * 0.3
b2 = np.full((1, 1), 0.5)


def loss(X, y, W1, b1, W2, b2):
    N = len(X)
    z1 = X @ W1 + b1
    a1 = np.maximum(0, z1)
    out = a1 @ W2 + b2
    L = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))
    dout = -(y / out - (1 - y) / (1 - out)) / N
    dW2 = a1.T @ dout
    db2 = dout.sum(axis=0, keepdims=True)
    dz1 = (dout @ W2.T) * (z1 > 0)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)
    return L, dW1, db1, dW2, db2


lr = 0.05
for epoch in range(1000):
    L, dW1, db1, dW2, db2 = loss(X, y, W1, b1, W2, b2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 200 == 0:
        print("epoch", epoch, "loss", L)

out = np.maximum(0, X @ W1 + b1) @ W2 + b2
print("accuracy", np.mean((out > 0.5) == y), " output range", out.min(), out.max())
