import numpy as np

rng = np.random.default_rng(99)


def moons(n, noise=0.1):
    t1 = rng.uniform(0, np.pi, n)
    t2 = rng.uniform(0, np.pi, n)
    a = np.c_[np.cos(t1), np.sin(t1)]
    b = np.c_[1 - np.cos(t2), 0.5 - np.sin(t2)]
    X = np.r_[a, b] + rng.normal(0, noise, (2 * n, 2))
    y = np.r_[np.zeros(n), np.ones(n)]
    return X - X.mean(0), y[:, None]


class Linear:
    def __init__(self, d_in, d_out):
        self.W = rng.normal(0, 1 / np.sqrt(d_in), (d_in, d_out))
        self.b = np.zeros((1, d_out))
        self.vW = np.zeros_like(self.W)
        self.vb = np.zeros_like(self.b)

    def __call__(self, x):
        self.x = x
        return x @ (self.W + self.b)

    def backward(self, g):
        self.gW = self.x.T @ g
        self.gb = g.sum(0, keepdims=True)
        return g @ self.W.T


class LeakyReLU:
    def __init__(self, alpha=0.05):
        self.alpha = alpha

    def __call__(self, x):
        self.x = x
        return np.where(x > 0, x, self.alpha * x)

    def backward(self, g):
        return g * np.where(self.x > 0, 1.0, self.alpha)


class Momentum:
    def __init__(self, layers, lr=0.05, beta=0.9):
        self.layers = [l for l in layers if isinstance(l, Linear)]
        self.lr, self.beta = lr, beta

    def step(self):
        for l in self.layers:
            l.vW = self.beta * l.vW - self.lr * l.gW
            l.vb = self.beta * l.vb - self.lr * l.gb
            l.W += l.vW
            l.b += l.vb


X, y = moons(200)
net = [Linear(2, 24), LeakyReLU(), Linear(24, 24), LeakyReLU(), Linear(24, 1)]
opt = Momentum(net, lr=0.05)

for it in range(800):
    h = X
    for layer in net:
        h = layer(h)
    p = 1 / (1 + np.exp(-h))
    loss = -np.mean(y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))
    g = (p - y) / len(X)
    for layer in reversed(net):
        g = layer.backward(g)
    opt.step()
    if it % 200 == 0:
        print(f"it {it}: loss {loss:.4f}, accuracy {np.mean((p > 0.5) == y):.3f}")

print("final accuracy:", np.mean((p > 0.5) == y))
