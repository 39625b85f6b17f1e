# functional MLP: layers are a list of (W, b) pairs; ReLU hidden layers, softmax output over 2 classes
import numpy as np

rng = np.random.default_rng(0)


def moons(n, noise=0.12):
    u = rng.uniform(0, np.pi, n)
    v = rng.uniform(0, np.pi, n)
    pts = np.concatenate([np.c_[np.cos(u), np.sin(u)], np.c_[1 - np.cos(v), 0.5 - np.sin(v)]])
    return pts + rng.normal(0, noise, pts.shape), np.r_[np.zeros(n, int), np.ones(n, int)]


def init_layers(sizes):
    return [(rng.normal(0, np.sqrt(2 / m), (m, k)), np.zeros(k)) for m, k in zip(sizes[:-1], sizes[1:])]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def forward(layers, X):
    outs = [X]
    for i, (W, b) in enumerate(layers):
        z = outs[-1] @ W + b
        outs.append(softmax(z) if i == len(layers) - 1 else np.maximum(z, 0))
    return outs


def backward(layers, outs, T):
    grads = []
    delta = (outs[-1] - T) / len(T)
    for i in range(len(layers) - 1, -1, -1):
        W, _ = layers[i]
        grads.append((outs[i].T @ delta, delta.sum(axis=0)))
        delta = (delta @ W.T) * (outs[i] > 0)
    return grads[::-1]


X, y = moons(200)
T = np.eye(2)[y]
layers = init_layers([2, 32, 16, 2])
for epoch in range(1500):
    outs = forward(layers, X)
    grads = backward(layers, outs, T)
    layers = [(W - 0.1 * gW, b - 0.1 * gb) for (W, b), (gW, gb) in zip(layers, grads)]
    if epoch % 300 == 0:
        ce = -np.mean(np.sum(T * np.log(outs[-1] + 1e-12), axis=1))
        print(f"epoch {epoch:4d}  cross-entropy {ce:.4f}  accuracy {np.mean(outs[-1].argmax(axis=1) == y):.3f}")

print("final accuracy:", np.mean(forward(layers, X)[-1].argmax(axis=1) == y))
