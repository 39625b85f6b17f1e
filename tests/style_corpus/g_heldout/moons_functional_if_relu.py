import numpy as np


def make_data(n=200, seed=0):
    rng = np.random.RandomState(seed)
    t = rng.uniform(0, np.pi, n)
    upper = np.c_[np.cos(t), np.sin(t)]
    lower = np.c_[1 - np.cos(t), 0.5 - np.sin(t)]
    X = np.vstack([upper, lower]) + rng.normal(0, 0.1, (2 * n, 2))
    y = np.r_[np.zeros(n), np.ones(n)].reshape(-1, 1)
    return X, y


def relu(z):
    if z > 0:
        return z
    return 0.0


def relu_deriv(z):
    return 1.0 if z > 0 else 0.0


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def init(n_in, n_h, n_out):
    return {
        "w_in": np.random.randn(n_in, n_h) * 0.3,
        "b_in": np.zeros(n_h),
        "w_out": np.random.randn(n_h, n_out) * 0.3,
        "b_out": np.zeros(n_out),
    }


def forward(p, X):
    z = X @ p["w_in"] + p["b_in"]
    hidden_out = relu(z)
    prob = sigmoid(hidden_out @ p["w_out"] + p["b_out"])
    return z, hidden_out, prob


def backward(p, X, y, z, hidden_out, prob):
    m = len(X)
    grad_out = (prob - y) / m
    grad_hidden = grad_out @ p["w_out"].T * relu_deriv(z)
    return {
        "w_out": hidden_out.T @ grad_out,
        "b_out": grad_out.sum(axis=0),
        "w_in": X.T @ grad_hidden,
        "b_in": grad_hidden.sum(axis=0),
    }


np.random.seed(0)
X, y = make_data()
params = init(2, 10, 1)
for step in range(500):
    z, h, prob = forward(params, X)
    grads = backward(params, X, y, z, h, prob)
    for k in params:
        params[k] -= 1.0 * grads[k]
print("accuracy", np.mean((prob > 0.5) == y))
