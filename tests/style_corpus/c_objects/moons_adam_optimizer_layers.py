import numpy as np

np.random.seed(2)

# two moons: 300 training points, 100 test points
def moons(n, noise=0.15):
    t = np.random.rand(n) * np.pi
    c = np.random.rand(n) < 0.5
    x = np.where(c, 1 - np.cos(t), np.cos(t))
    y = np.where(c, 0.5 - np.sin(t), np.sin(t))
    return np.c_[x, y] + noise * np.random.randn(n, 2), c.astype(float)[:, None]


X, y = moons(300)
X_test, y_test = moons(100)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2 / n_in)
        self.b = np.zeros((1, n_out))

    def __call__(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = np.sum(grad, axis=0, keepdims=True)
        return grad @ self.W.T

    def parameters(self):
        return [(self.W, self.dW), (self.b, self.db)]


class ReLU:
    def __call__(self, x):
        self.positive = x > 0
        return x * self.positive

    def backward(self, grad):
        return grad * self.positive

    def parameters(self):
        return []


class Adam:
    def __init__(self, lr=0.01, b1=0.9, b2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.m, self.v, self.t = {}, {}, 0

    def step(self, layers):
        self.t += 1
        for i, layer in enumerate(layers):
            for j, (p, g) in enumerate(layer.parameters()):
                key = (i, j)
                if key not in self.m:
                    self.m[key] = np.zeros_like(p)
                    self.v[key] = np.zeros_like(p)
                self.m[key] = self.b1 * self.m[key] + (1 - self.b1) * g
                self.v[key] = self.b2 * self.v[key] + (1 - self.b2) * g * g
                m_hat = self.m[key] / (1 - self.b1 ** self.t)
                v_hat = self.v[key] / (1 - self.b2 ** self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


net = [Dense(2, 32), ReLU(), Dense(32, 32), ReLU(), Dense(32, 1)]
adam = Adam(lr=0.01)


def predict_proba(x):
    for layer in net:
        x = layer(x)
    return 1 / (1 + np.exp(-x))


for epoch in range(301):
    p = predict_proba(X)
    loss = -np.mean(y * np.log(p + 1e-8) + (1 - y) * np.log(1 - p + 1e-8))
    grad = (p - y) / len(X)
    for layer in reversed(net):
        grad = layer.backward(grad)
    adam.step(net)
    if epoch % 50 == 0:
        print(f"epoch {epoch:3d}  loss {loss:.4f}")

print("train accuracy:", np.mean((predict_proba(X) > 0.5) == y))
print("test accuracy:", np.mean((predict_proba(X_test) > 0.5) == y_test))
