"""A fully connected net with an arbitrary number of hidden layers, cs231n-assignment style:
params 'W1'..'WL' and 'b1'..'bL', loss(X, y) returns (loss, grads). 3 rings -> 3 classes."""
import numpy as np


class FullyConnectedNet:
    def __init__(self, hidden_dims, input_dim=2, num_classes=3, seed=0):
        rng = np.random.RandomState(seed)
        dims = [input_dim] + hidden_dims + [num_classes]
        self.num_layers = len(dims) - 1
        self.params = {}
        for i in range(self.num_layers):
            self.params["W%d" % (i + 1)] = rng.randn(dims[i], dims[i + 1]) * np.sqrt(2.0 / dims[i])
            self.params["b%d" % (i + 1)] = np.zeros(dims[i + 1])

    def loss(self, X, y=None):
        caches = []
        out = X
        for i in range(1, self.num_layers):
            z = out.dot(self.params["W%d" % i]) + self.params["b%d" % i]
            caches.append((out, z))
            out = np.maximum(0, z)
        scores = out.dot(self.params["W%d" % self.num_layers]) + self.params["b%d" % self.num_layers]
        caches.append((out, scores))
        if y is None:
            return scores

        N = X.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[np.arange(N), y].mean()

        grads = {}
        dout = np.exp(log_probs)
        dout[np.arange(N), y] -= 1
        dout /= N
        for i in range(self.num_layers, 0, -1):
            x_in, z = caches[i - 1]
            if i < self.num_layers:
                dout = dout * (z > 0)
            grads["W%d" % i] = x_in.T.dot(dout)
            grads["b%d" % i] = dout.sum(axis=0)
            dout = dout.dot(self.params["W%d" % i].T)
        return loss, grads


rng = np.random.RandomState(1)
y = rng.randint(0, 3, 600)
r = 1.0 + y + rng.normal(0, 0.2, 600)
t = rng.uniform(0, 2 * np.pi, 600)
X = np.c_[r * np.cos(t), r * np.sin(t)] / 3.0

net = FullyConnectedNet([32, 32])
lr, batch_size = 0.2, 50
for epoch in range(60):
    perm = rng.permutation(len(X))
    for s in range(0, len(X), batch_size):
        b = perm[s:s + batch_size]
        loss, grads = net.loss(X[b], y[b])
        for k in net.params:
            net.params[k] -= lr * grads[k]
    if epoch % 10 == 0:
        print("epoch %2d  loss %.4f" % (epoch, loss))

print("accuracy: %.3f" % np.mean(net.loss(X).argmax(axis=1) == y))
