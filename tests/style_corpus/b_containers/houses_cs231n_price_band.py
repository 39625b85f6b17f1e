# classify houses into 3 price bands from raw features: living area (sq ft), lot size (sq ft), year built
import numpy as np

rng = np.random.RandomState(4)
n = 300
area = rng.uniform(600, 4000, n)
lot = rng.uniform(2000, 20000, n)
year = rng.randint(1950, 2020, n).astype(float)
price = 120 * area + 3 * lot + 800 * (year - 1950) + rng.normal(0, 40000, n)
band = np.digitize(price, np.percentile(price, [33.3, 66.6]))   # 0, 1, 2
X = np.column_stack([area, lot, year])

W1 = rng.randn(3, 16) * 0.1
b1 = np.zeros(16)
W2 = rng.randn(16, 3) * 0.5
b2 = np.zeros(3)


def loss_and_grads(X, y, W1, b1, W2, b2):
    n = len(y)
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    scores = a1 @ W2 + b2
    exp_scores = np.exp(scores)
    probs = exp_scores / exp_scores.sum(axis=1, keepdims=True)
    loss = -np.log(probs[np.arange(n), y] + 1e-10).mean()

    d_scores = probs
    d_scores[np.arange(n), y] -= 1
    d_scores /= n
    dW2 = a1.T @ d_scores
    db2 = d_scores.sum(axis=0)
    d_a1 = d_scores @ W2.T
    d_z1 = d_a1 * (z1 > 0)
    dW1 = X.T @ d_z1
    db1 = d_z1.sum(axis=0)
    return loss, (dW1, db1, dW2, db2)


lr = 1e-4
for epoch in range(200):
    loss, (dW1, db1, dW2, db2) = loss_and_grads(X, band, W1, b1, W2, b2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 40 == 0:
        print("epoch", epoch, "loss", loss)

scores = np.maximum(X @ W1 + b1, 0) @ W2 + b2
print("accuracy:", np.mean(scores.argmax(axis=1) == band))
