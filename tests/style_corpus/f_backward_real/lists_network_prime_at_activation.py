# A network object holding lists of weight matrices and bias columns, one sample at a time
# (column vectors), backprop returning per-layer gradient lists that a mini-batch step averages.
import random

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z) * (1 - sigmoid(z))


class Network:
    def __init__(self, sizes):
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.biases = [np.random.randn(n, 1) for n in sizes[1:]]
        self.weights = [np.random.randn(n, m) for m, n in zip(sizes[:-1], sizes[1:])]

    def feedforward(self, a):
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def sgd(self, data, epochs, batch_size, eta):
        for epoch in range(epochs):
            random.shuffle(data)
            for k in range(0, len(data), batch_size):
                self.update_batch(data[k:k + batch_size], eta)
            if epoch % 10 == 0:
                print(epoch, self.evaluate(data) / len(data))

    def update_batch(self, batch, eta):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in batch:
            delta_b, delta_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_w)]
        self.weights = [w - (eta / len(batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        delta = (activations[-1] - y) * sigmoid_prime(activations[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, self.num_layers):
            z = zs[-l]
            sp = sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w

    def evaluate(self, data):
        return sum(int(np.argmax(self.feedforward(x)) == np.argmax(y)) for x, y in data)


np.random.seed(1)
random.seed(1)
centres = [(0.0, 2.0), (2.0, -1.0), (-2.0, -1.0)]
data = []
for label, (cx, cy) in enumerate(centres):
    for _ in range(60):
        x = np.array([[cx + 0.6 * np.random.randn()], [cy + 0.6 * np.random.randn()]])
        t = np.zeros((3, 1))
        t[label] = 1.0
        data.append((x, t))

net = Network([2, 12, 3])
net.sgd(data, 40, 10, 3.0)
