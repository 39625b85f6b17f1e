import numpy as np

np.random.seed(2)

# fake "banknote" data: 4 standardised measurements, genuine (0) or forged (1)
n = 400
forged = np.random.rand(n) < 0.45
X = np.random.randn(n, 4)
X[forged] += np.array([-1.0, -1.2, 0.8, 0.3])
X[forged, 2] += 0.8 * X[forged, 0] * X[forged, 1]
y = forged.astype(float).reshape(-1, 1)

split = 300
X_train, X_test = X[:split], X[split:]
y_train, y_test = y[:split], y[split:]


class NeuralNetwork:
    def __init__(self, layers=(4, 8, 1), learning_rate=0.3):
        self.W1 = np.random.randn(layers[0], layers[1]) * 0.5
        self.b1 = np.zeros((1, layers[1]))
        self.W2 = np.random.randn(layers[1], layers[2]) * 0.5
        self.b2 = np.zeros((1, layers[2]))
        self.learning_rate = learning_rate

    def sigmoid(self, z):
        return 1.0 / (1.0 + np.exp(-z))

    def predict(self, X):
        self.hidden = self.sigmoid(X @ self.W1 + self.b1)
        return self.sigmoid(self.hidden @ self.W2 + self.b2)

    def train(self, X, y, epochs=3000):
        for epoch in range(epochs):
            out = self.predict(X)
            delta_out = (out - y) / len(X)
            delta_hidden = delta_out @ self.W2.T * self.hidden * (1 - self.hidden)
            self.W2 -= self.learning_rate * self.hidden.T @ delta_out
            self.b2 -= self.learning_rate * delta_out.sum(axis=0, keepdims=True)
            self.W1 -= self.learning_rate * X.T @ delta_hidden
            self.b1 -= self.learning_rate * delta_hidden.sum(axis=0, keepdims=True)
            if epoch % 1000 == 0:
                print("epoch", epoch, "train accuracy", self.accuracy(X, y))

    def accuracy(self, X, y):
        return np.mean(self.predict(X) == y)


model = NeuralNetwork()
model.train(X_train, y_train)
print("train accuracy:", model.accuracy(X_train, y_train))
print("test accuracy:", model.accuracy(X_test, y_test))
p = np.clip(model.predict(X_test), 1e-7, 1 - 1e-7)
print("test log loss:", -np.mean(y_test * np.log(p) + (1 - y_test) * np.log(1 - p)))
