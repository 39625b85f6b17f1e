# house price regression from houses.csv (beside this script): 4 features -> 32 ReLU -> 1 linear output
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(here, "houses.csv"), delimiter=",", skiprows=1)
X_raw, price = data[:, :4], data[:, 4:5]
print("loaded", X_raw.shape[0], "houses, price range", price.min(), "-", price.max())

# standardise features and target; predictions are mapped back at the end
mu, sigma = X_raw.mean(axis=0), X_raw.std(axis=0)
X = (X_raw - mu) / sigma
p_mu, p_sigma = price.mean(), price.std()
y = (price - p_mu) / p_sigma

rng = np.random.RandomState(0)
params = {"W1": rng.randn(4, 32) * np.sqrt(2 / 4), "b1": np.zeros((1, 32)),
          "W2": rng.randn(32, 1) * np.sqrt(1 / 32), "b2": np.zeros((1, 1))}


def loss(params, X, y, reg=1e-3):
    n = X.shape[0]
    z = X @ params["W1"] + params["b1"]
    h = np.maximum(z, 0)
    pred = h @ params["W2"] + params["b2"]
    L = 0.5 * np.mean((pred - y) ** 2) + 0.5 * reg * np.sum(params["W1"] ** 2)

    dpred = (pred - y) / n
    grads = {"W2": h.T @ dpred, "b2": dpred.sum(axis=0, keepdims=True)}
    dz = (dpred @ params["W2"].T) * (z > 0)
    grads["W1"] = X.T @ dz + reg * params["W1"]
    grads["b1"] = dz.sum(axis=0, keepdims=True)
    return L, grads


for epoch in range(2000):
    L, grads = loss(params, X, y)
    for key in params:
        params[key] -= 0.05 * grads[key]
    if epoch % 400 == 0:
        print("epoch %4d  loss %.4f" % (epoch, L))

pred = (np.maximum(X @ params["W1"] + params["b1"], 0) @ params["W2"] + params["b2"]) * p_sigma + p_mu
rmse = np.sqrt(np.mean((pred - price) ** 2))
print("RMSE %.0f (price std %.0f)" % (rmse, price.std()))
