import numpy as np

np.random.seed(12)
n = 200
X = np.random.randn(n, 2)
labels = (X[:, 0] * X[:, 1] > 0).astype(float)   # shape (n,)
Y = labels.reshape(-1, 1)

W1 = np.random.randn(2, 12) * 0.8
b1 = np.zeros((1, 12))
W2 = np.random.randn(12, 1) * 0.5
b2 = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


for epoch in range(1500):
    h = np.tanh(X @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    delta = (p - Y) / n
    dh = delta @ W2.T * (1 - h * h)
    W2 -= 1.0 * h.T @ delta
    b2 -= 1.0 * delta.sum(axis=0, keepdims=True)
    W1 -= 1.0 * X.T @ dh
    b1 -= 1.0 * dh.sum(axis=0, keepdims=True)
    if epoch % 500 == 0:
        accuracy = np.mean((p > 0.5) == labels)
        print(f"epoch {epoch} accuracy {accuracy:.3f}")

accuracy = np.mean((p > 0.5) == labels)
print("final accuracy", accuracy, "true accuracy", np.mean((p > 0.5) == Y))
