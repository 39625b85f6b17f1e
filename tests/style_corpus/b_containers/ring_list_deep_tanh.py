import numpy as np

np.random.seed(27)

# annulus (class 1) between radius 0.4 and 0.8 inside the square [-1, 1]^2
X = np.random.uniform(-1, 1, (600, 2))
r = np.sqrt((X ** 2).sum(axis=1))
y = ((r > 0.4) & (r < 0.8)).astype(float)[:, None]

sizes = [2, 16, 16, 16, 1]
W = [np.random.randn(a, b) * np.sqrt(1.0 / a) for a, b in zip(sizes[:-1], sizes[1:])]
B = [np.zeros((1, b)) for b in sizes[1:]]


def forward(x):
    acts = [x]
    for k, (w, b) in enumerate(zip(W, B)):
        z = acts[-1] @ w + b
        acts.append(1 / (1 + np.exp(-z)) if k == len(W) - 1 else np.tanh(z))
    return acts


def loss_of(p, t):
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))


lr = 0.1
for epoch in range(200):
    perm = np.random.permutation(len(X))
    for s in range(0, len(X), 32):
        rows = perm[s:s + 32]
        acts = forward(X[rows])
        delta = (acts[-1] - y[rows]) / len(rows)
        dW, dB = [], []
        for k in range(len(W) - 1, -1, -1):
            dW.insert(0, acts[k].T @ delta)
            dB.insert(0, delta.sum(axis=0, keepdims=True))
            delta = (delta @ W[k].T) * (1 - acts[k] ** 2)
        W = [w - lr * g for w, g in zip(W, dW)]
        B = [b - lr * g for b, g in zip(B, dB)]
    if epoch % 40 == 0 or epoch == 199:
        out = forward(X)[-1]
        print("epoch %3d  loss %.4f  accuracy %.3f" % (epoch, loss_of(out, y), np.mean((out > 0.5) == y)))
