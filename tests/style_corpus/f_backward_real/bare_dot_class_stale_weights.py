# Names imported one by one from numpy (dot, exp, random, array), a two-layer network object
# whose train method does the whole forward and backward pass with bare dot().
from numpy import array, dot, exp, random


class TwoLayerNet:
    def __init__(self, n_in, n_hidden):
        random.seed(4)
        self.hidden_weights = 2 * random.random((n_in, n_hidden)) - 1
        self.output_weights = 2 * random.random((n_hidden, 1)) - 1

    def _sigmoid(self, x):
        return 1 / (1 + exp(-x))

    def _sigmoid_derivative(self, x):
        return x * (1 - x)

    def think(self, inputs):
        hidden = self._sigmoid(dot(inputs, self.hidden_weights))
        output = self._sigmoid(dot(hidden, self.output_weights))
        return hidden, output

    def train(self, inputs, targets, iterations):
        for it in range(iterations):
            hidden, output = self.think(inputs)
            output_error = targets - output
            output_delta = output_error * self._sigmoid_derivative(output)
            self.output_weights += dot(hidden.T, output_delta)
            hidden_error = dot(output_delta, self.output_weights.T)
            hidden_delta = hidden_error * self._sigmoid_derivative(hidden)
            self.hidden_weights += dot(inputs.T, hidden_delta)
            if it % 2000 == 0:
                print(it, float((output_error ** 2).mean()))


inputs = array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1], [0, 1, 0], [1, 0, 0]])
targets = array([[0, 1, 1, 0, 1, 1]]).T
net = TwoLayerNet(3, 5)
net.train(inputs, targets, 10001)
print(net.think(array([[1, 1, 0]]))[1])
