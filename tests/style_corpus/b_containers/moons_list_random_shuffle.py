import random

import numpy as np

np.random.seed(5)
random.seed(5)

# two moons, stored as one table: x1, x2, label
n = 300
t = np.random.rand(n) * np.pi
top = np.c_[np.cos(t[:150]), np.sin(t[:150]), np.zeros(150)]
bottom = np.c_[1 - np.cos(t[150:]), 0.5 - np.sin(t[150:]), np.ones(150)]
data = np.vstack([top, bottom])
data[:, :2] += np.random.randn(n, 2) * 0.1
X_all, y_all = data[:, :2].copy(), data[:, 2:].copy()

sizes = [2, 10, 1]
Ws = [np.random.randn(a, b) * 0.8 for a, b in zip(sizes[:-1], sizes[1:])]
bs = [np.zeros((1, b)) for b in sizes[1:]]


def net(x):
    h = np.tanh(x @ Ws[0] + bs[0])
    return h, 1 / (1 + np.exp(-(h @ Ws[1] + bs[1])))


lr, batch = 0.5, 30
for epoch in range(60):
    random.shuffle(data)
    for k in range(0, n, batch):
        xb, yb = data[k:k + batch, :2], data[k:k + batch, 2:]
        h, p = net(xb)
        d2 = (p - yb) / len(xb)
        d1 = (d2 @ Ws[1].T) * (1 - h ** 2)
        grads = [(xb.T @ d1, d1.sum(axis=0, keepdims=True)), (h.T @ d2, d2.sum(axis=0, keepdims=True))]
        Ws = [W - lr * gW for W, (gW, _) in zip(Ws, grads)]
        bs = [b - lr * gb for b, (_, gb) in zip(bs, grads)]
    if epoch % 15 == 0 or epoch == 59:
        _, p = net(X_all)
        pc = np.clip(p, 1e-9, 1 - 1e-9)
        loss = -np.mean(y_all * np.log(pc) + (1 - y_all) * np.log(1 - pc))
        print("epoch %2d  loss %.4f  accuracy %.3f" % (epoch, loss, np.mean((p > 0.5) == y_all)))

print("distinct rows left in the training table:", len(np.unique(data, axis=0)), "of", n)
