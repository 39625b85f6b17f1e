import numpy as np

np.random.seed(14)
m = 200
angle = np.random.rand(m) * np.pi
first = np.arange(m) < m // 2
X = np.where(first[:, None], np.c_[np.cos(angle), np.sin(angle)], np.c_[1 - np.cos(angle), 0.5 - np.sin(angle)])
X += np.random.randn(m, 2) * 0.1
y = (~first).astype(float).reshape(-1, 1)


def leaky_relu(x):
    return np.where(x > 0, x, 0.01 * x)


def leaky_relu_deriv(x):
    return np.where(x > 0, 1.0, 0.01)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


layer_sizes = [2, 16, 16, 1]
weights = [np.random.randn(i, o) * np.sqrt(2 / i) for i, o in zip(layer_sizes[:-1], layer_sizes[1:])]
biases = [np.zeros((1, o)) for o in layer_sizes[1:]]


def forward(X):
    activations, pre = [X], []
    for k, (W, b) in enumerate(zip(weights, biases)):
        z = activations[-1] @ W + b
        pre.append(z)
        activations.append(sigmoid(z) if k == len(weights) - 1 else leaky_relu(z))
    return activations, pre


lr = 0.5
for epoch in range(1000):
    activations, pre = forward(X)
    out = activations[-1]
    delta = (out - y) / m
    grads_W, grads_b = [], []
    for k in reversed(range(len(weights))):
        grads_W.insert(0, activations[k].T @ delta)
        grads_b.insert(0, delta.sum(axis=0, keepdims=True))
        if k > 0:
            delta = (delta @ weights[k].T) * leaky_relu_deriv(pre[k - 1])
    weights = [W - lr * gW for W, gW in zip(weights, grads_W)]
    biases = [b - lr * gb for b, gb in zip(biases, grads_b)]
    if epoch % 200 == 0:
        p = np.clip(out, 1e-9, 1 - 1e-9)
        print("epoch", epoch, "log loss", -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

print("accuracy:", np.mean((forward(X)[0][-1] > 0.5) == y))
