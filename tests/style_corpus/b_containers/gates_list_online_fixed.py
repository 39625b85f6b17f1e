# one small net per logic gate; weights and biases kept in lists, trained sample by sample
import numpy as np

np.random.seed(6)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
gates = {"AND": np.array([0, 0, 0, 1.0]), "OR": np.array([0, 1, 1, 1.0]), "NAND": np.array([1, 1, 1, 0.0])}


def sig(v):
    return 1 / (1 + np.exp(-v))


def train_gate(targets, hidden=3, epochs=2000, lr=0.5):
    shapes = [(2, hidden), (hidden, 1)]
    weights = [np.random.randn(*s) for s in shapes]
    biases = [np.zeros((1, s[1])) for s in shapes]
    for epoch in range(epochs):
        sq = 0.0
        for x, t in zip(X, targets):
            a = [x.reshape(1, 2)]
            for w, b in zip(weights, biases):
                a.append(sig(a[-1] @ w + b))
            error = t - a[-1]
            sq += float(error.item() ** 2)
            deltas = [error * a[-1] * (1 - a[-1])]
            deltas.insert(0, (deltas[0] @ weights[1].T) * a[1] * (1 - a[1]))
            for i in range(len(weights)):
                weights[i] += lr * a[i].T @ deltas[i]
                biases[i] += lr * deltas[i]
        if epoch % 500 == 0:
            print("  epoch %4d  squared error %.4f" % (epoch, sq / 4))
    return weights, biases


for name, targets in gates.items():
    print(name)
    weights, biases = train_gate(targets)
    out = X
    for w, b in zip(weights, biases):
        out = sig(out @ w + b)
    print("  outputs", out.ravel().round(2), "targets", targets)
