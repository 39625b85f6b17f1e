import numpy as np

rng = np.random.default_rng(19)

# inner disc (class 1) and outer ring (class 0)
n = 400
r = np.concatenate([rng.uniform(0.0, 0.5, n // 2), rng.uniform(0.7, 1.0, n // 2)])
phi = rng.uniform(0, 2 * np.pi, n)
X = np.stack([r * np.cos(phi), r * np.sin(phi)], axis=1)
y = np.concatenate([np.ones(n // 2), np.zeros(n // 2)])[:, None]


def leaky_relu(x, a=0.1):
    return np.where(x > 0, x, a * x)


def activation_derivative(out):
    return out * (1 - out)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


arch = [2, 12, 1]
Ws = [rng.normal(0, 1 / np.sqrt(fan_in), (fan_in, fan_out)) for fan_in, fan_out in zip(arch[:-1], arch[1:])]
bs = [np.zeros((1, fan_out)) for fan_out in arch[1:]]

lr, batch_size = 0.5, 40
for epoch in range(150):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        rows = order[start:start + batch_size]
        xb, yb = X[rows], y[rows]
        outs = [xb]
        for i, (W, b) in enumerate(zip(Ws, bs)):
            z = outs[-1] @ W + b
            outs.append(sigmoid(z) if i == len(Ws) - 1 else leaky_relu(z))
        deltas = [None] * len(Ws)
        deltas[-1] = (outs[-1] - yb) / len(rows)
        for i in range(len(Ws) - 2, -1, -1):
            deltas[i] = (deltas[i + 1] @ Ws[i + 1].T) * activation_derivative(outs[i + 1])
        Ws = [W - lr * (o.T @ d) for W, o, d in zip(Ws, outs[:-1], deltas)]
        bs = [b - lr * d.sum(axis=0, keepdims=True) for b, d in zip(bs, deltas)]
    if epoch % 30 == 0 or epoch == 149:
        a = X
        for i, (W, b) in enumerate(zip(Ws, bs)):
            a = sigmoid(a @ W + b) if i == len(Ws) - 1 else leaky_relu(a @ W + b)
        p = np.clip(a, 1e-9, 1 - 1e-9)
        print("epoch %3d  loss %.4f  acc %.3f" % (epoch, -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)),
                                                 np.mean((a > 0.5) == y)))
