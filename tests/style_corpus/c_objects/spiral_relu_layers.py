import numpy as np

np.random.seed(1)

# spiral data set, 3 classes
N, K = 120, 3
X = np.empty((N * K, 2))
y = np.empty(N * K, dtype=int)
for c in range(K):
    r = np.linspace(0.0, 1.0, N)
    th = np.linspace(c * 4.0, (c + 1) * 4.0, N) + np.random.randn(N) * 0.2
    X[c * N:(c + 1) * N] = np.c_[r * np.sin(th), r * np.cos(th)]
    y[c * N:(c + 1) * N] = c


class Layer:
    """Dense layer with an optional relu applied after the affine part."""

    def __init__(self, n_in, n_out, activation=None):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        z = x @ self.W + self.b
        if self.activation == "relu":
            z = np.maximum(0, z)
        return z

    def backward(self, dz):
        self.dW = self.x.T @ dz
        self.db = dz.sum(axis=0, keepdims=True)
        return dz @ self.W.T


def softmax_cross_entropy(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    n = len(labels)
    loss = -np.log(probs[np.arange(n), labels] + 1e-12).mean()
    dlogits = probs.copy()
    dlogits[np.arange(n), labels] -= 1
    return loss, dlogits / n, probs


layers = [Layer(2, 32, "relu"), Layer(32, 32, "relu"), Layer(32, K)]
learning_rate = 0.5

for epoch in range(1500):
    out = X
    for layer in layers:
        out = layer.forward(out)
    loss, grad, probs = softmax_cross_entropy(out, y)

    for layer in reversed(layers):
        grad = layer.backward(grad)
    for layer in layers:
        layer.W -= learning_rate * layer.dW
        layer.b -= learning_rate * layer.db

    if epoch % 300 == 0:
        print("epoch %d: loss %.3f, training accuracy %.2f" % (epoch, loss, np.mean(probs.argmax(1) == y)))

print("final training accuracy: %.2f" % np.mean(probs.argmax(1) == y))
