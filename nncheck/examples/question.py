"""The network from the question, as first asked: one layer with a sigmoid output.

The loss goes down, so it looks as if it works, but five mistakes hide in it.
"""
import numpy as np

np.random.seed(1)

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 0, 1]]).T


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


class NeuralNetwork:
    def __init__(self, inputs, labels, learning_rate=0.5):
        self.inputs = inputs
        self.labels = labels
        self.learning_rate = learning_rate
        self.weights = np.random.randn(inputs.shape[1], 1)
        self.bias = np.random.randn(inputs.shape[1], 1)

    def feedforward(self):
        self.output = nonlin(np.dot(self.inputs, self.weights + self.bias))
        return self.output

    def backprop(self):
        error = self.labels - self.output
        delta = error * nonlin(self.output, deriv=True)
        self.weights += self.learning_rate * np.dot(self.inputs.T, delta)
        self.bias += self.learning_rate * np.dot(self.inputs.T, delta)
        return error

    def train(self, epochs=2000):
        for epoch in range(epochs):
            self.feedforward()
            error = self.backprop()
            if epoch % 500 == 0:
                print("Error:", np.sum(error))

    def predict(self, inputs):
        self.inputs = inputs
        return feedforward()


nn = NeuralNetwork(X, y)
nn.train()
print(nn.predict(X))
