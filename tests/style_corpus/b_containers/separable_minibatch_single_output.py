import numpy as np

rng = np.random.RandomState(11)

# binary problem: points inside an ellipse (1) or outside (0); one output unit
n = 500
X = rng.uniform(-2, 2, (n, 2))
y = ((X[:, 0] / 1.5) ** 2 + X[:, 1] ** 2 < 1).astype(float).reshape(-1, 1)

hidden = 12
W1 = rng.randn(2, hidden) * 0.7
b1 = np.zeros((1, hidden))
W2 = rng.randn(hidden, 1) * 0.7
b2 = np.zeros((1, 1))

lr, batch = 0.5, 25
for epoch in range(80):
    perm = rng.permutation(n)
    for s in range(0, n, batch):
        i = perm[s:s + batch]
        xb, yb = X[i], y[i]
        h = np.tanh(xb @ W1 + b1)
        p = 1 / (1 + np.exp(-(h @ W2 + b2)))
        d2 = (p - yb) / len(i)                    # (batch, 1)
        d1 = (d2 @ W2.T) * (1 - h ** 2)           # (batch, hidden)
        W2 -= lr * h.T @ d2
        b2 -= lr * np.sum(d2)                     # one output unit: the total is its gradient
        W1 -= lr * xb.T @ d1
        b1 -= lr * np.sum(d1, axis=0, keepdims=True)
    if epoch % 20 == 0 or epoch == 79:
        p = 1 / (1 + np.exp(-(np.tanh(X @ W1 + b1) @ W2 + b2)))
        pc = np.clip(p, 1e-10, 1 - 1e-10)
        print("epoch %2d  loss %.4f  accuracy %.3f" % (epoch, -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc)),
                                                     np.mean((p > 0.5) == y)))
