import numpy as np

# 3-bit parity: output 1 when an odd number of inputs are on
X = np.array([[0, 0, 0],
              [0, 0, 1],
              [0, 1, 0],
              [0, 1, 1],
              [1, 0, 0],
              [1, 0, 1],
              [1, 1, 0],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]]).T

np.random.seed(1)


class NeuralNetwork:
    def __init__(self, n_in, n_hidden, n_out):
        # weights in [-1, 1), mean 0
        self.syn0 = 2 * np.random.random((n_in, n_hidden)) - 1
        self.bias0 = np.zeros((1, n_hidden))
        self.syn1 = 2 * np.random.random((n_hidden, n_out)) - 1
        self.bias1 = np.zeros((1, n_out))

    def relu(self, x, deriv=False):
        if deriv:
            return (x > 0).astype(float)
        return np.maximum(0, x)

    def sigmoid(self, x, deriv=False):
        if deriv:
            return x * (1 - x)
        return 1 / (1 + np.exp(-x))

    def think(self, X):
        self.l1 = self.relu(np.dot(X, self.syn0) + self.bias0)
        self.l2 = self.sigmoid(np.dot(self.l1, self.syn1) + self.bias1)
        return self.l2

    def train(self, X, y, iterations=20000, lr=0.5):
        for j in range(iterations):
            l2 = self.think(X)

            l2_error = y - l2
            if j % 4000 == 0:
                print("Error:", np.mean(np.abs(l2_error)))

            l2_delta = l2_error * self.sigmoid(l2, deriv=True)
            l1_error = l2_delta.dot(self.syn1.T)
            l1_delta = self.relu(l1_error, deriv=True)

            self.syn1 += lr * self.l1.T.dot(l2_delta)
            self.bias1 += lr * l2_delta.sum(axis=0, keepdims=True)
            self.syn0 += lr * X.T.dot(l1_delta)
            self.bias0 += lr * l1_delta.sum(axis=0, keepdims=True)


nn = NeuralNetwork(3, 16, 1)
nn.train(X, y)
out = nn.think(X)
print("Output after training:", out.ravel().round(3))
print("accuracy:", np.mean((out > 0.5) == y))
