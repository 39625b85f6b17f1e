import numpy as np

np.random.seed(1)

# three-arm spiral
def spiral(n_per_class=100, n_classes=3):
    X, y = [], []
    for c in range(n_classes):
        r = np.linspace(0.02, 1, n_per_class)
        t = np.linspace(c * 4, c * 4 + 4, n_per_class) + 0.25 * np.random.randn(n_per_class)
        X.append(np.column_stack((r * np.sin(t), r * np.cos(t))))
        y += [c] * n_per_class
    return np.vstack(X), np.array(y)


class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(2.0 / n_in)
        self.b = np.zeros((1, n_out))
        # adam moment estimates
        self.mW = self.vW = np.zeros_like(self.W)
        self.mb = self.vb = np.zeros_like(self.b)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0, keepdims=True)
        return grad @ self.W.T


class ReLU:
    def forward(self, x):
        self.mask = (x > 0).astype(float)
        return x * self.mask

    def backward(self, grad):
        return grad * self.mask


class Adam:
    def __init__(self, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0

    def step(self, layers):
        self.t += 1
        for layer in layers:
            if not isinstance(layer, Dense):
                continue
            for p, g, m, v in ((layer.W, layer.dW, layer.mW, layer.vW),
                               (layer.b, layer.db, layer.mb, layer.vb)):
                m *= self.beta1
                m += (1 - self.beta1) * g
                v *= self.beta2
                v += (1 - self.beta2) * g ** 2
                m_hat = m / (1 - self.beta1 ** self.t)
                v_hat = v / (1 - self.beta2 ** self.t)
                p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


X, y = spiral()
Y = np.eye(3)[y]
layers = [Dense(2, 32), ReLU(), Dense(32, 32), ReLU(), Dense(32, 3)]
adam = Adam(lr=0.01)

for epoch in range(600):
    out = X
    for layer in layers:
        out = layer.forward(out)
    out = out - out.max(axis=1, keepdims=True)
    probs = np.exp(out) / np.exp(out).sum(axis=1, keepdims=True)
    loss = -np.mean(np.sum(Y * np.log(probs + 1e-12), axis=1))

    grad = (probs - Y) / len(X)
    for layer in reversed(layers):
        grad = layer.backward(grad)
    adam.step(layers)

    if epoch % 100 == 0:
        print(f"epoch {epoch:3d}  loss {loss:.4f}  acc {np.mean(probs.argmax(axis=1) == y):.3f}")

print("final accuracy:", np.mean(probs.argmax(axis=1) == y))
