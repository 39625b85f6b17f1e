# logistic regression (a single sigmoid unit) on two exam scores, mini-batch gradient descent
import numpy as np

rng = np.random.default_rng(2)
m = 400
exam1 = rng.uniform(30, 100, m)
exam2 = rng.uniform(30, 100, m)
admitted = (0.08 * exam1 + 0.06 * exam2 - 10.5 + rng.normal(0, 0.6, m) > 0).astype(float)

X = np.c_[exam1, exam2]
X = (X - X.mean(axis=0)) / X.std(axis=0)      # scores 30..100 -> standardised
y = admitted.reshape(-1, 1)

model = {"w": np.zeros((2, 1)), "b": 0.0}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def step(model, xb, yb, lr):
    p = sigmoid(xb @ model["w"] + model["b"])
    grad_w = xb.T @ (p - yb) / len(xb)
    grad_b = np.sum(p - yb) / len(xb)
    model["w"] -= lr * grad_w
    model["b"] -= lr * grad_b


def log_loss(model, X, y):
    p = np.clip(sigmoid(X @ model["w"] + model["b"]), 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


for epoch in range(50):
    idx = rng.permutation(m)
    for k in range(0, m, 16):
        batch = idx[k:k + 16]
        step(model, X[batch], y[batch], lr=0.5)
    if epoch % 10 == 0:
        print("epoch %2d  log loss %.4f" % (epoch, log_loss(model, X, y)))

acc = np.mean((sigmoid(X @ model["w"] + model["b"]) >= 0.5) == y)
print("training accuracy: %.3f   (admitted fraction %.2f)" % (acc, y.mean()))
