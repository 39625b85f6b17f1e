# 10-class toy "digits": each class is a noisy copy of its own 16-pixel prototype.
# Mini-batch SGD, batch of 10, softmax regression with one hidden layer.
import numpy as np

rng = np.random.default_rng(8)
n_classes, n_features = 10, 16
prototypes = rng.uniform(0, 1, (n_classes, n_features))
labels = rng.integers(0, n_classes, 1000)
X = prototypes[labels] + rng.normal(0, 0.25, (1000, n_features))
Y = np.eye(n_classes)[labels]
X_train, Y_train, X_test, Y_test = X[:800], Y[:800], X[800:], Y[800:]


def relu(z):
    return np.maximum(z, 0)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1)


W1 = rng.normal(0, np.sqrt(2 / n_features), (n_features, 32))
b1 = np.zeros((1, 32))
W2 = rng.normal(0, np.sqrt(1 / 32), (32, n_classes))
b2 = np.zeros((1, n_classes))

lr, batch_size, epochs = 0.1, 10, 30
for epoch in range(epochs):
    order = rng.permutation(len(X_train))
    total = 0.0
    for start in range(0, len(X_train), batch_size):
        batch = order[start:start + batch_size]
        xb, yb = X_train[batch], Y_train[batch]

        h = relu(xb @ W1 + b1)
        p = softmax(h @ W2 + b2)
        total += -np.sum(yb * np.log(p + 1e-12))

        d2 = (p - yb) / batch_size
        d1 = (d2 @ W2.T) * (h > 0)
        W2 -= lr * h.T @ d2
        b2 -= lr * d2.sum(axis=0, keepdims=True)
        W1 -= lr * xb.T @ d1
        b1 -= lr * d1.sum(axis=0, keepdims=True)
    if epoch % 5 == 0 or epoch == epochs - 1:
        print(f"epoch {epoch:2d}: mean cross-entropy {total / len(X_train):.4f}")


def predict(X):
    # argmax of the scores, no need for the softmax here
    return np.argmax(relu(X @ W1 + b1) @ W2 + b2, axis=1)


print("test accuracy:", np.mean(predict(X_test) == Y_test.argmax(axis=1)))
