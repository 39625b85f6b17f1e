import numpy as np

# 4 gaussian blobs, train/test split, 2 -> 10 (sigmoid) -> 4 (softmax)


def make_blobs(n_per_class, seed):
    rng = np.random.default_rng(seed)
    centres = [(-2, -2), (-2, 2), (2, -2), (2, 2)]
    X = np.vstack([rng.normal(c, 1.0, (n_per_class, 2)) for c in centres])
    y = np.repeat(np.arange(4), n_per_class)
    order = rng.permutation(len(y))
    return X[order], y[order]


def split(X, y, frac=0.8):
    cut = int(len(X) * frac)
    return X[:cut], y[:cut], X[cut:], y[cut:]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)


def init(X, n_hidden, n_classes, seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1, (X.shape[1], n_hidden))
    b1 = np.zeros((X.shape[0], n_hidden))
    W2 = rng.normal(0, 1, (n_hidden, n_classes))
    b2 = np.zeros((1, n_classes))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    h = sigmoid(X @ W1 + b1)
    return h, softmax(h @ W2 + b2)


def train(X, y, epochs=500, lr=0.5):
    T = np.eye(4)[y]
    W1, b1, W2, b2 = init(X, 10, 4)
    for epoch in range(epochs):
        h, p = forward(X, W1, b1, W2, b2)
        d2 = (p - T) / len(X)
        d1 = (d2 @ W2.T) * h * (1 - h)
        W2 -= lr * h.T @ d2
        b2 -= lr * d2.sum(axis=0, keepdims=True)
        W1 -= lr * X.T @ d1
        b1 -= lr * d1
        if epoch % 100 == 0:
            loss = -np.mean(np.log(p[np.arange(len(y)), y] + 1e-12))
            print(f"epoch {epoch}: loss {loss:.4f}")
    return W1, b1, W2, b2


X, y = make_blobs(50, seed=3)
X_train, y_train, X_test, y_test = split(X, y)
params = train(X_train, y_train)
_, p_train = forward(X_train, *params)
print("train accuracy:", np.mean(p_train.argmax(axis=1) == y_train))
_, p_test = forward(X_test, *params)
print("test accuracy:", np.mean(p_test.argmax(axis=1) == y_test))
