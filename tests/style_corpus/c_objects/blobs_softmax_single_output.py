import numpy as np

np.random.seed(3)

# two gaussian blobs, label 1 for the one on the right
n = 150
X = np.vstack([np.random.randn(n, 2) + [-1.5, 0], np.random.randn(n, 2) + [1.5, 0.5]])
y = np.hstack([np.zeros(n), np.ones(n)]).reshape(-1, 1)


class Tanh:
    def __call__(self, x):
        return np.tanh(x)

    def derivative(self, x):
        return 1 - np.tanh(x) ** 2


class Softmax:
    def __call__(self, x):
        e = np.exp(x - x.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)


class Layer:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out) * 0.3
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        self.z = x @ self.W + self.b
        self.a = self.activation(self.z)
        return self.a


hidden = Layer(2, 8, Tanh())
# softmax output so we get a probability for class 1
output = Layer(8, 1, Softmax())

lr = 0.1
for epoch in range(1000):
    p = output.forward(hidden.forward(X))
    loss = -np.mean(np.sum(y * np.log(p + 1e-9), axis=1))

    # softmax + cross entropy -> gradient is just p - y
    d_out = (p - y) / len(X)
    d_hidden = (d_out @ output.W.T) * hidden.activation.derivative(hidden.z)

    output.W -= lr * hidden.a.T @ d_out
    output.b -= lr * d_out.sum(axis=0, keepdims=True)
    hidden.W -= lr * X.T @ d_hidden
    hidden.b -= lr * d_hidden.sum(axis=0, keepdims=True)

    if epoch % 200 == 0:
        print(f"epoch {epoch} loss {loss:.3f} accuracy {np.mean((p > 0.5) == y):.2f}")

print("first outputs:", p[:5].ravel())
