# Two classes split by distance from the origin (inner disc vs outer ring), 2-12-1 network.
# Weights and biases are lists; gradients are summed over each mini-batch.
import numpy as np

np.random.seed(0)

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

n = 300
X = np.random.randn(n, 2)
y = (np.sqrt((X ** 2).sum(axis=1)) > 1.18).astype(float).reshape(-1, 1)

sizes = [2, 12, 1]
weights = [np.random.randn(a, b) * 0.5 for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]

lr = 0.5
batch_size = 20
for epoch in range(100):
    perm = np.random.permutation(n)
    for start in range(0, n, batch_size):
        grad_w = [np.zeros_like(w) for w in weights]
        grad_b = [np.zeros_like(b) for b in biases]
        for i in perm[start:start + batch_size]:
            x_i, y_i = X[i:i + 1], y[i:i + 1]
            # forward
            acts = [x_i]
            for w, b in zip(weights[:-1], biases[:-1]):
                acts.append(np.tanh(acts[-1] @ w + b))
            out = sigmoid(acts[-1] @ weights[-1] + biases[-1])
            # backward (sigmoid + cross-entropy: delta = out - y)
            delta = out - y_i
            deltas = [delta]
            for w, a in zip(weights[:0:-1], acts[:0:-1]):
                delta = (delta @ w.T) * (1 - a ** 2)
                deltas.insert(0, delta)
            for gw, gb, a, d in zip(grad_w, grad_b, acts, deltas):
                gw += a.T @ d
                gb += d
        for w, b, gw, gb in zip(weights, biases, grad_w, grad_b):
            w -= lr * gw / batch_size
            b -= lr * gb / batch_size
    if epoch % 20 == 0 or epoch == 99:
        h = np.tanh(X @ weights[0] + biases[0])
        p = sigmoid(h @ weights[1] + biases[1])
        loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
        print("epoch %3d  loss %.4f  accuracy %.3f" % (epoch, loss, np.mean((p > 0.5) == y)))
