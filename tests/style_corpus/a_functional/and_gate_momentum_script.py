import numpy as np

# AND gate with a small hidden layer, plain gradient descent + momentum
np.random.seed(9)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [0], [0], [1]], dtype=float)

sig = lambda z: 1 / (1 + np.exp(-z))

W1 = np.random.normal(0, 0.5, (2, 3))
b1 = np.zeros((1, 3))
W2 = np.random.normal(0, 0.5, (3, 1))
b2 = np.zeros((1, 1))

vW1 = np.zeros_like(W1)
vb1 = np.zeros_like(b1)
vW2 = np.zeros_like(W2)
vb2 = np.zeros_like(b2)
lr, mu = 0.5, 0.9

for epoch in range(1000):
    h = sig(X @ W1 + b1)
    out = sig(h @ W2 + b2)
    err = out - y
    loss = 0.5 * np.sum(err ** 2)

    d_out = err * out * (1 - out)
    d_h = (d_out @ W2.T) * h * (1 - h)

    vW2 = mu * vW2 - lr * (h.T @ d_out)
    vb2 = mu * vb2 - lr * d_out.sum(axis=0, keepdims=True)
    vW1 = mu * vW1 - lr * (X.T @ d_h)
    vb1 = mu * vb1 - lr * d_h.sum(axis=0, keepdims=True)
    W2 += vW2
    b2 += vb2
    W1 += vW1
    b1 += vb1

    if epoch % 200 == 0:
        print("epoch", epoch, "loss", round(loss, 5))

print("outputs:", out.T.round(3))
print("predicted:", (out > 0.5).astype(int).T, "expected:", y.T.astype(int))
