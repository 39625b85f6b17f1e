import numpy as np

N, D, K = 80, 2, 3
rng = np.random.RandomState(2)
X = np.zeros((N * K, D))
y = np.zeros(N * K, dtype=int)
for j in range(K):
    ix = range(N * j, N * (j + 1))
    r = np.linspace(0.0, 1, N)
    t = np.linspace(j * 4, (j + 1) * 4, N) + rng.randn(N) * 0.2
    X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
    y[ix] = j


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, std=1e-1):
        self.params = {}
        self.params['W1'] = std * rng.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * rng.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)

    def loss(self, X, y=None, reg=1e-3):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        n = X.shape[0]
        hidden = np.maximum(0, X.dot(W1) + b1)
        scores = hidden.dot(W2) + b2
        if y is None:
            return scores
        exp_scores = np.exp(scores - np.max(scores, axis=1, keepdims=True))
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -np.log(probs[range(n), y] + 1e-12)
        loss = np.sum(correct_logprobs) / n + 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
        dscores = probs.copy()
        dscores[range(n), y] -= 1
        dscores /= n
        grads = {}
        grads['W2'] = hidden.T.dot(dscores) + reg * W2
        grads['b2'] = np.sum(dscores, axis=0)
        dhidden = dscores.dot(W2.T)
        dhidden[hidden <= 0] = 0
        grads['W1'] = X.T.dot(dhidden) + reg * W1
        grads['b1'] = np.sum(dhidden, axis=0)
        return loss, grads

    def train(self, X, y, learning_rate=1.0, num_iters=400):
        for it in range(num_iters):
            loss, grads = self.loss(X, y)
            for name in self.params:
                self.params[name] -= learning_rate * grads[name]
            if it % 100 == 0:
                print('iteration %d: loss %f' % (it, loss))

    def predict(self, X):
        return np.argmax(self.loss(X), axis=1)


net = TwoLayerNet(D, 50, K)
net.train(X, y)
print('training accuracy: %.2f' % np.mean(net.predict(X) == y))
