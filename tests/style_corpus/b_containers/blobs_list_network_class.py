"""Lists of weight matrices and bias columns, one per layer, built with comprehensions.
Samples are columns; each mini-batch goes through backprop as one matrix.
Four gaussian blobs, one-hot targets, cross-entropy on sigmoid outputs."""
import random

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


class Net:
    def __init__(self, layer_sizes):
        self.layer_sizes = layer_sizes
        self.bs = [np.zeros((n, 1)) for n in layer_sizes[1:]]
        self.ws = [np.random.randn(n_out, n_in) / np.sqrt(n_in)
                   for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:])]

    def feedforward(self, a):
        for w, b in zip(self.ws, self.bs):
            a = sigmoid(w @ a + b)
        return a

    def gradients(self, X, Y):
        """X: (n_in, m), Y: (n_out, m); returns lists of bias and weight gradients"""
        acts, zs = [X], []
        for w, b in zip(self.ws, self.bs):
            zs.append(w @ acts[-1] + b)
            acts.append(sigmoid(zs[-1]))
        grad_b = [None] * len(self.bs)
        grad_w = [None] * len(self.ws)
        delta = acts[-1] - Y          # cross-entropy + sigmoid output
        for layer in range(len(self.ws) - 1, -1, -1):
            grad_b[layer] = delta.sum(axis=1, keepdims=True)
            grad_w[layer] = delta @ acts[layer].T
            if layer > 0:
                delta = (self.ws[layer].T @ delta) * sigmoid_prime(zs[layer - 1])
        return grad_b, grad_w

    def train(self, data, epochs, batch_size, eta, test=None):
        for epoch in range(epochs):
            random.shuffle(data)
            for k in range(0, len(data), batch_size):
                batch = data[k:k + batch_size]
                X = np.hstack([x for x, _ in batch])
                Y = np.hstack([y for _, y in batch])
                grad_b, grad_w = self.gradients(X, Y)
                self.ws = [w - eta / len(batch) * gw for w, gw in zip(self.ws, grad_w)]
                self.bs = [b - eta / len(batch) * gb for b, gb in zip(self.bs, grad_b)]
            if test and epoch % 5 == 0:
                print("epoch %2d: %d / %d correct" % (epoch, self.correct(test), len(test)))

    def correct(self, test):
        return sum(int(np.argmax(self.feedforward(x)) == label) for x, label in test)

    def cost(self, data):
        total = 0.0
        for x, y in data:
            a = np.clip(self.feedforward(x), 1e-12, 1 - 1e-12)
            total -= np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))
        return total / len(data)


random.seed(2)
np.random.seed(2)
centres = np.array([[1.0, 1.0], [-1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]])
labels = np.random.randint(0, 4, 500)
points = centres[labels] + np.random.randn(500, 2) * 0.45
one_hot = np.eye(4)[labels]
train_data = [(p.reshape(2, 1), t.reshape(4, 1)) for p, t in zip(points[:400], one_hot[:400])]
test_data = [(p.reshape(2, 1), int(l)) for p, l in zip(points[400:], labels[400:])]

net = Net([2, 10, 4])
print("cost before training: %.4f" % net.cost(train_data))
net.train(train_data, 20, 10, 1.0, test=test_data)
print("cost after training: %.4f" % net.cost(train_data))
print("test accuracy: %d / %d" % (net.correct(test_data), len(test_data)))
