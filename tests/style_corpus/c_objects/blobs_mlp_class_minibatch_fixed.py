import numpy as np

np.random.seed(10)

# three clusters in 2d
means = [(-2.0, 0.0), (2.0, 0.0), (0.0, 2.5)]
X = np.vstack([np.random.randn(100, 2) * 0.9 + m for m in means])
y = np.repeat([0, 1, 2], 100)
Y = np.eye(3)[y]


class TwoLayerNet:
    def __init__(self, n_features, n_hidden, n_classes, learning_rate=0.1):
        self.W1 = np.random.randn(n_features, n_hidden) * 0.1
        self.b1 = np.zeros(n_hidden)
        self.W2 = np.random.randn(n_hidden, n_classes) * 0.1
        self.b2 = np.zeros(n_classes)
        self.learning_rate = learning_rate

    @staticmethod
    def softmax(z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def forward(self, X):
        self.h = np.tanh(X @ self.W1 + self.b1)
        self.p = self.softmax(self.h @ self.W2 + self.b2)
        return self.p

    def backward(self, X, Y):
        n = X.shape[0]
        error = self.p - Y
        dW2 = self.h.T @ error / n
        db2 = error.sum(axis=0) / n
        dh = (error @ self.W2.T) * (1 - self.h ** 2)
        dW1 = X.T @ dh / n
        db1 = dh.sum(axis=0) / n

        self.W2 -= self.learning_rate * dW2
        self.b2 -= self.learning_rate * db2
        self.W1 -= self.learning_rate * dW1
        self.b1 -= self.learning_rate * db1

    def train(self, X, Y, epochs=50, batch_size=20):
        for epoch in range(epochs):
            perm = np.random.permutation(len(X))
            X_shuf, Y_shuf = X[perm], Y[perm]
            for i in range(0, len(X), batch_size):
                xb, yb = X_shuf[i:i + batch_size], Y_shuf[i:i + batch_size]
                self.forward(xb)
                self.backward(xb, yb)
            if epoch % 10 == 0:
                p = self.forward(X)
                loss = -np.mean(np.sum(Y * np.log(p + 1e-12), axis=1))
                acc = np.mean(p.argmax(axis=1) == Y.argmax(axis=1))
                print("epoch", epoch, "loss", round(loss, 4), "acc", round(acc, 3))


net = TwoLayerNet(2, 10, 3, learning_rate=0.2)
net.train(X, Y)
print("final accuracy", np.mean(net.forward(X).argmax(axis=1) == y))
