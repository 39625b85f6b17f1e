import numpy as np

np.random.seed(6)

# 3 classes, 2 features; data stored with one sample per column
m_per_class = 100
centers = np.array([[0.0, 2.0], [-1.8, -1.0], [1.8, -1.0]])
X = np.hstack([(c[:, None] + 0.7 * np.random.randn(2, m_per_class)) for c in centers])   # (2, 300)
labels = np.repeat(np.arange(3), m_per_class)                                              # (300,)
Y = np.eye(3)[labels].T                                                                    # (3, 300)


class SoftmaxNetwork:
    def __init__(self, layer_dims, alpha=0.5):
        n_x, n_h, n_y = layer_dims
        self.W1 = np.random.randn(n_h, n_x) * np.sqrt(2 / n_x)
        self.b1 = np.zeros((n_h, 1))
        self.W2 = np.random.randn(n_y, n_h) * np.sqrt(1 / n_h)
        self.b2 = np.zeros((n_y, 1))
        self.alpha = alpha

    def softmax(self, Z):
        # one column per sample: normalise each column over the classes (axis 0)
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)

    def forward(self, X):
        self.Z1 = self.W1 @ X + self.b1
        self.A1 = np.maximum(0, self.Z1)
        self.A2 = self.softmax(self.W2 @ self.A1 + self.b2)
        return self.A2

    def backward(self, X, Y):
        m = X.shape[1]
        dZ2 = (self.A2 - Y) / m
        dW2 = dZ2 @ self.A1.T
        db2 = dZ2.sum(axis=1, keepdims=True)
        dZ1 = (self.W2.T @ dZ2) * (self.Z1 > 0)
        dW1 = dZ1 @ X.T
        db1 = dZ1.sum(axis=1, keepdims=True)
        self.W1 -= self.alpha * dW1
        self.b1 -= self.alpha * db1
        self.W2 -= self.alpha * dW2
        self.b2 -= self.alpha * db2

    def predict(self, X):
        return np.argmax(self.forward(X), axis=0)


net = SoftmaxNetwork((2, 16, 3))
for it in range(801):
    A2 = net.forward(X)
    cost = -np.sum(Y * np.log(A2 + 1e-10)) / X.shape[1]
    net.backward(X, Y)
    if it % 200 == 0:
        print("iteration", it, "cost", round(cost, 4), "accuracy", np.mean(net.predict(X) == labels))
