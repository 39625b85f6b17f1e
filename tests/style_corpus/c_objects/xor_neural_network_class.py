"""A neural network class that learns XOR (2 inputs, 4 hidden sigmoid units, 1 sigmoid output)."""
import numpy as np


class NeuralNetwork:
    def __init__(self, x, y, n_hidden=4, learning_rate=0.5):
        self.input = x
        self.y = y
        self.weights1 = np.random.rand(self.input.shape[1], n_hidden) - 0.5
        self.bias1 = np.zeros((1, n_hidden))
        self.weights2 = np.random.rand(n_hidden, 1) - 0.5
        self.bias2 = np.zeros((1, 1))
        self.learning_rate = learning_rate
        self.output = np.zeros(self.y.shape)

    @staticmethod
    def sigmoid(x):
        return 1.0 / (1 + np.exp(-x))

    @staticmethod
    def sigmoid_derivative(s):
        # s is the sigmoid output
        return s * (1.0 - s)

    def feedforward(self):
        self.layer1 = self.sigmoid(np.dot(self.input, self.weights1) + self.bias1)
        self.output = self.sigmoid(np.dot(self.layer1, self.weights2) + self.bias2)

    def backprop(self):
        # chain rule for the squared error (y - output)^2
        d_output = 2 * (self.y - self.output) * self.sigmoid_derivative(self.output)
        d_layer1 = np.dot(d_output, self.weights2.T) * self.sigmoid_derivative(self.layer1)

        self.weights2 += self.learning_rate * np.dot(self.layer1.T, d_output)
        self.bias2 += self.learning_rate * np.sum(d_output, axis=0, keepdims=True)
        self.weights1 += self.learning_rate * np.dot(self.input.T, d_layer1)
        self.bias1 += self.learning_rate * np.sum(d_layer1, axis=0, keepdims=True)


if __name__ == "__main__":
    np.random.seed(1)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([[0], [1], [1], [0]])
    nn = NeuralNetwork(X, y)

    for i in range(6000):
        nn.feedforward()
        nn.backprop()
        if i % 1000 == 0:
            print("iteration", i, "loss", np.mean(np.square(y - nn.output)))

    nn.feedforward()
    print(nn.output.round(3))
