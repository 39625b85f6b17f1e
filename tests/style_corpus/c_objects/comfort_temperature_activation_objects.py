import numpy as np

rng = np.random.default_rng(3)

# is a room temperature "comfortable"? yes between 19 and 24 degrees
temps = rng.uniform(5, 35, size=(300, 1))
labels = ((temps > 19) & (temps < 24)).astype(float)
X = (temps - 20) / 10


class ReLU:
    def __call__(self, z):
        return np.maximum(z, 0)

    def grad(self, z):
        return (z > 0).astype(float)


class Sigmoid:
    def __call__(self, z):
        return 1 / (1 + np.exp(-z))

    def grad(self, z):
        s = self(z)
        return s * (1 - s)


class Classifier:
    def __init__(self, hidden_units=16, hidden_act=ReLU(), out_act=Sigmoid(), lr=0.5):
        self.w1 = rng.normal(0, 1, (1, hidden_units))
        self.b1 = np.zeros((1, hidden_units))
        self.w2 = rng.normal(0, 0.25, (hidden_units, 1))
        self.b2 = np.zeros((1, 1))
        self.f, self.g = hidden_act, out_act
        self.lr = lr

    def predict_proba(self, x):
        self.z1 = x @ self.w1 + self.b1
        self.a1 = self.f(self.z1)
        self.z2 = self.a1 @ self.w2 + self.b2
        return self.g(self.z2)

    def step(self, x, t):
        p = self.predict_proba(x)
        n = len(x)
        delta2 = (p - t) / n                       # sigmoid + log loss
        delta1 = (delta2 @ self.w2.T) * self.f.grad(self.z1)
        self.w2 -= self.lr * self.a1.T @ delta2
        self.b2 -= self.lr * delta2.sum(axis=0, keepdims=True)
        self.w1 -= self.lr * x.T @ delta1
        self.b1 -= self.lr * x.T @ delta1
        p = np.clip(p, 1e-7, 1 - 1e-7)
        return -np.mean(t * np.log(p) + (1 - t) * np.log(1 - p))


clf = Classifier()
for it in range(4000):
    loss = clf.step(X, labels)
    if it % 800 == 0:
        print(f"iteration {it}: log loss {loss:.4f}")

pred = clf.predict_proba(X) > 0.5
print("train accuracy:", (pred == labels).mean())
print("share of comfortable rooms:", labels.mean())
for t in [10, 18, 21, 23, 30]:
    print(t, "C ->", clf.predict_proba(np.array([[(t - 20) / 10]]))[0, 0].round(3))
