import numpy as np

rng = np.random.default_rng(19)
n = 240
X = rng.uniform(-1, 1, (n, 4))
cls = (X[:, 0] > 0).astype(int) * 2 + (X[:, 1] > 0).astype(int)
Y = np.eye(4)[cls]

W1 = rng.normal(0, 0.5, (4, 4))
W2 = rng.normal(0, 0.5, (4, 4))
b1 = np.zeros((1, 4))
b2 = np.zeros((1, 4))
vel_W1 = np.zeros((4, 4))
vel_W2 = np.zeros((4, 4))
mu, lr = 0.9, 0.1


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


for epoch in range(300):
    H = np.tanh(X @ W1 + b1)
    P = softmax(H @ W2 + b2)
    dZ2 = (P - Y) / n
    dH = dZ2 @ W2.T * (1 - H ** 2)
    gW2 = H.T @ dZ2
    gW1 = X.T @ dH
    vel_W2 *= mu
    vel_W2 -= lr * gW2
    vel_W1 *= mu
    vel_W1 -= lr * gW1
    W2 += vel_W2
    W1 += vel_W1
    b2 -= lr * dZ2.sum(axis=0, keepdims=True)
    b1 -= lr * dH.sum(axis=0, keepdims=True)
    if epoch % 100 == 0:
        print(epoch, -np.mean(np.log(np.clip(P[Y == 1], 1e-12, 1))))
print("acc", np.mean(P.argmax(axis=1) == cls), "same buffer", vel_W1 is vel_W2)
