# Defect detection on a wafer: a point (x, y) on the unit square is defective (1)
# when it lies in the hot spot around (0.7, 0.7).  Trask-style two layer network
# trained on the log loss.
import numpy as np

np.random.seed(0)

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.random.uniform(0, 1, (300, 2))
y = ((X[:, 0] - 0.7) ** 2 + (X[:, 1] - 0.7) ** 2 < 0.04).astype(float).reshape(-1, 1)
print("defective points:", int(y.sum()), "of", len(y))

syn0 = 2 * np.random.random((2, 16)) - 1
b0 = np.zeros((1, 16))
syn1 = 2 * np.random.random((16, 1)) - 1
b1 = np.zeros((1, 1))
alpha = 0.02

for it in range(5000):
    l0 = X
    l1 = nonlin(l0.dot(syn0) + b0)
    l2 = nonlin(l1.dot(syn1) + b1)

    loss = -np.mean(y * np.log(l2 + 1e-9) + (1 - y) * np.log(1 - l2 + 1e-9))
    if it % 1000 == 0:
        print("iter", it, "log loss", round(loss, 4))

    # gradient of the log loss through the output sigmoid
    l2_delta = l2 - y
    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)

    syn1 -= alpha * l1.T.dot(l2_delta)
    b1 -= alpha * l2_delta.sum(axis=0, keepdims=True)
    syn0 -= alpha * l0.T.dot(l1_delta)
    b0 -= alpha * l1_delta.sum(axis=0, keepdims=True)

found = (l2 > 0.5) & (y == 1)
print("final log loss", round(loss, 4))
print("accuracy", round(np.mean((l2 > 0.5) == y), 3), " defects found", int(found.sum()), "/", int(y.sum()))
