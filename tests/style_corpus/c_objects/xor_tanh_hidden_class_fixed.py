# XOR with a small neural network class: tanh hidden layer, sigmoid output
import numpy as np

np.random.seed(7)

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
targets = np.array([[0], [1], [1], [0]], dtype=float)


class XORNet:
    def __init__(self, n_hidden=3, lr=0.5):
        self.w_hidden = np.random.normal(0, 1, (2, n_hidden))
        self.b_hidden = np.zeros((1, n_hidden))
        self.w_out = np.random.normal(0, 1, (n_hidden, 1))
        self.b_out = np.zeros((1, 1))
        self.lr = lr

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def forward(self, x):
        self.hidden = np.tanh(x @ self.w_hidden + self.b_hidden)
        self.out = self.sigmoid(self.hidden @ self.w_out + self.b_out)
        return self.out

    def backward(self, x, t):
        # cross entropy + sigmoid: delta is simply out - t
        delta_out = self.out - t
        delta_hidden = (delta_out @ self.w_out.T) * (1 - self.hidden ** 2)

        self.w_out -= self.lr * self.hidden.T @ delta_out
        self.b_out -= self.lr * delta_out.sum(axis=0, keepdims=True)
        self.w_hidden -= self.lr * x.T @ delta_hidden
        self.b_hidden -= self.lr * delta_hidden.sum(axis=0, keepdims=True)

    def loss(self, t):
        o = np.clip(self.out, 1e-10, 1 - 1e-10)
        return -np.mean(t * np.log(o) + (1 - t) * np.log(1 - o))


net = XORNet()
for epoch in range(3000):
    net.forward(inputs)
    net.backward(inputs, targets)
    if epoch % 500 == 0:
        print("epoch", epoch, "loss", net.loss(targets))

print(np.round(net.forward(inputs), 3))
print("accuracy:", np.mean((net.out > 0.5) == targets))
