import numpy as np

rng = np.random.default_rng(11)

# made-up fruit data: weight in grams, diameter in mm, sugar in g/L
# classes 0 = lime, 1 = orange, 2 = grapefruit
centers = np.array([[60.0, 45.0, 20.0], [150.0, 75.0, 90.0], [300.0, 110.0, 60.0]])
spread = np.array([12.0, 5.0, 10.0])
X = np.vstack([c + spread * rng.standard_normal((80, 3)) for c in centers])
y = np.repeat(np.arange(3), 80)
T = np.eye(3)[y]


class Linear:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, np.sqrt(2 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, g):
        self.gW = self.x.T @ g
        self.gb = g.sum(axis=0, keepdims=True)
        return g @ self.W.T

    def params(self):
        return [(self.W, self.gW), (self.b, self.gb)]


class ReLU:
    def forward(self, x):
        self.x = x
        return np.maximum(x, 0)

    def backward(self, g):
        return g * (self.x > 0)

    def params(self):
        return []


def softmax(logits):
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


model = [Linear(3, 32), ReLU(), Linear(32, 3)]
lr = 0.01

for epoch in range(300):
    h = X
    for layer in model:
        h = layer.forward(h)
    probs = softmax(h)
    loss = -np.mean(np.log(probs[np.arange(len(y)), y] + 1e-8))

    grad = (probs - T) / len(X)
    for layer in reversed(model):
        grad = layer.backward(grad)
    for layer in model:
        for p, g in layer.params():
            p -= lr * g

    if epoch % 50 == 0:
        acc = np.mean(probs.argmax(axis=1) == y)
        print(f"epoch {epoch:3d}  loss {loss:.4f}  accuracy {acc:.3f}")

print("max logit seen in last epoch:", np.abs(h).max())
