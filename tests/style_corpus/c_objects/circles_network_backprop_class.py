import numpy as np

np.random.seed(13)

# ring vs. centre, generated in polar coordinates
def circles(n=400, noise=0.08):
    half = n // 2
    t = np.random.uniform(0, 2 * np.pi, n)
    r = np.r_[np.full(half, 0.4), np.full(n - half, 1.0)] + noise * np.random.randn(n)
    X = np.c_[r * np.cos(t), r * np.sin(t)]
    y = np.r_[np.ones(half), np.zeros(n - half)].reshape(-1, 1)
    return X, y


class Network:
    def __init__(self, layer_sizes, learning_rate=0.3):
        n_in, n_hidden, n_out = layer_sizes
        self.W1 = np.random.randn(n_in, n_hidden) * 0.8
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, n_out) * 0.8
        self.b2 = np.zeros((1, n_out))
        self.learning_rate = learning_rate

    def sigmoid(self, s):
        return 1 / (1 + np.exp(-s))

    def feedforward(self, X):
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = np.tanh(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backprop(self, X, y):
        m = X.shape[0]
        d2 = (self.a2 - y) / m                   # log loss with a sigmoid output
        dW2 = np.dot(d2, self.a1)
        db2 = np.sum(d2, axis=0, keepdims=True)
        d1 = np.dot(d2, self.W2.T) * (1 - self.a1 ** 2)
        dW1 = np.dot(X.T, d1)
        db1 = np.sum(d1, axis=0, keepdims=True)

        self.W1 -= self.learning_rate * dW1
        self.b1 -= self.learning_rate * db1
        self.W2 -= self.learning_rate * dW2
        self.b2 -= self.learning_rate * db2

    def train(self, X, y, epochs=3000):
        for epoch in range(epochs):
            p = self.feedforward(X)
            self.backprop(X, y)
            if epoch % 500 == 0:
                p = np.clip(p, 1e-9, 1 - 1e-9)
                loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
                print(f"epoch {epoch}: loss {loss:.4f}, acc {np.mean((p > 0.5) == y):.3f}")


X, y = circles()
net = Network([2, 10, 1], learning_rate=1.0)
net.train(X, y)
