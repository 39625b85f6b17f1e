import numpy as np


class RingClassifier:
    def __init__(self, n_in, n_hidden, n_classes, alpha=0.01, seed=0):
        self.rng = np.random.default_rng(seed)
        self.w_in = self.rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden))
        self.b_in = np.zeros(n_hidden)
        self.w_out = self.rng.normal(0, np.sqrt(1 / n_hidden), (n_hidden, n_classes))
        self.b_out = np.zeros(n_classes)
        self.alpha = alpha

    def forward(self, X):
        self.pre = X @ self.w_in + self.b_in
        self.hidden_out = np.where(self.pre > 0, self.pre, self.alpha * self.pre)
        logits = self.hidden_out @ self.w_out + self.b_out
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        self.prob = e / e.sum(axis=1, keepdims=True)
        return self.prob

    def backward(self, X, Y, lr):
        grad_logits = (self.prob - Y) / len(X)
        grad_hidden = grad_logits @ self.w_out.T
        grad_pre = grad_hidden * np.where(self.pre > 0, 1.0, self.alpha)
        self.w_out -= lr * self.hidden_out.T @ grad_logits
        self.b_out -= lr * grad_logits.sum(axis=0)
        self.w_in -= lr * X.T @ grad_pre
        self.b_in -= lr * grad_pre.sum(axis=0)

    def train(self, X, Y, epochs=40, batch_size=25, lr=0.3):
        for epoch in range(epochs):
            idx = self.rng.permutation(len(X))
            for s in range(0, len(X), batch_size):
                batch = idx[s:s + batch_size]
                self.forward(X[batch])
                self.backward(X[batch], Y[batch], lr)
            P = self.forward(X)
            ce = -np.mean(np.sum(Y * np.log(np.clip(P, 1e-12, 1.0)), axis=1))
            if epoch % 10 == 0:
                print(epoch, round(ce, 4))
        return np.mean(P.argmax(axis=1) == Y.argmax(axis=1))


rng = np.random.default_rng(29)
radius = rng.choice([0.5, 1.5, 2.5], 300)
cls = (radius > 1).astype(int) + (radius > 2).astype(int)
phi = rng.uniform(0, 2 * np.pi, 300)
X = np.c_[radius * np.cos(phi), radius * np.sin(phi)] + rng.normal(0, 0.15, (300, 2))
Y = np.eye(3)[cls]
print("accuracy", RingClassifier(2, 24, 3).train(X, Y))
