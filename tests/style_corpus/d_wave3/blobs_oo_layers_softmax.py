import numpy as np

np.random.seed(21)


class Dense:
    def __init__(self, n_inputs, n_neurons):
        self.weights = 0.1 * np.random.randn(n_inputs, n_neurons)
        self.biases = np.zeros((1, n_neurons))

    def forward(self, inputs):
        self.inputs = inputs
        self.output = inputs @ self.weights + self.biases
        return self.output

    def backward(self, dvalues):
        self.dweights = self.inputs.T @ dvalues
        self.dbiases = np.sum(dvalues, axis=0, keepdims=True)
        self.dinputs = dvalues @ self.weights.T
        return self.dinputs


class ReLU:
    def forward(self, inputs):
        self.inputs = inputs
        self.output = np.maximum(0, inputs)
        return self.output

    def backward(self, dvalues):
        self.dinputs = dvalues.copy()
        self.dinputs[self.inputs <= 0] = 0
        return self.dinputs


class Softmax:
    def forward(self, inputs):
        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))
        self.output = exp_values / np.sum(exp_values, axis=1)
        return self.output


class SoftmaxCrossEntropy:
    """softmax output + categorical cross-entropy, backward uses the combined gradient"""

    def __init__(self):
        self.softmax = Softmax()

    def forward(self, inputs, y_true):
        self.output = self.softmax.forward(inputs)
        clipped = np.clip(self.output, 1e-7, 1 - 1e-7)
        return -np.mean(np.log(clipped[range(len(clipped)), y_true]))

    def backward(self, y_true):
        samples = len(self.output)
        self.dinputs = self.output.copy()
        self.dinputs[range(samples), y_true] -= 1
        self.dinputs = self.dinputs / samples
        return self.dinputs


# four blobs in the plane
centers = np.array([[-2, -2], [-2, 2], [2, -2], [2, 2]])
y = np.random.randint(0, 4, 200)
X = centers[y] + np.random.randn(200, 2) * 0.8

dense1 = Dense(2, 32)
activation1 = ReLU()
dense2 = Dense(32, 4)
loss_activation = SoftmaxCrossEntropy()
learning_rate = 0.5

for epoch in range(501):
    dense1.forward(X)
    activation1.forward(dense1.output)
    dense2.forward(activation1.output)
    loss = loss_activation.forward(dense2.output, y)

    predictions = np.argmax(loss_activation.output, axis=1)
    accuracy = np.mean(predictions == y)
    if epoch % 100 == 0:
        print(f"epoch: {epoch}, acc: {accuracy:.3f}, loss: {loss:.3f}")

    loss_activation.backward(y)
    dense2.backward(loss_activation.dinputs)
    activation1.backward(dense2.dinputs)
    dense1.backward(activation1.dinputs)

    for layer in (dense1, dense2):
        layer.weights -= learning_rate * layer.dweights
        layer.biases -= learning_rate * layer.dbiases
