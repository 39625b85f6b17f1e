"""Softmax classifier with one hidden ReLU layer on a 4-arm spiral.
loss(W1, b1, W2, b2, X, y) returns the loss and the gradients; plain gradient descent below."""
import numpy as np

rng = np.random.default_rng(3)
classes, n_per = 4, 80
t = np.tile(np.linspace(0.1, 1.0, n_per), classes)
lab = np.repeat(np.arange(classes), n_per)
ang = lab * (2 * np.pi / classes) + 4 * t + rng.normal(0, 0.1, t.size)
X = np.c_[t * np.cos(ang), t * np.sin(ang)]
y = lab


def loss(W1, b1, W2, b2, X, y, reg=5e-4):
    N = X.shape[0]
    pre = X.dot(W1) + b1
    hid = np.maximum(0, pre)
    scores = hid.dot(W2) + b2
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores)
    probs /= probs.sum(axis=1, keepdims=True)
    data_loss = -np.log(probs[np.arange(N), y] + 1e-12).mean()
    L = data_loss + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

    dscores = probs
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dW2 = hid.T.dot(dscores) + 2 * reg * W2
    db2 = dscores.sum(axis=0)
    dhid = dscores.dot(W2.T)
    dhid[pre <= 0] = 0
    dW1 = X.T.dot(dhid) + 2 * reg * W1
    db1 = dhid.sum(axis=0)
    return L, (dW1, db1, dW2, db2)


H = 50
W1 = rng.normal(0, 1.0, (2, H))
b1 = np.zeros(H)
W2 = rng.normal(0, 0.1, (H, classes))
b2 = np.zeros(classes)

alpha = 0.5
for i in range(2000):
    L, (dW1, db1, dW2, db2) = loss(W1, b1, W2, b2, X, y)
    W1 -= alpha * dW1
    b1 -= alpha * db1
    W2 -= alpha * dW2
    b2 -= alpha * db2
    if i % 400 == 0:
        print(f"step {i}: loss {L:.4f}")

pred = (np.maximum(0, X.dot(W1) + b1).dot(W2) + b2).argmax(axis=1)
print(f"accuracy: {np.mean(pred == y):.3f}")
