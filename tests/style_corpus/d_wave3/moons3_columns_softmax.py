# Three classes (two half moons and a blob), samples stored as columns: X has shape (2, m).
import numpy as np

np.random.seed(9)
m_per = 100
t = np.random.uniform(0, np.pi, m_per)
moon_a = np.vstack([np.cos(t), np.sin(t)])
moon_b = np.vstack([1 - np.cos(t), 0.5 - np.sin(t)])
blob = np.random.randn(2, m_per) * 0.2 + np.array([[3.0], [1.5]])
X = np.hstack([moon_a, moon_b, blob]) + np.random.randn(2, 3 * m_per) * 0.08
labels = np.repeat([0, 1, 2], m_per)
Y = np.eye(3)[labels].T          # one-hot, shape (3, m)
m = X.shape[1]
print("X", X.shape, "Y", Y.shape)


def softmax(Z):
    # Z is (classes, samples): normalise every column
    e = np.exp(Z - np.max(Z, axis=0))
    return e / np.sum(e, axis=0)


W1 = np.random.randn(20, 2) * 0.5
b1 = np.zeros((20, 1))
W2 = np.random.randn(3, 20) * 0.3
b2 = np.zeros((3, 1))

alpha = 0.5
for i in range(4000):
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = softmax(Z2)

    cost = -np.sum(Y * np.log(A2 + 1e-12)) / m

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (Z1 > 0)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 -= alpha * dW1
    b1 -= alpha * db1
    W2 -= alpha * dW2
    b2 -= alpha * db2
    if i % 1000 == 0:
        print("cost after iteration", i, ":", round(cost, 4))

print("cost after iteration", i, ":", round(cost, 4))
print("accuracy:", np.mean(np.argmax(A2, axis=0) == labels))
