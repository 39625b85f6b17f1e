import numpy as np

# fit a bump y = exp(-2 x^2) on [-2, 2] with one tanh hidden layer and a linear output
np.random.seed(2)
X = np.random.uniform(-2, 2, (200, 1))
y = np.exp(-2 * X ** 2) + np.random.randn(200, 1) * 0.03

params = {
    "W1": np.random.randn(1, 16) * 0.5,
    "b1": np.zeros((1, 16)),
    "W2": np.random.randn(16, 1) * 0.5,
    "b2": np.zeros((1, 1)),
}


def loss(params, X, y):
    N = len(X)
    z1 = X @ params["W1"] + params["b1"]
    h = np.tanh(z1)
    pred = h @ params["W2"] + params["b2"]
    err = pred - y
    mse = np.mean(err ** 2)

    dpred = 2 * err / N
    grads = {}
    grads["W2"] = h.T @ dpred
    grads["b2"] = np.sum(dpred, axis=0, keepdims=True)
    dz1 = (dpred @ params["W2"].T) * (1 - h ** 2)
    grads["W1"] = X.T @ dz1
    grads["b1"] = np.sum(dz1, axis=0, keepdims=True)
    return mse, grads


lr = 0.05
for epoch in range(3000):
    mse, grads = loss(params, X, y)
    for k in params:
        params[k] -= lr * grads[k]
    if epoch % 500 == 0:
        print(f"epoch {epoch:4d}  mse {mse:.5f}")

X_grid = np.linspace(-2, 2, 9).reshape(-1, 1)
fit = np.tanh(X_grid @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
print("x      :", X_grid.ravel().round(2))
print("target :", np.exp(-2 * X_grid ** 2).ravel().round(2))
print("net    :", fit.ravel().round(2))
