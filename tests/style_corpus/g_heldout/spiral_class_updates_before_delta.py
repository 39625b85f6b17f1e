import numpy as np


class Classifier:
    def __init__(self, sizes, lr=0.5, seed=0):
        rng = np.random.default_rng(seed)
        n_in, n_h, n_out = sizes
        self.w_in = rng.normal(0, 0.5, (n_in, n_h))
        self.b_in = np.zeros((1, n_h))
        self.w_out = rng.normal(0, 0.5, (n_h, n_out))
        self.b_out = np.zeros((1, n_out))
        self.lr = lr

    def forward(self, X):
        self.hid = np.tanh(X @ self.w_in + self.b_in)
        s = self.hid @ self.w_out + self.b_out
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        self.probs = e / e.sum(axis=1, keepdims=True)
        return self.probs

    def backward(self, X, Y):
        g_out = (self.probs - Y) / len(X)
        self.w_out -= self.lr * self.hid.T @ g_out
        self.b_out -= self.lr * g_out.sum(axis=0, keepdims=True)
        g_hid = (g_out @ self.w_out.T) * (1 - self.hid ** 2)
        self.w_in -= self.lr * X.T @ g_hid
        self.b_in -= self.lr * g_hid.sum(axis=0, keepdims=True)

    def train(self, X, Y, epochs):
        for ep in range(epochs):
            P = self.forward(X)
            self.backward(X, Y)
            if ep % 300 == 0:
                print(ep, -np.mean(np.sum(Y * np.log(np.clip(P, 1e-12, 1.0)), axis=1)))


rng = np.random.default_rng(1)
pts, lab = [], []
for k in range(3):
    r = np.linspace(0.1, 1, 70)
    th = np.linspace(k * 4, (k + 1) * 4, 70) + rng.normal(0, 0.2, 70)
    pts.append(np.c_[r * np.sin(th), r * np.cos(th)])
    lab += [k] * 70
X = np.vstack(pts)
Y = np.eye(3)[lab]
clf = Classifier((2, 30, 3))
clf.train(X, Y, 1200)
print("acc", np.mean(clf.forward(X).argmax(axis=1) == np.array(lab)))
