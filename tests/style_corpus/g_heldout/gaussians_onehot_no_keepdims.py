import numpy as np

rng = np.random.RandomState(5)
centers = np.array([[0, 3], [3, 0], [-3, -3]])
X = np.vstack([rng.randn(60, 2) + c for c in centers])
labels = np.repeat(np.arange(3), 60)
Y = np.eye(3)[labels]

W1 = rng.randn(2, 10) * 0.1
b1 = np.zeros((1, 10))
W2 = rng.randn(10, 3) * 0.1
b2 = np.zeros((1, 3))


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / e.sum(axis=1)


for epoch in range(200):
    h = np.maximum(0, X @ W1 + b1)
    probs = softmax(h @ W2 + b2)
    loss = -np.mean(np.sum(Y * np.log(probs + 1e-9), axis=1))
    dlogits = (probs - Y) / len(X)
    dh = dlogits @ W2.T
    dh[h <= 0] = 0
    W2 -= 0.5 * h.T @ dlogits
    b2 -= 0.5 * dlogits.sum(axis=0, keepdims=True)
    W1 -= 0.5 * X.T @ dh
    b1 -= 0.5 * dh.sum(axis=0, keepdims=True)
    if epoch % 50 == 0:
        print(epoch, loss)
print("acc", np.mean(np.argmax(probs, axis=1) == labels))
