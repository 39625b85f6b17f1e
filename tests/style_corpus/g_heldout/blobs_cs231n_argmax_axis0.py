import numpy as np


class SoftmaxNet:
    def __init__(self, D, H, C, seed=0):
        rng = np.random.RandomState(seed)
        self.params = {'W1': 0.1 * rng.randn(D, H), 'b1': np.zeros(H),
                       'W2': 0.1 * rng.randn(H, C), 'b2': np.zeros(C)}

    def loss(self, X, y=None):
        p = self.params
        h = np.maximum(0, X @ p['W1'] + p['b1'])
        scores = h @ p['W2'] + p['b2']
        if y is None:
            return scores
        N = X.shape[0]
        shifted = scores - scores.max(axis=1, keepdims=True)
        probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
        loss = -np.log(np.maximum(probs[np.arange(N), y], 1e-12)).mean()
        dscores = probs
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads = {'W2': h.T @ dscores, 'b2': dscores.sum(axis=0)}
        dh = dscores @ p['W2'].T * (h > 0)
        grads['W1'] = X.T @ dh
        grads['b1'] = dh.sum(axis=0)
        return loss, grads

    def predict(self, X):
        return np.argmax(self.loss(X), axis=0)


rng = np.random.RandomState(1)
X = np.vstack([rng.randn(40, 2) + c for c in ([0, 4], [4, 0], [-4, 0])])
y = np.repeat(np.arange(3), 40)
net = SoftmaxNet(2, 20, 3)
for it in range(300):
    loss, grads = net.loss(X, y)
    for k, v in grads.items():
        net.params[k] -= 0.5 * v
pred = net.predict(X)
print("loss", loss, "pred shape", pred.shape, "accuracy", np.mean(pred == y[:len(pred)]))
