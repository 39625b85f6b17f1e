# Five clusters in 2-D, mini-batch SGD, data reshuffled every epoch.
import numpy as np

np.random.seed(0)
K = 5
angles = np.arange(K) * 2 * np.pi / K
centres = 3 * np.c_[np.cos(angles), np.sin(angles)]
labels = np.random.randint(0, K, 600)
X = centres[labels] + np.random.randn(600, 2) * 0.7
y = np.eye(K)[labels]
X_train, y_train = X[:500].copy(), y[:500].copy()
X_test, y_test = X[500:], y[500:]


def relu(z):
    return np.maximum(0, z)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def predict(X, W1, b1, W2, b2):
    return softmax(relu(X @ W1 + b1) @ W2 + b2)


W1 = np.random.randn(2, 32) * 0.5
b1 = np.zeros((1, 32))
W2 = np.random.randn(32, K) * 0.2
b2 = np.zeros((1, K))

lr, batch_size = 0.1, 25
for epoch in range(40):
    np.random.shuffle(X_train)
    np.random.shuffle(y_train)
    for i in range(0, len(X_train), batch_size):
        xb = X_train[i:i + batch_size]
        yb = y_train[i:i + batch_size]
        h = relu(xb @ W1 + b1)
        p = softmax(h @ W2 + b2)
        d2 = (p - yb) / len(xb)
        d1 = (d2 @ W2.T) * (h > 0)
        W2 -= lr * h.T @ d2
        b2 -= lr * d2.sum(axis=0, keepdims=True)
        W1 -= lr * xb.T @ d1
        b1 -= lr * d1.sum(axis=0, keepdims=True)
    if epoch % 10 == 0 or epoch == 39:
        p = predict(X_train, W1, b1, W2, b2)
        loss = -np.mean(np.sum(y_train * np.log(p + 1e-12), axis=1))
        print(f"epoch {epoch:2d}  train loss {loss:.4f}")

test_acc = np.mean(predict(X_test, W1, b1, W2, b2).argmax(1) == y_test.argmax(1))
print("test accuracy:", test_acc, "(chance is 0.2)")
