import numpy as np


class NeuralNetwork:
    def __init__(self, layers, learning_rate=0.5):
        np.random.seed(1)
        self.w1 = np.random.uniform(-1, 1, (layers[0], layers[1]))
        self.b1 = np.zeros((1, layers[1]))
        self.w2 = np.random.uniform(-1, 1, (layers[1], layers[2]))
        self.b2 = np.zeros((1, layers[2]))
        self.lr = learning_rate

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(self, s):
        # s is the output of the sigmoid
        return s * (1 - s)

    def forward(self, X):
        self.z1 = X @ self.w1 + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = self.a1 @ self.w2 + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y):
        m = X.shape[0]
        delta2 = (self.a2 - y) / m
        delta1 = (delta2 @ self.w2.T) * self.sigmoid_derivative(self.a1)
        self.w2 -= self.lr * self.a1.T @ delta2
        self.b2 -= self.lr * delta2.sum(axis=0, keepdims=True)
        self.w1 -= self.lr * X.T @ delta1
        self.b1 -= self.lr * delta1.sum(axis=0, keepdims=True)

    def train(self, X, y, epochs):
        for e in range(epochs):
            out = self.forward(X)
            self.backward(X, y)
            if e % 500 == 0:
                o = np.clip(out, 1e-9, 1 - 1e-9)
                print(e, -np.mean(y * np.log(o) + (1 - y) * np.log(1 - o)))


rng = np.random.RandomState(0)
r = np.r_[rng.uniform(0, 1, 100), rng.uniform(1.5, 2.5, 100)]
ang = rng.uniform(0, 2 * np.pi, 200)
X = np.c_[r * np.cos(ang), r * np.sin(ang)]
y = np.r_[np.zeros(100), np.ones(100)].reshape(-1, 1)

nn = NeuralNetwork([2, 8, 1])
nn.train(X, y, 2000)
print("accuracy", np.mean((nn.forward(X) > 0.5) == y))
