import numpy as np

rng = np.random.default_rng(25)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

W1 = rng.normal(0, 1, (2, 4))   # random: breaks the symmetry
b1 = np.zeros((1, 4))
W2 = np.zeros((4, 1))           # may start at zero since W1 is random
b2 = np.zeros((1, 1))

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

for i in range(6000):
    a1 = np.tanh(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    d2 = (a2 - y) / 4
    d1 = (d2 @ W2.T) * (1 - a1 ** 2)
    W2 -= 1.0 * a1.T @ d2
    b2 -= 1.0 * d2.sum(axis=0, keepdims=True)
    W1 -= 1.0 * X.T @ d1
    b1 -= 1.0 * d1.sum(axis=0, keepdims=True)
print(a2.round(3).ravel(), "distinct hidden units:", np.unique(W1.round(6), axis=1).shape[1])
