import numpy as np

np.random.seed(1)

# OR gate plus a bit of noise around each corner so there is more than 4 points
corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
labels = np.array([[0], [1], [1], [1]], dtype=float)
X = np.repeat(corners, 25, axis=0) + 0.15 * np.random.randn(100, 2)
y = np.repeat(labels, 25, axis=0)


class NeuralNetwork:
    def __init__(self, n_inputs, n_outputs, learning_rate=0.1):
        self.weights = np.random.randn(n_inputs, n_outputs) * 0.5
        self.bias = np.zeros((1, n_outputs))
        self.lr = learning_rate

    # was a sigmoid before, switched to leaky relu because relu is "better"
    def leaky_relu(self, x):
        return np.where(x > 0, x, x / 100)

    def leaky_relu_derivative(self, x):
        return np.where(x > 0, 1.0, 1 / 100)

    def feedforward(self, X):
        self.z = X @ self.weights + self.bias
        self.output = self.leaky_relu(self.z)
        return self.output

    def backprop(self, X, y):
        error = y - self.output
        delta = error * self.leaky_relu_derivative(self.z)
        self.weights += self.lr * X.T @ delta / len(X)
        self.bias += self.lr * np.sum(delta, axis=0, keepdims=True) / len(X)

    def train(self, X, y, epochs=2000):
        for epoch in range(epochs):
            self.feedforward(X)
            self.backprop(X, y)
            if epoch % 400 == 0:
                print(epoch, "mse", np.mean((y - self.output) ** 2))


nn = NeuralNetwork(2, 1, learning_rate=0.5)
nn.train(X, y)
out = nn.feedforward(X)
print("outputs for the 4 corners:", nn.feedforward(corners).ravel().round(3))
print("accuracy:", np.mean((out > 0.5) == y))
