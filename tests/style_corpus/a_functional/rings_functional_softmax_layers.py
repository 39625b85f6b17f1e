import numpy as np

# 3 rings (inner / middle / outer), 2 -> 12 -> 3, softmax activations, cross entropy


def rings(n_per_class=100, seed=5):
    rng = np.random.default_rng(seed)
    X, y = [], []
    for k, radius in enumerate([0.5, 1.5, 2.5]):
        angle = rng.uniform(0, 2 * np.pi, n_per_class)
        r = radius + rng.normal(0, 0.15, n_per_class)
        X.append(np.c_[r * np.cos(angle), r * np.sin(angle)])
        y.append(np.full(n_per_class, k))
    return np.vstack(X), np.concatenate(y)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    ez = np.exp(z)
    return ez / ez.sum(axis=1, keepdims=True)


def softmax_backward(grad, s):
    # vector-Jacobian product of softmax, row by row
    return s * (grad - np.sum(grad * s, axis=1, keepdims=True))


def init(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1, (n_in, n_hidden))
    W2 = rng.normal(0, 1 / np.sqrt(n_hidden), (n_hidden, n_out))
    return W1, np.zeros((1, n_hidden)), W2, np.zeros((1, n_out))


def forward(X, W1, b1, W2, b2):
    h = softmax(X @ W1 + b1)
    p = softmax(h @ W2 + b2)
    return h, p


def backward(X, Y, h, p, W2):
    dz2 = (p - Y) / len(X)
    dh = dz2 @ W2.T
    dz1 = softmax_backward(dh, h)
    return X.T @ dz1, dz1.sum(axis=0, keepdims=True), h.T @ dz2, dz2.sum(axis=0, keepdims=True)


X, y = rings()
Y = np.eye(3)[y]
W1, b1, W2, b2 = init(2, 12, 3)
lr = 0.5

for epoch in range(3000):
    h, p = forward(X, W1, b1, W2, b2)
    dW1, db1, dW2, db2 = backward(X, Y, h, p, W2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 500 == 0:
        loss = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
        print(f"epoch {epoch}: loss {loss:.4f}  accuracy {np.mean(p.argmax(axis=1) == y):.3f}")

_, p = forward(X, W1, b1, W2, b2)
print("final accuracy:", np.mean(p.argmax(axis=1) == y))
