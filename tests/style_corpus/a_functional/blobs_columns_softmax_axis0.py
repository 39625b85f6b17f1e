import numpy as np

# 5 classes, examples in columns: X (2, m), Y (5, m), every b is (n_units, 1)
# so the softmax normalises down each column (axis 0)

np.random.seed(3)
K, per_class = 5, 50
angles = 2 * np.pi * np.arange(K) / K
centres = 3 * np.vstack([np.cos(angles), np.sin(angles)])          # (2, K)
X = np.hstack([centres[:, [k]] + 0.8 * np.random.randn(2, per_class) for k in range(K)])
y = np.repeat(np.arange(K), per_class)
Y = np.zeros((K, X.shape[1]))
Y[y, np.arange(X.shape[1])] = 1.0
m = X.shape[1]

W1 = np.random.randn(12, 2) * 0.5
b1 = np.zeros((12, 1))
W2 = np.random.randn(K, 12) * 0.5
b2 = np.zeros((K, 1))


def softmax(Z):
    E = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return E / np.sum(E, axis=0, keepdims=True)


for it in range(1500):
    Z1 = W1 @ X + b1
    A1 = np.maximum(0.0, Z1)
    A2 = softmax(W2 @ A1 + b2)
    cost = -np.sum(Y * np.log(A2 + 1e-12)) / m

    dZ2 = (A2 - Y) / m
    dW2 = dZ2 @ A1.T
    db2 = np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    dW1 = dZ1 @ X.T
    db1 = np.sum(dZ1, axis=1, keepdims=True)

    W1 -= 0.5 * dW1
    b1 -= 0.5 * db1
    W2 -= 0.5 * dW2
    b2 -= 0.5 * db2

    if it % 300 == 0:
        print("it", it, "cost", round(float(cost), 4), "acc", np.mean(np.argmax(A2, axis=0) == y))

print("column sums of A2:", A2.sum(axis=0)[:4])
print("accuracy:", np.mean(np.argmax(A2, axis=0) == y))
