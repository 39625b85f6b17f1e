# XOR with a list of weight matrices; every layer uses ReLU
import numpy as np

np.random.seed(3)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

sizes = [2, 8, 1]
weights = [np.random.randn(a, b) * 0.5 for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]


def relu(v):
    return np.maximum(0, v)


def relu_grad(v):
    return (v > 0).astype(float)


lr = 0.05
for epoch in range(2000):
    acts = [X]
    pre = []
    for w, b in zip(weights, biases):
        z = acts[-1] @ w + b
        pre.append(z)
        acts.append(relu(z))
    out = acts[-1]
    err = out - y
    loss = np.mean(err ** 2)
    delta = 2 * err / len(X) * relu_grad(pre[-1])
    for i in reversed(range(len(weights))):
        gw = acts[i].T @ delta
        gb = delta.sum(axis=0, keepdims=True)
        if i > 0:
            delta = (delta @ weights[i].T) * relu_grad(pre[i - 1])
        weights[i] -= lr * gw
        biases[i] -= lr * gb
    if epoch % 500 == 0:
        print(epoch, round(loss, 4))

print("outputs", out.ravel().round(3))
