"""Spam filter with one logistic unit.  The bias is the first weight: X gets a column of ones."""
import numpy as np


def make_emails(n=300, seed=4):
    rng = np.random.default_rng(seed)
    links = rng.poisson(2.0, n).astype(float)            # number of links in the mail
    caps = rng.uniform(0, 1, n)                          # fraction of capital letters
    spam = (0.9 * links + 4.0 * caps + rng.normal(0, 0.7, n) > 4.2).astype(float)
    return np.column_stack([links, caps]), spam.reshape(-1, 1)


def add_bias_column(X):
    return np.hstack([np.ones((X.shape[0], 1)), X])


def predict_proba(Xb, theta):
    return 1 / (1 + np.exp(-(Xb @ theta)))


def cost_and_grad(Xb, y, theta):
    p = np.clip(predict_proba(Xb, theta), 1e-12, 1 - 1e-12)
    cost = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    grad = Xb.T @ (p - y) / len(y)
    return cost, grad


def fit(X, y, lr=0.3, iters=4000):
    Xb = add_bias_column(X)
    theta = np.zeros((Xb.shape[1], 1))
    for i in range(iters):
        cost, grad = cost_and_grad(Xb, y, theta)
        theta -= lr * grad
        if i % 1000 == 0:
            print(f"iter {i}: cost {cost:.4f}")
    return theta


X, y = make_emails()
theta = fit(X, y)
Xb = add_bias_column(X)
print("theta (bias first):", theta.ravel().round(3))
print("final cost:", round(cost_and_grad(Xb, y, theta)[0], 4))
print("accuracy:", np.mean((predict_proba(Xb, theta) > 0.5) == y))
