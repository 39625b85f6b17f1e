# Layer objects with forward(inputs) / backward(dvalues) that store their gradients on the
# object (dweights, dbiases, dinputs), a ReLU object, and a softmax + cross-entropy head.
import numpy as np

np.random.seed(0)
K = 3
X = np.vstack([np.random.randn(80, 2) * 0.5 + c for c in ((0, 2), (2, -1), (-2, -1))])
y = np.repeat(np.arange(K), 80)


class Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.1 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.dot(inputs, self.weights) + self.biases

    def backward(self, dvalues):
        self.dweights = np.dot(self.inputs.T, dvalues)
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = np.dot(dvalues, self.weights.T)


class ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)

    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0


class SoftmaxCrossEntropy:
    def forward(self, inputs, y_true):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1, keepdims=True)
        clipped = np.clip(self.output[range(len(inputs)), y_true], 1e-7, 1 - 1e-7)
        return np.mean(-np.log(clipped))

    def backward(self, dvalues, y_true):
        samples = len(dvalues)
        self.dinputs = dvalues.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples


dense1 = Dense(2, 32)
relu1 = ReLU()
dense2 = Dense(32, K)
head = SoftmaxCrossEntropy()
learning_rate = 1.0

for epoch in range(501):
    dense1.forward(X)
    relu1.forward(dense1.output)
    dense2.forward(relu1.output)
    loss = head.forward(dense2.output, y)
    accuracy = np.mean(np.argmax(head.output, axis=1) == y)
    if epoch % 100 == 0:
        print(epoch, round(loss, 4), accuracy)

    head.backward(head.output, y)
    dense2.backward(head.dinputs)
    relu1.backward(dense2.dinputs)
    dense1.backward(relu1.dinputs)

    for layer in (dense1, dense2):
        layer.weights += -learning_rate * layer.dweights
        layer.biases += -learning_rate * layer.dbiases
