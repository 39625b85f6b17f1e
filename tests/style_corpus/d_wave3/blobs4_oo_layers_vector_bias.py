# Four gaussian blobs, layer objects, mini-batches of 25.  Biases are 1-D vectors (n_out,).
import numpy as np

rng = np.random.default_rng(6)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        grad_x = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0)
        return grad_x


class Relu:
    def forward(self, x):
        self.x = x
        return np.maximum(x, 0)

    def backward(self, grad, lr):
        return grad * (self.x > 0)


def softmax(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


centres = np.array([[0, 0], [3, 0], [0, 3], [3, 3]])
y = rng.integers(0, 4, 400)
X = centres[y] + rng.normal(0, 0.6, (400, 2))
Y = np.eye(4)[y]

net = [Dense(2, 16), Relu(), Dense(16, 4)]
for epoch in range(30):
    order = rng.permutation(len(X))
    for k in range(0, len(X), 25):
        b = order[k:k + 25]
        out = X[b]
        for layer in net:
            out = layer.forward(out)
        grad = (softmax(out) - Y[b]) / len(b)
        for layer in reversed(net):
            grad = layer.backward(grad, 0.1)
    if epoch % 5 == 0 or epoch == 29:
        out = X
        for layer in net:
            out = layer.forward(out)
        p = softmax(out)
        print("epoch %2d  loss %.4f  acc %.3f" % (epoch, -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)), np.mean(p.argmax(1) == y)))
