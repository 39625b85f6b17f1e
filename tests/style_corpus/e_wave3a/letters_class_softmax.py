"""Three 'letters' drawn as 12-pixel bit patterns with noise; a softmax classifier class."""
import numpy as np


class SoftmaxClassifier:
    def __init__(self, n_in, n_out, lr=0.5, seed=0):
        rng = np.random.default_rng(seed)
        self.W = rng.normal(0, 0.1, (n_in, n_out))
        self.b = np.zeros((1, n_out))
        self.lr = lr

    def probabilities(self, X):
        z = X @ self.W + self.b
        z = z - z.max(axis=1, keepdims=True)
        return np.exp(z) / np.exp(z).sum(axis=1)

    def fit(self, X, Y, epochs=300):
        for epoch in range(epochs):
            P = self.probabilities(X)
            G = (P - Y) / len(X)
            self.W -= self.lr * X.T @ G
            self.b -= self.lr * G.sum(axis=0, keepdims=True)
            if epoch % 100 == 0:
                print(epoch, "loss", -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1)))
        return self


rng = np.random.default_rng(3)
patterns = rng.integers(0, 2, (3, 12)).astype(float)
labels = rng.integers(0, 3, 90)
X = patterns[labels] + rng.normal(0, 0.2, (90, 12))
Y = np.eye(3)[labels]
clf = SoftmaxClassifier(12, 3).fit(X, Y)
print("accuracy", np.mean(clf.probabilities(X).argmax(axis=1) == labels))
