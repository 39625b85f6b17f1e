import numpy as np


class SoftmaxRegressor:
    """One dense layer + softmax, 1-D bias vector, mini-batches of 25."""

    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * 0.01
        self.b = np.zeros(n_out)

    def probs(self, X):
        s = X @ self.W + self.b
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def step(self, X, Y, lr):
        g = (self.probs(X) - Y) / len(X)
        self.W -= lr * X.T @ g
        self.b -= lr * g


np.random.seed(3)
centres = np.array([[0, 0], [3, 3], [0, 4], [4, 0]])
labels = np.random.randint(0, 4, 400)
X = centres[labels] + np.random.randn(400, 2)
Y = np.eye(4)[labels]
model = SoftmaxRegressor(2, 4)
for epoch in range(30):
    perm = np.random.permutation(400)
    for k in range(0, 400, 25):
        idx = perm[k:k + 25]
        model.step(X[idx], Y[idx], 0.5)
    print(epoch, np.mean(model.probs(X).argmax(axis=1) == labels))
