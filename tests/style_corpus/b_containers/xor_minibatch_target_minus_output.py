import numpy as np

np.random.seed(7)

# noisy XOR clouds, trained on mini-batches; error defined as target - output
corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
which = np.random.randint(0, 4, 400)
X = corners[which] + np.random.randn(400, 2) * 0.1
y = np.array([0, 1, 1, 0], dtype=float)[which].reshape(-1, 1)

syn0 = 2 * np.random.random((2, 8)) - 1
bias0 = np.zeros((1, 8))
syn1 = 2 * np.random.random((8, 1)) - 1
bias1 = np.zeros((1, 1))


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


alpha, batch = 1.0, 20
for epoch in range(300):
    order = np.random.permutation(len(X))
    for k in range(0, len(X), batch):
        rows = order[k:k + batch]
        l0 = X[rows]
        l1 = nonlin(l0 @ syn0 + bias0)
        l2 = nonlin(l1 @ syn1 + bias1)
        l2_error = y[rows] - l2
        l2_delta = l2_error * nonlin(l2, deriv=True)
        l1_error = l2_delta @ syn1.T
        l1_delta = l1_error * nonlin(l1, deriv=True)
        syn1 += alpha * l1.T @ l2_delta
        bias1 += alpha * l2_delta.sum(axis=0, keepdims=True)
        syn0 += alpha * l0.T @ l1_delta
        bias0 += alpha * l1_delta.sum(axis=0, keepdims=True)
    if epoch % 50 == 0 or epoch == 299:
        out = nonlin(nonlin(X @ syn0 + bias0) @ syn1 + bias1)
        print("epoch %3d  mse %.4f  accuracy %.3f" % (epoch, np.mean((y - out) ** 2), np.mean((out > 0.5) == y)))
