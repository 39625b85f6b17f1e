# Samples as columns; every delta is computed before the parameters are touched.
import numpy as np

np.random.seed(2)
m = 300
X = np.random.randn(2, m)
Y = (X[0:1] ** 2 + X[1:2] ** 2 < 1.2).astype(float)
W1, b1 = np.random.randn(8, 2) * 0.5, np.zeros((8, 1))
W2, b2 = np.random.randn(1, 8) * 0.5, np.zeros((1, 1))
for i in range(3000):
    A1 = np.tanh(W1 @ X + b1)
    A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
    dZ2 = A2 - Y
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    W2 -= 0.5 * dZ2 @ A1.T / m
    b2 -= 0.5 * dZ2.sum(axis=1, keepdims=True) / m
    W1 -= 0.5 * dZ1 @ X.T / m
    b1 -= 0.5 * dZ1.sum(axis=1, keepdims=True) / m
    if i % 600 == 0:
        cost = -np.mean(Y * np.log(A2 + 1e-9) + (1 - Y) * np.log(1 - A2 + 1e-9))
        print(i, round(float(cost), 4))
print("accuracy", np.mean((A2 > 0.5) == Y))
