"""Classify three wheat varieties from 7 kernel measurements stored in wheat_kernels.csv."""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(HERE, "wheat_kernels.csv"), delimiter=",", skiprows=1)
features, variety = data[:, :7], data[:, 7].astype(int)
print("data:", features.shape, "classes:", np.bincount(variety))

# 80/20 split, standardise with the training statistics
n_train = 120
X_train, X_test = features[:n_train], features[n_train:]
y_train, y_test = variety[:n_train], variety[n_train:]
mean, std = X_train.mean(axis=0), X_train.std(axis=0)
X_train = (X_train - mean) / std
X_test = (X_test - mean) / std


class NeuralNet:
    def __init__(self, n_in, n_hidden, n_classes, lr=0.3, seed=0):
        rs = np.random.RandomState(seed)
        self.W1 = rs.normal(0, 0.3, (n_in, n_hidden))
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rs.normal(0, 0.3, (n_hidden, n_classes))
        self.b2 = np.zeros((1, n_classes))
        self.lr = lr
        self.n_classes = n_classes

    def _softmax(self, s):
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def forward(self, X):
        self.H = np.tanh(X @ self.W1 + self.b1)
        self.P = self._softmax(self.H @ self.W2 + self.b2)
        return self.P

    def train(self, X, y, epochs=400):
        T = np.eye(self.n_classes)[y]
        for epoch in range(epochs):
            P = self.forward(X)
            G = (P - T) / len(X)
            dH = G @ self.W2.T * (1 - self.H ** 2)
            self.W2 -= self.lr * self.H.T @ G
            self.b2 -= self.lr * G.sum(axis=0, keepdims=True)
            self.W1 -= self.lr * X.T @ dH
            self.b1 -= self.lr * dH.sum(axis=0, keepdims=True)
            if epoch % 100 == 0:
                ce = -np.mean(np.log(P[np.arange(len(y)), y] + 1e-10))
                print(f"epoch {epoch}: cross-entropy {ce:.4f}")

    def predict(self, X):
        return self.forward(X).argmax(axis=1)


net = NeuralNet(7, 10, 3)
net.train(X_train, y_train)
print("train accuracy:", np.mean(net.predict(X_train) == y_train))
print("test accuracy:", np.mean(net.predict(X_test) == y_test))
