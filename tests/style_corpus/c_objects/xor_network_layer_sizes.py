import numpy as np

np.random.seed(5)


class Network:
    def __init__(self, sizes, learning_rate=2.0):
        self.sizes = sizes
        self.weights = [np.random.randn(n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros((1, n_out)) for n_out in sizes[1:]]
        self.learning_rate = learning_rate

    @staticmethod
    def sigmoid(z):
        return 1.0 / (1.0 + np.exp(-z))

    def feedforward(self, a):
        activations = [a]
        for W, b in zip(self.weights, self.biases):
            a = self.sigmoid(a @ W + b)
            activations.append(a)
        return activations

    def train(self, X, y, epochs=5000, report_every=1000):
        for epoch in range(epochs):
            activations = self.feedforward(X)
            output = activations[-1]
            # squared error; the sigmoid derivative written with the activation a*(1-a)
            delta = (output - y) * output * (1 - output)
            grads = []
            for layer in range(len(self.weights) - 1, -1, -1):
                a_prev = activations[layer]
                grads.append((layer, a_prev.T @ delta / len(X), delta.mean(axis=0, keepdims=True)))
                if layer > 0:
                    delta = (delta @ self.weights[layer].T) * a_prev * (1 - a_prev)
            for layer, dW, db in grads:
                self.weights[layer] -= self.learning_rate * dW
                self.biases[layer] -= self.learning_rate * db
            if epoch % report_every == 0:
                print(f"epoch {epoch}: mse {np.mean((output - y) ** 2):.5f}")
        return self

    def predict(self, X):
        return (self.feedforward(X)[-1] > 0.5).astype(int)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

net = Network([2, 3, 1]).train(X, y)
print("predictions:", net.predict(X).ravel(), "expected:", y.ravel())
