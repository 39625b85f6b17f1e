import numpy as np

# regression of y = x * sin(x) on [0, 6] with lists of layers; samples are rows
rng = np.random.RandomState(10)
x = rng.uniform(0, 6, (250, 1))
y = x * np.sin(x)
x_s = (x - 3.0) / 1.7          # scaled input
y_s = y / 5.0                  # scaled target

sizes = [1, 24, 24, 1]
W = [rng.randn(i, o) * np.sqrt(1.0 / i) for i, o in zip(sizes[:-1], sizes[1:])]
B = [np.zeros((1, o)) for o in sizes[1:]]


def predict(inp):
    a = inp
    for k, (w, b) in enumerate(zip(W, B)):
        a = a @ w + b
        if k < len(W) - 1:
            a = np.tanh(a)
    return a


lr, bs = 0.05, 25
for epoch in range(300):
    order = rng.permutation(len(x_s))
    for s in range(0, len(order), bs):
        i = order[s:s + bs]
        acts = [x_s[i]]
        for k, (w, b) in enumerate(zip(W, B)):
            z = acts[-1] @ w + b
            acts.append(np.tanh(z) if k < len(W) - 1 else z)
        d = (acts[-1] - y_s[i]) / len(i)
        gW, gB = [], []
        for k in reversed(range(len(W))):
            gW.append(acts[k].T @ d)
            gB.append(d.sum(axis=0, keepdims=True))
            if k > 0:
                d = (d @ W[k].T) * (1 - acts[k] ** 2)
        gW.reverse()
        gB.reverse()
        W = [w - lr * g for w, g in zip(W, gW)]
        B = [b - lr * g for b, g in zip(B, gB)]
    if epoch % 50 == 0:
        err = y_s - predict(x_s)
        print("epoch %3d  mean error %.5f" % (epoch, err.mean()))

print("max abs error (unscaled): %.3f" % np.max(np.abs(5.0 * predict(x_s) - y)))
