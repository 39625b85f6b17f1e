"""Three gaussian blobs with a list-of-layers network (one sigmoid unit per class).

The targets are one-hot columns and the cost is the quadratic cost, as in the
first chapter of Nielsen's book; weights and biases live in plain lists.
"""
import numpy as np

np.random.seed(5)

sig = lambda z: 1.0 / (1.0 + np.exp(-z))


def dsig(z):
    s = sig(z)
    return s * (1 - s)


sizes = [2, 8, 3]
biases = [np.random.randn(n, 1) for n in sizes[1:]]
weights = [np.random.randn(n_out, n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]


def feedforward(a):
    for b, w in zip(biases, weights):
        a = sig(w @ a + b)
    return a


def backprop(x, y):
    grad_b = [np.zeros_like(b) for b in biases]
    grad_w = [np.zeros_like(w) for w in weights]
    acts, zs = [x], []
    for b, w in zip(biases, weights):
        zs.append(w @ acts[-1] + b)
        acts.append(sig(zs[-1]))
    delta = (acts[-1] - y) * dsig(zs[-1])
    for k in range(len(weights) - 1, -1, -1):
        grad_b[k] = delta
        grad_w[k] = delta @ acts[k].T
        if k > 0:
            delta = (weights[k].T @ delta) * dsig(zs[k - 1])
    return grad_b, grad_w


centres = np.array([[0.0, 1.0], [1.0, -0.5], [-1.0, -0.5]])
labels = np.random.randint(0, 3, 300)
points = centres[labels] + 0.35 * np.random.randn(300, 2)
targets = np.eye(3)[labels]
data = [(p.reshape(2, 1), t.reshape(3, 1)) for p, t in zip(points, targets)]

eta, batch_size = 3.0, 10
for epoch in range(40):
    order = np.random.permutation(len(data))
    for start in range(0, len(data), batch_size):
        batch = [data[i] for i in order[start:start + batch_size]]
        sum_b = [np.zeros_like(b) for b in biases]
        sum_w = [np.zeros_like(w) for w in weights]
        for x, y in batch:
            gb, gw = backprop(x, y)
            sum_b = [s + g for s, g in zip(sum_b, gb)]
            sum_w = [s + g for s, g in zip(sum_w, gw)]
        weights = [w - eta / len(batch) * g for w, g in zip(weights, sum_w)]
        biases = [b - eta / len(batch) * g for b, g in zip(biases, sum_b)]
    if epoch % 10 == 0 or epoch == 39:
        cost = np.mean([np.sum((feedforward(x) - y) ** 2) / 2 for x, y in data])
        correct = sum(int(np.argmax(feedforward(x)) == np.argmax(y)) for x, y in data)
        print("epoch %2d  cost %.4f  correct %d / %d" % (epoch, cost, correct, len(data)))
