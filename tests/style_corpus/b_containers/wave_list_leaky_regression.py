"""Regression of a damped wave y = exp(-x/3) * cos(2x) on [0, 6] with a list-of-layers MLP:
leaky ReLU hidden layers, linear output, mean squared error, shuffled mini-batches."""
import numpy as np

rng = np.random.RandomState(12)
x = np.sort(rng.uniform(0, 6, 300)).reshape(-1, 1)
y = np.exp(-x / 3) * np.cos(2 * x) + rng.normal(0, 0.02, x.shape)
x_in = (x - x.mean()) / x.std()

sizes = [1, 40, 40, 1]
weights = [rng.randn(m, n) * np.sqrt(2.0 / m) for m, n in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, n)) for n in sizes[1:]]
slope = 0.05


def run(inp):
    zs, acts = [], [inp]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = acts[-1] @ w + b
        zs.append(z)
        acts.append(z if i == len(weights) - 1 else np.where(z > 0, z, slope * z))
    return zs, acts


lr, batch = 0.01, 20
for epoch in range(400):
    perm = rng.permutation(len(x_in))
    for k in range(0, len(perm), batch):
        rows = perm[k:k + batch]
        zs, acts = run(x_in[rows])
        delta = 2 * (acts[-1] - y[rows]) / len(rows)
        nabla_w = [None] * len(weights)
        nabla_b = [None] * len(biases)
        for i in reversed(range(len(weights))):
            nabla_w[i] = acts[i].T @ delta
            nabla_b[i] = delta.sum(axis=0, keepdims=True)
            if i > 0:
                delta = (delta @ weights[i].T) * np.where(zs[i - 1] > 0, 1.0, slope)
        weights = [w - lr * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - lr * nb for b, nb in zip(biases, nabla_b)]
    if epoch % 100 == 0 or epoch == 399:
        print("epoch %3d  mse %.5f" % (epoch, np.mean((run(x_in)[1][-1] - y) ** 2)))
