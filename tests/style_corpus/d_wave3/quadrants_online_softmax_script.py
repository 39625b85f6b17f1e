# Which quadrant is the point in?  4 classes, trained online: one sample per update.
import numpy as np

np.random.seed(6)

X = np.random.uniform(-1, 1, (200, 2))
labels = (X[:, 0] < 0).astype(int) * 2 + (X[:, 1] < 0).astype(int)
T = np.eye(4)[labels]

W_hid = np.random.randn(2, 12) * 0.5
b_hid = np.zeros(12)
W_out = np.random.randn(12, 4) * 0.5
b_out = np.zeros(4)
lr = 0.05

for epoch in range(60):
    loss = 0.0
    for i in np.random.permutation(len(X)):
        x, t = X[i], T[i]                 # one sample: x is (2,), t is (4,)
        h = np.tanh(x @ W_hid + b_hid)
        z = h @ W_out + b_out
        e = np.exp(z - z.max())
        p = e / e.sum(axis=-1)            # probabilities of the 4 quadrants
        loss += -np.log(p[labels[i]] + 1e-12)

        dz = p - t
        dh = (W_out @ dz) * (1 - h ** 2)
        W_out -= lr * np.outer(h, dz)
        b_out -= lr * dz
        W_hid -= lr * np.outer(x, dh)
        b_hid -= lr * dh
    if epoch % 10 == 0:
        print("epoch", epoch, "avg loss", loss / len(X))

H = np.tanh(X @ W_hid + b_hid)
pred = np.argmax(H @ W_out + b_out, axis=1)
print("avg loss", loss / len(X))
print("accuracy:", np.mean(pred == labels))
