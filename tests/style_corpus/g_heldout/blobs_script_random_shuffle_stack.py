import random
import numpy as np

np.random.seed(18)
random.seed(18)
X = np.vstack([np.random.randn(100, 2) + [1.5, 0], np.random.randn(100, 2) - [1.5, 0]])
y = np.r_[np.ones(100), np.zeros(100)]
dataset = np.column_stack([X, y])

W1 = np.random.randn(2, 8) * 0.5
b1 = np.zeros(8)
W2 = np.random.randn(8, 1) * 0.5
b2 = np.zeros(1)

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

batch = 20
for epoch in range(20):
    random.shuffle(dataset)
    for start in range(0, len(dataset), batch):
        chunk = dataset[start:start + batch]
        xb, yb = chunk[:, :2], chunk[:, 2:]
        h = np.maximum(0, xb @ W1 + b1)
        p = sigmoid(h @ W2 + b2)
        g = (p - yb) / len(xb)
        gh = g @ W2.T * (h > 0)
        W2 -= 0.5 * h.T @ g
        b2 -= 0.5 * g.sum(axis=0)
        W1 -= 0.5 * xb.T @ gh
        b1 -= 0.5 * gh.sum(axis=0)
print("distinct rows left", len(np.unique(dataset, axis=0)), "of", len(dataset))
print("class balance now", dataset[:, 2].mean())
