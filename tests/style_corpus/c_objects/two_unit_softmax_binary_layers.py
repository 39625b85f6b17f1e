import numpy as np

np.random.seed(19)

# binary problem (two gaussian clouds with different spreads), solved with a 2-unit softmax output
n = 250
X = np.vstack([np.random.randn(n, 2) * 0.6 + [0.0, 0.0],
               np.random.randn(n, 2) * 1.4 + [2.0, 1.0]])
y = np.array([0] * n + [1] * n)
Y = np.eye(2)[y]


class Affine:
    def __init__(self, d_in, d_out):
        self.W = np.random.randn(d_in, d_out) * np.sqrt(1.0 / d_in)
        self.b = np.zeros(d_out)

    def forward(self, X):
        self.X = X
        return X @ self.W + self.b

    def backward(self, dout):
        self.dW = self.X.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class Sigmoid:
    def forward(self, X):
        self.out = 1.0 / (1.0 + np.exp(-X))
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


class SoftmaxLoss:
    def forward(self, scores, Y):
        shifted = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        self.probs = exp / exp.sum(axis=1, keepdims=True)
        self.Y = Y
        return -np.sum(Y * np.log(self.probs + 1e-12)) / len(Y)

    def backward(self):
        return (self.probs - self.Y) / len(self.Y)


layers = [Affine(2, 10), Sigmoid(), Affine(10, 2)]
loss_layer = SoftmaxLoss()
step_size = 1.0

for it in range(1500):
    s = X
    for layer in layers:
        s = layer.forward(s)
    loss = loss_layer.forward(s, Y)
    d = loss_layer.backward()
    for layer in reversed(layers):
        d = layer.backward(d)
    for layer in layers:
        if isinstance(layer, Affine):
            layer.W -= step_size * layer.dW
            layer.b -= step_size * layer.db
    if it % 300 == 0:
        print("iteration %4d: loss %.4f, accuracy %.3f" % (it, loss, np.mean(loss_layer.probs.argmax(axis=1) == y)))

print("final accuracy: %.3f" % np.mean(loss_layer.probs.argmax(axis=1) == y))
