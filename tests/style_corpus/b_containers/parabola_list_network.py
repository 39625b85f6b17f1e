import numpy as np


class Network:
    def __init__(self, sizes, seed=3):
        rng = np.random.RandomState(seed)
        self.sizes = sizes
        self.weights = [rng.randn(n_out, n_in) * 0.7 for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(n_out) for n_out in sizes[1:]]

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def feedforward(self, a):
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(w @ a + b)
        return a

    def backprop(self, x, y):
        activations = [x]
        for w, b in zip(self.weights, self.biases):
            activations.append(self.sigmoid(w @ activations[-1] + b))
        nabla_w = [np.zeros_like(w) for w in self.weights]
        nabla_b = [np.zeros_like(b) for b in self.biases]
        delta = activations[-1] - y
        for l in range(1, len(self.sizes)):
            nabla_w[-l] = np.outer(delta, activations[-l - 1])
            nabla_b[-l] = delta
            if l < len(self.sizes) - 1:
                a = activations[-l - 1]
                delta = (self.weights[-l].T @ delta) * a * (1 - a)
        return nabla_w, nabla_b

    def train(self, X, Y, epochs=40, eta=0.5):
        for epoch in range(epochs):
            for x, y in zip(X, Y):
                nabla_w, nabla_b = self.backprop(x, y)
                self.weights = [w - eta * nw for w, nw in zip(self.weights, nabla_w)]
                self.biases = [b - eta * nb for b, nb in zip(self.biases, nabla_b)]
            if epoch % 10 == 0:
                print("epoch", epoch, "loss %.4f" % self.loss(X, Y), "accuracy", self.accuracy(X, Y))

    def loss(self, X, Y):
        p = np.clip([self.feedforward(x)[0] for x in X], 1e-12, 1 - 1e-12)
        return -np.mean(Y[:, 0] * np.log(p) + (1 - Y[:, 0]) * np.log(1 - p))

    def accuracy(self, X, Y):
        return np.mean([float(self.feedforward(x)[0] > 0.5) == y[0] for x, y in zip(X, Y)])


rng = np.random.RandomState(0)
X = rng.uniform(-1, 1, (300, 2))
Y = (X[:, 1] > X[:, 0] ** 2 - 0.5).astype(float).reshape(-1, 1)   # above the parabola

net = Network([2, 6, 1])
net.train(X, Y)
print("final accuracy", net.accuracy(X, Y))
