"""The question's network, corrected: a leaky-ReLU hidden layer, a sigmoid output that can
model 0/1 labels, biases of shape (1, units) added after the product, and an honest loss."""
import numpy as np

np.random.seed(1)

X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])
y = np.array([[0, 1, 0, 1]]).T


def leaky_relu(x, deriv=False):
    if deriv:
        return np.where(x > 0, 1.0, 0.01)
    return np.where(x > 0, x, x / 100)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class NeuralNetwork:
    def __init__(self, inputs, labels, hidden_units=4, learning_rate=0.5):
        self.inputs = inputs
        self.labels = labels
        self.learning_rate = learning_rate
        self.weights1 = np.random.randn(inputs.shape[1], hidden_units)
        self.bias1 = np.zeros((1, hidden_units))
        self.weights2 = np.random.randn(hidden_units, 1)
        self.bias2 = np.zeros((1, 1))

    def feedforward(self):
        self.hidden_input = np.dot(self.inputs, self.weights1) + self.bias1
        self.hidden = leaky_relu(self.hidden_input)
        self.output = sigmoid(np.dot(self.hidden, self.weights2) + self.bias2)
        return self.output

    def backprop(self):
        # With a sigmoid output and binary cross-entropy, the output delta is the plain error.
        output_delta = self.labels - self.output
        hidden_delta = np.dot(output_delta, self.weights2.T) * leaky_relu(self.hidden_input, deriv=True)
        n = len(self.inputs)
        self.weights2 += self.learning_rate * np.dot(self.hidden.T, output_delta) / n
        self.bias2 += self.learning_rate * np.sum(output_delta, axis=0, keepdims=True) / n
        self.weights1 += self.learning_rate * np.dot(self.inputs.T, hidden_delta) / n
        self.bias1 += self.learning_rate * np.sum(hidden_delta, axis=0, keepdims=True) / n

    def loss(self):
        p = np.clip(self.output, 1e-12, 1 - 1e-12)
        return -np.mean(self.labels * np.log(p) + (1 - self.labels) * np.log(1 - p))

    def train(self, epochs=2000):
        for epoch in range(epochs):
            self.feedforward()
            self.backprop()
            if epoch % 500 == 0:
                print("Loss:", self.loss())

    def predict(self, inputs):
        self.inputs = inputs
        return (self.feedforward() > 0.5).astype(int)


nn = NeuralNetwork(X, y)
nn.train()
print(nn.predict(X).ravel(), "labels:", y.ravel())
