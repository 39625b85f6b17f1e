import numpy as np


def spiral_data(points, classes, seed=0):
    rng = np.random.RandomState(seed)
    xs, ys = [], []
    for c in range(classes):
        r = rng.uniform(0.05, 1.0, points)
        theta = 2 * np.pi * c / classes + 4.0 * r + rng.normal(0, 0.15, points)
        xs.append(np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1))
        ys.append(np.full(points, c, dtype=np.int64))
    return np.vstack(xs), np.concatenate(ys)


class TwoLayerNet(object):
    """affine - relu - affine - softmax, trained with SGD on mini-batches"""

    def __init__(self, input_size, hidden_size, output_size, std=1e-1, seed=1):
        rng = np.random.RandomState(seed)
        self.params = {}
        self.params['W1'] = std * rng.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * rng.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N = X.shape[0]

        hidden = np.maximum(0, X.dot(W1) + b1)
        scores = hidden.dot(W2) + b2
        if y is None:
            return scores

        shifted = scores - np.max(scores, axis=1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
        probs = np.exp(log_probs)
        loss = -np.mean(log_probs[np.arange(N), y])
        loss += 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

        grads = {}
        dscores = probs.copy()
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads['W2'] = hidden.T.dot(dscores) + reg * W2
        grads['b2'] = np.sum(dscores, axis=0)
        dhidden = dscores.dot(W2.T)
        dhidden[hidden <= 0] = 0
        grads['W1'] = X.T.dot(dhidden) + reg * W1
        grads['b1'] = np.sum(dhidden, axis=0)
        return loss, grads

    def train(self, X, y, learning_rate=1.0, reg=1e-4, num_iters=1500, batch_size=64, verbose=False):
        num_train = X.shape[0]
        loss_history = []
        for it in range(num_iters):
            idx = np.random.choice(num_train, batch_size, replace=True)
            loss, grads = self.loss(X[idx], y=y[idx], reg=reg)
            loss_history.append(loss)
            for name in self.params:
                self.params[name] -= learning_rate * grads[name]
            if verbose and it % 300 == 0:
                print('iteration %d / %d: loss %f' % (it, num_iters, loss))
        return loss_history

    def predict(self, X):
        return np.argmax(self.loss(X), axis=1)


np.random.seed(0)
X, y = spiral_data(100, 3)
net = TwoLayerNet(2, 100, 3)
history = net.train(X, y, verbose=True)
print('final mini-batch loss: %f' % history[-1])
print('training accuracy: %.2f' % (net.predict(X) == y).mean())
