"""
Multilayer perceptron for XOR, written as a class.
2 inputs -> 4 hidden (sigmoid) -> 1 output (sigmoid), trained with squared error.
"""
import numpy as np


class MultiLayerPerceptron:
    def __init__(self, n_inputs=2, n_hidden=4, n_outputs=1, eta=0.8, seed=5):
        rng = np.random.RandomState(seed)
        self.W_ih = rng.uniform(-1, 1, size=(n_inputs, n_hidden))
        self.b_h = np.zeros((1, n_hidden))
        self.W_ho = rng.uniform(-1, 1, size=(n_hidden, n_outputs))
        self.b_o = np.zeros((1, n_outputs))
        self.eta = eta

    @staticmethod
    def sigmoid(x):
        return 1.0 / (1.0 + np.exp(-x))

    @staticmethod
    def sigmoid_prime(s):
        # s is already sigmoid(x)
        return s * (1.0 - s)

    def predict(self, X):
        self.hidden = self.sigmoid(X @ self.W_ih + self.b_h)
        self.output = self.sigmoid(self.hidden @ self.W_ho + self.b_o)
        return self.output

    def fit(self, X, T, epochs=8000):
        history = []
        for epoch in range(epochs):
            Y = self.predict(X)
            error = Y - T
            history.append(np.mean(error ** 2))

            delta_o = error * self.sigmoid_prime(Y)
            hidden_error = delta_o @ self.W_ho.T
            delta_h = delta_o * self.sigmoid_prime(self.hidden)

            self.W_ho -= self.eta * self.hidden.T @ delta_o
            self.b_o -= self.eta * delta_o.sum(axis=0, keepdims=True)
            self.W_ih -= self.eta * X.T @ delta_h
            self.b_h -= self.eta * delta_h.sum(axis=0, keepdims=True)
        return history


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
T = np.array([[0], [1], [1], [0]], dtype=float)

mlp = MultiLayerPerceptron()
history = mlp.fit(X, T)
for epoch in range(0, len(history), 2000):
    print(f"epoch {epoch}: mse {history[epoch]:.4f}")
print("final mse:", round(history[-1], 4))
print("outputs:", mlp.predict(X).ravel().round(3))
