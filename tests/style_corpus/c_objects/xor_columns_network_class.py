import numpy as np

np.random.seed(1)

# samples are the columns here: X has shape (n_features, n_samples)
X = np.array([[0, 0, 1, 1],
              [0, 1, 0, 1]], dtype=float)
Y = np.array([[0, 1, 1, 0]], dtype=float)


class ShallowNet:
    def __init__(self, n_x, n_h, n_y, learning_rate=1.2):
        self.W1 = np.random.randn(n_h, n_x) * 0.5
        self.b1 = np.zeros((n_h, 1))
        self.W2 = np.random.randn(n_y, n_h) * 0.5
        self.b2 = np.zeros((n_y, 1))
        self.learning_rate = learning_rate

    @staticmethod
    def sigmoid(Z):
        return 1 / (1 + np.exp(-Z))

    def forward(self, X):
        self.Z1 = self.W1 @ X + self.b1
        self.A1 = np.tanh(self.Z1)
        self.Z2 = self.W2 @ self.A1 + self.b2
        self.A2 = self.sigmoid(self.Z2)
        return self.A2

    def cost(self, Y):
        m = Y.shape[1]
        A2 = np.clip(self.A2, 1e-8, 1 - 1e-8)
        return -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m

    def backward(self, X, Y):
        m = X.shape[1]
        dZ2 = self.A2 - Y
        dW2 = dZ2 @ self.A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (self.W2.T @ dZ2) * (1 - self.A1 ** 2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        self.W1 -= self.learning_rate * dW1
        self.b1 -= self.learning_rate * db1
        self.W2 -= self.learning_rate * dW2
        self.b2 -= self.learning_rate * db2


net = ShallowNet(n_x=2, n_h=4, n_y=1)
for i in range(5000):
    net.forward(X)
    if i % 1000 == 0:
        print(f"Cost after iteration {i}: {net.cost(Y):.6f}")
    net.backward(X, Y)

A2 = net.forward(X)
print("predictions:", (A2 > 0.5).astype(int), "A2 shape:", A2.shape)
