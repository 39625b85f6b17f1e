import numpy as np

def relu(z):
    return np.maximum(z, 0)

def relu_grad(a):
    g = a.copy()
    g[g > 0] = 1
    g[g <= 0] = 0
    return g

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

rng = np.random.default_rng(8)
X = rng.uniform(-1, 1, (300, 2))
y = ((X[:, 0] > 0) ^ (X[:, 1] > 0)).astype(float).reshape(-1, 1)

W1 = rng.normal(0, 1, (2, 16)); b1 = np.zeros((1, 16))
W2 = rng.normal(0, 1, (16, 1)); b2 = np.zeros((1, 1))

for step in range(1500):
    h = relu(X @ W1 + b1)
    p = sigmoid(h @ W2 + b2)
    g2 = (p - y) / len(X)
    g1 = (g2 @ W2.T) * relu_grad(h)
    W2 -= 0.5 * h.T @ g2
    b2 -= 0.5 * g2.sum(axis=0, keepdims=True)
    W1 -= 0.5 * X.T @ g1
    b1 -= 0.5 * g1.sum(axis=0, keepdims=True)
    if step % 500 == 0:
        print(step, "acc", np.mean((p > 0.5) == y))
print("final acc", np.mean((p > 0.5) == y))
