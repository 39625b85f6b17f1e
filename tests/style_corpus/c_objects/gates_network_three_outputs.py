import numpy as np

np.random.seed(4)

# learn AND, OR and XOR at the same time: 3 outputs
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = np.array([[0, 0, 0],
              [0, 1, 1],
              [0, 1, 1],
              [1, 1, 0]])


class GateNet:
    def __init__(self, n_in=2, n_hidden=4, n_out=3, lr=0.5):
        # random starting weights between -3 and 3
        self.W1 = np.random.randint(-3, 4, size=(n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = np.random.randint(-3, 4, size=(n_hidden, n_out))
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    @staticmethod
    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    def forward(self, X):
        self.H = self.sigmoid(X @ self.W1 + self.b1)
        self.O = self.sigmoid(self.H @ self.W2 + self.b2)
        return self.O

    def train(self, X, Y, epochs=5000):
        for epoch in range(epochs):
            O = self.forward(X)
            dO = (O - Y) / len(X)
            dH = (dO @ self.W2.T) * self.H * (1 - self.H)
            self.W2 -= self.lr * self.H.T @ dO
            self.b2 -= self.lr * dO.sum(axis=0, keepdims=True)
            self.W1 -= self.lr * X.T @ dH
            self.b1 -= self.lr * dH.sum(axis=0, keepdims=True)
            if epoch % 1000 == 0:
                O = np.clip(O, 1e-8, 1 - 1e-8)
                print(epoch, -np.mean(Y * np.log(O) + (1 - Y) * np.log(1 - O)))


net = GateNet()
net.train(X, Y)
print("AND OR XOR")
print((net.forward(X) > 0.5).astype(int))
