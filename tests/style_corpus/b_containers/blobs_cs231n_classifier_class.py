import numpy as np


class SoftmaxMLP:
    """input -> hidden (leaky ReLU) -> class scores; loss() gives (loss, grads)"""

    def __init__(self, n_in, n_hidden, n_classes, seed=0):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": rng.normal(0, np.sqrt(2 / n_in), (n_in, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W2": rng.normal(0, np.sqrt(2 / n_hidden), (n_hidden, n_classes)),
            "b2": np.zeros(n_classes),
        }

    def scores(self, X):
        z = X @ self.params["W1"] + self.params["b1"]
        a = np.where(z > 0, z, 0.05 * z)
        return z, a, a @ self.params["W2"] + self.params["b2"]

    def loss(self, X, y):
        n = len(y)
        z, a, s = self.scores(X)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
        loss = -np.log(p[np.arange(n), y] + 1e-12).mean()
        ds = p
        ds[np.arange(n), y] -= 1
        ds /= n
        grads = {"W2": a.T @ ds, "b2": ds.sum(axis=0)}
        da = ds @ self.params["W2"].T
        dz = da * np.where(z > 0, 1.0, 0.05)
        grads["W1"] = X.T @ dz
        grads["b1"] = dz.sum(axis=0)
        return loss, grads

    def predict(self, X):
        return np.argmax(self.scores(X)[2], axis=0)


rng = np.random.default_rng(1)
centres = rng.uniform(-4, 4, (4, 2))
y_train = rng.integers(0, 4, 320)
X_train = centres[y_train] + rng.normal(0, 0.8, (320, 2))
y_val = rng.integers(0, 4, 80)
X_val = centres[y_val] + rng.normal(0, 0.8, (80, 2))

model = SoftmaxMLP(2, 32, 4)
batch = 32
for epoch in range(30):
    order = rng.permutation(len(X_train))
    for i in range(0, len(order), batch):
        idx = order[i:i + batch]
        loss, grads = model.loss(X_train[idx], y_train[idx])
        for k in model.params:
            model.params[k] -= 0.1 * grads[k]
    if epoch % 5 == 0:
        val_acc = np.mean(model.predict(X_val) == y_val)
        print("epoch %2d  last batch loss %.4f  val acc %.3f" % (epoch, loss, val_acc))
