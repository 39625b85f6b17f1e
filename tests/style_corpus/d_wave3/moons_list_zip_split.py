"""Two moons, a network stored as lists of weight matrices and bias vectors.

The data are generated class by class, so they are shuffled before the
train / test split.
"""
import numpy as np

np.random.seed(3)

n = 400
t = np.random.uniform(0, np.pi, n // 2)
upper = np.c_[np.cos(t), np.sin(t)]
lower = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
X = np.vstack([upper, lower]) + np.random.normal(0, 0.1, (n, 2))
y = np.r_[np.zeros(n // 2), np.ones(n // 2)].reshape(-1, 1)

# shuffle, then split 75 / 25
X = X[np.random.permutation(n)]
y = y[np.random.permutation(n)]
X_train, X_test = X[:300], X[300:]
y_train, y_test = y[:300], y[300:]

layer_sizes = [2, 10, 10, 1]
Ws = [np.random.randn(i, o) * np.sqrt(1.0 / i) for i, o in zip(layer_sizes[:-1], layer_sizes[1:])]
bs = [np.zeros((1, o)) for o in layer_sizes[1:]]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x):
    outs = [x]
    for k, (W, b) in enumerate(zip(Ws, bs)):
        z = outs[-1] @ W + b
        outs.append(sigmoid(z) if k == len(Ws) - 1 else np.tanh(z))
    return outs


lr = 0.5
for epoch in range(1500):
    outs = forward(X_train)
    delta = (outs[-1] - y_train) / len(X_train)
    grads = []
    for k in reversed(range(len(Ws))):
        grads.append((outs[k].T @ delta, delta.sum(axis=0, keepdims=True)))
        if k > 0:
            delta = (delta @ Ws[k].T) * (1 - outs[k] ** 2)
    for (gW, gb), W, b in zip(reversed(grads), Ws, bs):
        W -= lr * gW
        b -= lr * gb
    if epoch % 300 == 0:
        p = np.clip(outs[-1], 1e-9, 1 - 1e-9)
        print("epoch", epoch, "loss", round(float(-np.mean(y_train * np.log(p) + (1 - y_train) * np.log(1 - p))), 4))

train_acc = np.mean((forward(X_train)[-1] > 0.5) == y_train)
test_acc = np.mean((forward(X_test)[-1] > 0.5) == y_test)
print("train accuracy", round(train_acc, 3), " test accuracy", round(test_acc, 3))
