import numpy as np

np.random.seed(0)

# 3 arms spiral, 100 points per arm
points_per_class, n_classes = 100, 3
X = np.zeros((points_per_class * n_classes, 2))
labels = np.zeros(points_per_class * n_classes, dtype=int)
for k in range(n_classes):
    idx = np.arange(points_per_class * k, points_per_class * (k + 1))
    radius = np.linspace(0.05, 1, points_per_class)
    angle = np.linspace(k * 4.2, (k + 1) * 4.2, points_per_class) + 0.2 * np.random.randn(points_per_class)
    X[idx] = np.column_stack([radius * np.sin(angle), radius * np.cos(angle)])
    labels[idx] = k
Y = np.eye(n_classes)[labels]


class MLP:
    def __init__(self, n_in, n_hidden, n_out, lr=1.0):
        self.W1 = 0.5 * np.random.randn(n_in, n_hidden)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = 0.5 * np.random.randn(n_hidden, n_out)
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    def relu(self, z):
        return np.maximum(0, z)

    def softmax(self, z):
        exps = np.exp(z - np.max(z, axis=1, keepdims=True))
        return exps / np.sum(exps)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = self.relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        self.probs = self.softmax(self.z2)
        return self.probs

    def backward(self, X, Y):
        m = X.shape[0]
        dz2 = (self.probs - Y) / m
        dW2 = self.a1.T @ dz2
        db2 = dz2.sum(axis=0, keepdims=True)
        dz1 = dz2 @ self.W2.T * (self.z1 > 0)
        dW1 = X.T @ dz1
        db1 = dz1.sum(axis=0, keepdims=True)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2

    def train(self, X, Y, epochs=3000):
        for i in range(epochs):
            probs = self.forward(X)
            loss = -np.mean(np.sum(Y * np.log(probs + 1e-12), axis=1))
            self.backward(X, Y)
            if i % 500 == 0:
                acc = np.mean(np.argmax(probs, axis=1) == labels)
                print(f"iter {i}  loss {loss:.3f}  acc {acc:.2f}")

    def predict(self, X):
        return np.argmax(self.forward(X), axis=1)


model = MLP(2, 64, 3)
model.train(X, Y)
print("training accuracy:", np.mean(model.predict(X) == labels))
