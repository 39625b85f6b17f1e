import numpy as np

# Logistic regression in the "samples are columns" layout:
# X has shape (n_features, m), w is (1, n_features), b is (1, 1)

np.random.seed(5)
m = 300
pos = np.random.randn(2, m // 2) + np.array([[1.5], [1.5]])
neg = np.random.randn(2, m // 2) - np.array([[1.5], [1.5]])
X = np.concatenate([pos, neg], axis=1)
Y = np.concatenate([np.ones((1, m // 2)), np.zeros((1, m // 2))], axis=1)

w = np.random.randn(1, 2) * 0.01
b = np.zeros((1, 1))

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def propagate(w, b, X, Y):
    A = sigmoid(w @ X + b)
    A_safe = np.clip(A, 1e-8, 1 - 1e-8)
    cost = -np.mean(Y * np.log(A_safe) + (1 - Y) * np.log(1 - A_safe))
    dZ = A - Y
    dw = dZ @ X.T / X.shape[1]
    db = np.sum(dZ, axis=1, keepdims=True) / X.shape[1]
    return dw, db, cost

for i in range(500):
    dw, db, cost = propagate(w, b, X, Y)
    w = w - 0.1 * dw
    b = b - 0.1 * db
    if i % 100 == 0:
        print(f"cost after {i} iterations: {cost:.4f}")

Y_pred = (sigmoid(w @ X + b) > 0.5).astype(int)
print("train accuracy:", np.mean(Y_pred == Y))
print("w =", w, "b =", b)
