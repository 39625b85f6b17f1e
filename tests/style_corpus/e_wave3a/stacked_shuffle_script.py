# Features and label kept in one table, so a single shuffle keeps rows together.
import numpy as np

np.random.seed(4)
X = np.random.randn(200, 2)
y = (X[:, 0] - X[:, 1] > 0).astype(float).reshape(-1, 1)
table = np.hstack([X, y])
np.random.shuffle(table)
X_train, y_train = table[:150, :2], table[:150, 2:]
X_test, y_test = table[150:, :2], table[150:, 2:]

w = np.zeros((2, 1))
b = 0.0
for i in range(500):
    p = 1 / (1 + np.exp(-(X_train @ w + b)))
    w -= 0.5 * X_train.T @ (p - y_train) / len(X_train)
    b -= 0.5 * float(np.mean(p - y_train))
p_test = 1 / (1 + np.exp(-(X_test @ w + b)))
print("test accuracy", np.mean((p_test > 0.5) == y_test))
