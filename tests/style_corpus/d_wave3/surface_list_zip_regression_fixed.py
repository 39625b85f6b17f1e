"""Fit the surface z = sin(x) * cos(y) with a small network kept in Python lists."""
import numpy as np

rng = np.random.default_rng(4)

sizes = [2, 24, 24, 1]
weights = [rng.normal(0, np.sqrt(1 / n_in), (n_in, n_out)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, n_out)) for n_out in sizes[1:]]


def forward(x):
    activations = [x]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ w + b
        activations.append(z if i == len(weights) - 1 else np.tanh(z))
    return activations


pts = rng.uniform(-2, 2, (400, 2))
target = (np.sin(pts[:, 0]) * np.cos(pts[:, 1])).reshape(-1, 1)
eta = 0.3
batch = 40

for epoch in range(150):
    order = rng.permutation(len(pts))
    for k in range(0, len(pts), batch):
        idx = order[k:k + batch]
        acts = forward(pts[idx])
        delta = (acts[-1] - target[idx]) / len(idx)
        # walk back through the layers, stepping each one as we go
        for layer in range(len(weights) - 1, -1, -1):
            grad_w = acts[layer].T @ delta
            grad_b = delta.sum(axis=0, keepdims=True)
            if layer > 0:
                next_delta = (delta @ weights[layer].T) * (1 - acts[layer] ** 2)
            weights[layer] -= eta * grad_w
            biases[layer] -= eta * grad_b
            if layer > 0:
                delta = next_delta
    if epoch % 30 == 0 or epoch == 149:
        mse = np.mean((forward(pts)[-1] - target) ** 2)
        print("epoch %3d  mse %.5f" % (epoch, mse))
