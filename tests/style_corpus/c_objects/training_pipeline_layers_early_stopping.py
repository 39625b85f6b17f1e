"""
Small but complete training pipeline written with layer objects:
data generation, train/validation split, standardisation, a Sequential model
built from Dense + activation objects, mini-batch SGD with learning-rate decay,
early stopping on the validation loss, and a confusion matrix at the end.
"""
import numpy as np

rng = np.random.default_rng(2023)

# data: 4 classes in 3 dimensions, partly overlapping, features on mixed scales
N_PER_CLASS = 100
CENTERS = np.array([[0.0, 0.0, 0.0], [2.0, 2.0, 0.0], [0.0, 2.5, 2.0], [2.5, 0.0, 2.5]])
SCALE = np.array([1.0, 10.0, 0.1])        # e.g. metres, decimetres, decametres

X = np.vstack([c + rng.normal(0, 0.9, (N_PER_CLASS, 3)) for c in CENTERS]) * SCALE
y = np.repeat(np.arange(len(CENTERS)), N_PER_CLASS)

perm = rng.permutation(len(X))
X, y = X[perm], y[perm]
n_val = len(X) // 5
X_val, y_val = X[:n_val], y[:n_val]
X_tr, y_tr = X[n_val:], y[n_val:]

mu, sd = X_tr.mean(axis=0), X_tr.std(axis=0)
X_tr = (X_tr - mu) / sd
X_val = (X_val - mu) / sd
print("train", X_tr.shape, "val", X_val.shape)


# building blocks
class Dense:
    def __init__(self, n_in, n_out):
        self.W = rng.normal(0, np.sqrt(2.0 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad):
        self.dW = self.x.T @ grad
        self.db = grad.sum(axis=0, keepdims=True)
        return grad @ self.W.T

    def params_and_grads(self):
        return [(self.W, self.dW), (self.b, self.db)]


class ReLU:
    def forward(self, x):
        self.mask = x > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, grad):
        return grad * self.mask

    def params_and_grads(self):
        return []


class Tanh:
    def forward(self, x):
        self.t = np.tanh(x)
        return self.t

    def backward(self, grad):
        return grad * (1.0 - self.t ** 2)

    def params_and_grads(self):
        return []


class SoftmaxCrossEntropy:
    def loss(self, logits, labels):
        z = logits - logits.max(axis=1, keepdims=True)
        self.p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        self.labels = labels
        return float(-np.mean(np.log(self.p[np.arange(len(labels)), labels] + 1e-12)))

    def grad(self):
        g = self.p.copy()
        g[np.arange(len(self.labels)), self.labels] -= 1.0
        return g / len(self.labels)


class Sequential:
    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad):
        for layer in reversed(self.layers):
            grad = layer.backward(grad)

    def sgd_step(self, lr):
        for layer in self.layers:
            for p, g in layer.params_and_grads():
                p -= lr * g

    def snapshot(self):
        return [[p.copy() for p, _ in layer.params_and_grads()] for layer in self.layers]

    def restore(self, snap):
        for layer, saved in zip(self.layers, snap):
            for (p, _), s in zip(layer.params_and_grads(), saved):
                p[...] = s


# training
model = Sequential(Dense(3, 24), ReLU(), Dense(24, 24), Tanh(), Dense(24, 4))
criterion = SoftmaxCrossEntropy()

lr0, decay, batch_size, patience = 0.2, 0.02, 32, 8
best_val, best_snap, bad_epochs = np.inf, None, 0
history = []

for epoch in range(100):
    lr = lr0 / (1 + decay * epoch)
    order = rng.permutation(len(X_tr))
    for start in range(0, len(order), batch_size):
        idx = order[start:start + batch_size]
        criterion.loss(model.forward(X_tr[idx]), y_tr[idx])
        model.backward(criterion.grad())
        model.sgd_step(lr)

    train_loss = criterion.loss(model.forward(X_tr), y_tr)
    train_acc = np.mean(criterion.p.argmax(axis=1) == y_tr)
    val_loss = criterion.loss(model.forward(X_val), y_val)
    val_acc = np.mean(criterion.p.argmax(axis=1) == y_val)
    history.append((train_loss, val_loss))
    if epoch % 5 == 0:
        print(f"epoch {epoch:3d} lr {lr:.3f} | train {train_loss:.4f} ({train_acc:.3f}) | val {val_loss:.4f} ({val_acc:.3f})")

    if val_loss < best_val - 1e-4:
        best_val, best_snap, bad_epochs = val_loss, model.snapshot(), 0
    else:
        bad_epochs += 1
        if bad_epochs >= patience:
            print(f"early stop at epoch {epoch}, best val loss {best_val:.4f}")
            break

model.restore(best_snap)
pred = model.forward(X_val).argmax(axis=1)
confusion = np.zeros((4, 4), dtype=int)
for t, p in zip(y_val, pred):
    confusion[t, p] += 1
print("validation accuracy:", np.mean(pred == y_val))
print("confusion matrix (rows = true class):")
print(confusion)
