import numpy as np


class TwoLayerNet:
    def __init__(self, input_dim=2, hidden_dim=20, num_classes=2, weight_scale=0.5):
        self.params = {
            "W1": weight_scale * np.random.randn(input_dim, hidden_dim),
            "b1": np.zeros(hidden_dim),
            "W2": weight_scale * np.random.randn(hidden_dim, num_classes),
            "b2": np.zeros(num_classes),
        }

    def loss(self, X, y=None):
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        h = np.tanh(np.dot(X, W1) + b1)
        scores = np.dot(h, W2, b2)
        if y is None:
            return scores
        N = X.shape[0]
        scores = scores - scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(probs[np.arange(N), y] + 1e-12))
        dscores = probs.copy()
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads = {"W2": h.T.dot(dscores), "b2": dscores.sum(axis=0)}
        dh = dscores.dot(W2.T) * (1 - h ** 2)
        grads["W1"] = X.T.dot(dh)
        grads["b1"] = dh.sum(axis=0)
        return loss, grads


np.random.seed(0)
n = 400
radius = np.r_[np.random.uniform(0, 1, n // 2), np.random.uniform(1.5, 2.5, n // 2)]
angle = np.random.uniform(0, 2 * np.pi, n)
X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
y = np.r_[np.zeros(n // 2, int), np.ones(n // 2, int)]

net = TwoLayerNet()
for it in range(1000):
    loss, grads = net.loss(X, y)
    for k, v in grads.items():
        net.params[k] -= 0.5 * v
    if it % 200 == 0:
        print(it, loss)
print("accuracy:", np.mean(np.argmax(net.loss(X), axis=1) == y))
