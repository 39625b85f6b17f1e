import numpy as np

np.random.seed(10)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)


class MLP:
    def __init__(self, n_input, n_hidden, n_output, lr=1.0):
        # small random weights so the hidden units start out different
        self.W1 = np.random.randn(n_input, n_hidden)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randn(n_hidden, n_output)
        self.b2 = np.zeros((1, n_output))
        self.lr = lr

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def forward(self, X):
        self.h = self.sigmoid(X @ self.W1 + self.b1)
        self.out = self.sigmoid(self.h @ self.W2 + self.b2)
        return self.out

    def backward(self, X, y):
        d_out = (self.out - y) * self.out * (1 - self.out)
        d_h = (d_out @ self.W2.T) * self.h * (1 - self.h)
        self.W2 -= self.lr * self.h.T @ d_out
        self.b2 -= self.lr * d_out.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * X.T @ d_h
        self.b1 -= self.lr * d_h.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs=10000, verbose=True):
        for epoch in range(epochs):
            self.forward(X)
            self.backward(X, y)
            if verbose and epoch % 2500 == 0:
                print("epoch", epoch, "mse", np.mean((self.out - y) ** 2))


mlp = MLP(2, 4, 1)
mlp.train(X, y)
print("outputs:", mlp.forward(X).ravel())
print("hidden layer weights:\n", mlp.W1)
