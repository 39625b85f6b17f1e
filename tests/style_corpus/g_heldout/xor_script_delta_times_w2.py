import numpy as np

np.random.seed(0)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

hidden_size = 4
W1 = np.random.randn(2, hidden_size)
b1 = np.zeros((1, hidden_size))
W2 = np.random.randn(hidden_size, 1)
b2 = np.zeros((1, 1))

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

for i in range(3000):
    hidden_out = sigmoid(X @ W1 + b1)
    out = sigmoid(hidden_out @ W2 + b2)
    grad_out = out - y
    grad_hidden = grad_out @ W2 * hidden_out * (1 - hidden_out)
    W2 -= 0.5 * hidden_out.T @ grad_out
    b2 -= 0.5 * grad_out.sum(axis=0, keepdims=True)
    W1 -= 0.5 * X.T @ grad_hidden
    b1 -= 0.5 * grad_hidden.sum(axis=0, keepdims=True)
print(out.round(3).ravel())
