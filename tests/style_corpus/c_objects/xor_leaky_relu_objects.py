import numpy as np

np.random.seed(42)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])


class LeakyReLU:
    def __init__(self, alpha=0.01):
        self.alpha = alpha

    def __call__(self, x):
        return x if x > 0 else self.alpha * x

    def gradient(self, x):
        return 1 if x > 0 else self.alpha


class Sigmoid:
    def __call__(self, x):
        return 1 / (1 + np.exp(-x))

    def gradient(self, x):
        s = self(x)
        return s * (1 - s)


class DenseLayer:
    def __init__(self, n_inputs, n_neurons, activation):
        self.weights = np.random.uniform(-1, 1, (n_inputs, n_neurons))
        self.biases = np.zeros((1, n_neurons))
        self.activation = activation

    def forward(self, inputs):
        self.inputs = inputs
        self.z = np.dot(inputs, self.weights) + self.biases
        return self.activation(self.z)

    def backward(self, grad_output, lr):
        delta = grad_output * self.activation.gradient(self.z)
        grad_inputs = np.dot(delta, self.weights.T)
        self.weights -= lr * np.dot(self.inputs.T, delta)
        self.biases -= lr * np.sum(delta, axis=0, keepdims=True)
        return grad_inputs


network = [DenseLayer(2, 4, LeakyReLU()), DenseLayer(4, 1, Sigmoid())]

for epoch in range(5000):
    a = X
    for layer in network:
        a = layer.forward(a)
    loss = np.mean((a - y) ** 2)

    grad = 2 * (a - y) / len(X)
    for layer in reversed(network):
        grad = layer.backward(grad, lr=0.5)

    if epoch % 1000 == 0:
        print("epoch", epoch, "loss", round(loss, 4))

print("predictions:", a.round(2).ravel())
