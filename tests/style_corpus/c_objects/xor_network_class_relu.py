import numpy as np

np.random.seed(0)


class Network:
    def __init__(self, input_size, hidden_size, output_size, learning_rate=0.1):
        self.lr = learning_rate
        self.W1 = np.random.randn(input_size, hidden_size) * 0.5
        self.b1 = np.random.randn(input_size, hidden_size) * 0.5
        self.W2 = np.random.randn(hidden_size, output_size) * 0.5
        self.b2 = np.random.randn(hidden_size, output_size) * 0.5

    @staticmethod
    def relu(x):
        return np.maximum(0, x)

    @staticmethod
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def forward(self, X):
        self.z1 = X.dot(self.W1) + self.b1
        self.a1 = self.relu(self.z1)
        self.z2 = self.a1.dot(self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y):
        m = len(X)
        dz2 = (self.a2 - y) / m
        dW2 = self.a1.T.dot(dz2)
        db2 = np.sum(dz2, axis=0, keepdims=True)
        dz1 = dz2.dot(self.W2.T) * (self.z1 > 0)
        dW1 = X.T.dot(dz1)
        db1 = np.sum(dz1, axis=0, keepdims=True)
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1

    def train(self, X, y, epochs):
        for i in range(epochs):
            out = self.forward(X)
            self.backward(X, y)
            if i % 1000 == 0:
                bce = -np.mean(y * np.log(out + 1e-9) + (1 - y) * np.log(1 - out + 1e-9))
                print("epoch", i, "loss", bce)


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

net = Network(2, 8, 1, learning_rate=0.5)
net.train(X, y, 5000)
print(net.forward(X))
