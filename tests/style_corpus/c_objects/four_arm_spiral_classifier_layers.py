import numpy as np

rng = np.random.default_rng(42)

# 4-arm spiral
K, per_arm = 4, 80
pts, lab = [], []
for k in range(K):
    r = np.linspace(0.1, 1.0, per_arm)
    a = k * 2 * np.pi / K + r * 3.0 + rng.normal(0, 0.12, per_arm)
    pts.append(np.c_[r * np.cos(a), r * np.sin(a)])
    lab.append(np.full(per_arm, k))
X, y = np.concatenate(pts), np.concatenate(lab)


class Linear:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g, lr):
        dx = g @ self.W.T
        self.W -= lr * self.x.T @ g
        self.b -= lr * g.sum(axis=0)
        return dx


class LeakyReLU:
    def __init__(self, slope=0.01):
        self.slope = slope

    def forward(self, x):
        self.pos = x > 0
        return np.where(self.pos, x, self.slope * x)

    def backward(self, g, lr):
        return g * np.where(self.pos, 1.0, self.slope)


class Classifier:
    def __init__(self, sizes):
        self.layers = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            self.layers += [Linear(n_in, n_out), LeakyReLU()]
        self.layers.pop()  # no activation after the last layer, softmax is in the loss

    def scores(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def probabilities(self, X):
        s = self.scores(X)
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def fit(self, X, y, epochs=1500, lr=0.3):
        onehot = np.eye(K)[y]
        for epoch in range(epochs):
            p = self.probabilities(X)
            g = (p - onehot) / len(X)
            for layer in reversed(self.layers):
                g = layer.backward(g, lr)
            if epoch % 300 == 0:
                print(f"epoch {epoch}: cross-entropy {-np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)):.4f}")

    def predict(self, X):
        return np.argmax(self.probabilities(X), axis=0)


clf = Classifier([2, 32, 32, K])
clf.fit(X, y)
print("training accuracy:", np.mean(clf.predict(X) == y))
