"""Three blobs, softmax output.  Gradients are accumulated one sample at a time and
applied once per epoch (full-batch gradient descent, written as a loop over samples)."""
import numpy as np


def init(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 0.5, (n_in, n_hidden))
    b1 = np.zeros(n_hidden)
    W2 = rng.normal(0, 0.5, (n_hidden, n_out))
    b2 = np.zeros(n_out)
    return W1, b1, W2, b2


def zeros_like_params(W1, b1, W2, b2):
    return np.zeros_like(W1), np.zeros_like(b1), np.zeros_like(W2), np.zeros_like(b2)


def forward(x, W1, b1, W2, b2):
    h = np.maximum(0, x @ W1 + b1)
    z = h @ W2 + b2
    e = np.exp(z - z.max())
    return h, e / e.sum()


def backward(x, t, h, p, W2):
    dz = p - t
    dh = (W2 @ dz) * (h > 0)
    return np.outer(x, dh), dh, np.outer(h, dz), dz


def make_blobs(n, seed=1):
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 2], [2, -1], [-2, -1]], dtype=float)
    labels = rng.integers(0, 3, n)
    return centres[labels] + rng.normal(0, 1.4, (n, 2)), labels


X, labels = make_blobs(240)
T = np.eye(3)[labels]
W1, b1, W2, b2 = init(2, 10, 3)
dW1, db1, dW2, db2 = zeros_like_params(W1, b1, W2, b2)
lr = 0.5
n = len(X)

for epoch in range(80):
    loss = 0.0
    for x, t in zip(X, T):
        h, p = forward(x, W1, b1, W2, b2)
        loss -= np.log(p[t.argmax()] + 1e-12)
        gW1, gb1, gW2, gb2 = backward(x, t, h, p, W2)
        dW1 += gW1
        db1 += gb1
        dW2 += gW2
        db2 += gb2
    W1 -= lr * dW1 / n
    b1 -= lr * db1 / n
    W2 -= lr * dW2 / n
    b2 -= lr * db2 / n
    if epoch % 10 == 0 or epoch == 79:
        acc = np.mean([forward(x, W1, b1, W2, b2)[1].argmax() == c for x, c in zip(X, labels)])
        print(f"epoch {epoch:2d}  loss {loss / n:.4f}  accuracy {acc:.3f}")
