import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Network:
    def __init__(self, sizes):
        rng = np.random.default_rng(0)
        self.sizes = sizes
        self.weights = [rng.normal(0, 1, (y, x)) for x, y in zip(sizes[:-1], sizes[1:])]
        self.biases = [rng.normal(0, 1, (y, 1)) for y in sizes[1:]]
        self.nabla_w = [np.zeros(w.shape) for w in self.weights]
        self.nabla_b = [np.zeros(b.shape) for b in self.biases]

    def feedforward(self, a):
        for w, b in zip(self.weights, self.biases):
            a = sigmoid(w @ a + b)
        return a

    def backprop(self, x, y):
        activations, zs = [x], []
        for w, b in zip(self.weights, self.biases):
            zs.append(w @ activations[-1] + b)
            activations.append(sigmoid(zs[-1]))
        delta = activations[-1] - y  # cross-entropy cost
        grads_w, grads_b = [None] * len(self.weights), [None] * len(self.biases)
        grads_w[-1] = delta @ activations[-2].T
        grads_b[-1] = delta
        for l in range(2, len(self.sizes)):
            s = activations[-l]
            delta = (self.weights[-l + 1].T @ delta) * s * (1 - s)
            grads_w[-l] = delta @ activations[-l - 1].T
            grads_b[-l] = delta
        return grads_w, grads_b

    def update_mini_batch(self, batch, eta):
        for i in range(len(self.weights)):
            self.nabla_w[i].fill(0.0)
            self.nabla_b[i].fill(0.0)
        for x, y in batch:
            gw, gb = self.backprop(x, y)
            for i in range(len(self.weights)):
                self.nabla_w[i] += gw[i]
                self.nabla_b[i] += gb[i]
        for i in range(len(self.weights)):
            self.weights[i] -= (eta / len(batch)) * self.nabla_w[i]
            self.biases[i] -= (eta / len(batch)) * self.nabla_b[i]

    def SGD(self, data, epochs, batch_size, eta):
        rng = np.random.default_rng(1)
        for j in range(epochs):
            order = rng.permutation(len(data))
            data = [data[i] for i in order]
            for k in range(0, len(data), batch_size):
                self.update_mini_batch(data[k:k + batch_size], eta)
            correct = sum(int(np.argmax(self.feedforward(x)) == np.argmax(y)) for x, y in data)
            print("epoch", j, correct, "/", len(data))


# 3x3 "digits": a vertical bar (class 0), a horizontal bar (class 1), noisy
rng = np.random.default_rng(2)
data = []
for i in range(120):
    img = rng.uniform(0, 0.2, (3, 3))
    cls = i % 2
    if cls == 0:
        img[:, rng.integers(3)] = 1.0
    else:
        img[rng.integers(3), :] = 1.0
    target = np.zeros((2, 1))
    target[cls] = 1.0
    data.append((img.reshape(9, 1), target))
Network([9, 6, 2]).SGD(data, 8, 10, 3.0)
