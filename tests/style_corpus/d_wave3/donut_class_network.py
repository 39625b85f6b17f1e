import numpy as np


class NeuralNetwork:
    """2 -> hidden -> 1 network: tanh hidden layer, sigmoid output, log loss."""

    def __init__(self, n_input, n_hidden, learning_rate=0.5, seed=3):
        rng = np.random.RandomState(seed)
        self.W1 = rng.randn(n_input, n_hidden) * 0.5
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.randn(n_hidden, 1) * 0.5
        self.b2 = np.zeros((1, 1))
        self.lr = learning_rate

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def feedforward(self, X):
        self.a1 = np.tanh(np.dot(X, self.W1) + self.b1)
        self.a2 = self.sigmoid(np.dot(self.a1, self.W2) + self.b2)
        return self.a2

    def backprop(self, X, y):
        m = len(X)
        d2 = (self.a2 - y) / m
        d1 = np.dot(d2, self.W2.T) * (1 - self.a1 ** 2)
        dW2 = np.dot(self.a1.T, d2)
        dW1 = np.dot(self.a1.T, d1)
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * np.sum(d2, axis=0, keepdims=True)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * np.sum(d1, axis=0, keepdims=True)

    def loss(self, y):
        p = np.clip(self.a2, 1e-8, 1 - 1e-8)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def train(self, X, y, epochs=3000):
        for i in range(epochs):
            self.feedforward(X)
            self.backprop(X, y)
            if i % 500 == 0:
                print("epoch %4d  loss %.4f" % (i, self.loss(y)))

    def predict(self, X):
        return (self.feedforward(X) > 0.5).astype(int)


# donut: class 1 on a ring, class 0 in the middle and outside
rng = np.random.RandomState(0)
r = np.concatenate([rng.uniform(0, 0.8, 150), rng.uniform(1.0, 1.6, 150), rng.uniform(1.8, 2.4, 100)])
theta = rng.uniform(0, 2 * np.pi, r.size)
X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
y = ((r > 0.9) & (r < 1.7)).astype(int).reshape(-1, 1)

nn = NeuralNetwork(2, 10)
nn.train(X, y)
print("final loss:", round(nn.loss(y), 4))
print("accuracy:", np.mean(nn.predict(X) == y))
