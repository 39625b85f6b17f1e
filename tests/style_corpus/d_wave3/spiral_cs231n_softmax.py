# Three interleaved spirals, classified by a ReLU net trained with a
# loss(X, y, params) function that returns the loss and a dict of gradients.
import numpy as np

rng = np.random.default_rng(12)
n_per_class, n_classes = 80, 3
radius = np.tile(np.linspace(0.05, 1.0, n_per_class), n_classes)
labels = np.repeat(np.arange(n_classes), n_per_class)
angle = 3.5 * radius + labels * 2 * np.pi / n_classes + rng.normal(0, 0.15, radius.size)
X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
print("X", X.shape, "labels", labels.shape)


def loss(X, y, params, reg=1e-3):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = X.shape[0]
    a1 = np.maximum(0, X @ W1 + b1)
    scores = a1 @ W2 + b2

    # softmax over the classes
    e = np.exp(scores - np.max(scores, axis=1, keepdims=True))
    probs = e / np.sum(e, axis=1)

    loss = -np.mean(np.log(probs[np.arange(n), y] + 1e-12)) + 0.5 * reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

    dscores = probs.copy()
    dscores[np.arange(n), y] -= 1
    dscores /= n
    grads = {"W2": a1.T @ dscores + reg * W2, "b2": dscores.sum(axis=0)}
    da1 = dscores @ W2.T
    dz1 = da1 * (a1 > 0)
    grads["W1"] = X.T @ dz1 + reg * W1
    grads["b1"] = dz1.sum(axis=0)
    return loss, grads


hidden = 64
params = {
    "W1": rng.normal(0, 0.5, (2, hidden)),
    "b1": np.zeros(hidden),
    "W2": rng.normal(0, 0.1, (hidden, n_classes)),
    "b2": np.zeros(n_classes),
}

lr = 1.0
for step in range(2500):
    L, grads = loss(X, labels, params)
    for key in params:
        params[key] -= lr * grads[key]
    if step % 500 == 0:
        print(f"step {step}: loss {L:.4f}")

scores = np.maximum(0, X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
print("train accuracy:", np.mean(scores.argmax(axis=1) == labels))
