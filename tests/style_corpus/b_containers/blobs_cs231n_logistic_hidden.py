import numpy as np

rng = np.random.default_rng(12)

# overlapping binary blobs, labels as a column
n = 300
X = np.vstack([rng.normal([0, 0], 1.0, (n // 2, 2)), rng.normal([2, 2], 1.0, (n // 2, 2))])
y = np.vstack([np.zeros((n // 2, 1)), np.ones((n // 2, 1))])
idx = rng.permutation(n)
X_tr, y_tr, X_te, y_te = X[idx[:240]], y[idx[:240]], X[idx[240:]], y[idx[240:]]

ALPHA = 0.1


def leaky(z):
    return np.where(z > 0, z, ALPHA * z)


def leaky_grad(z):
    return np.where(z > 0, 1.0, ALPHA)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def loss(params, X, y):
    m = X.shape[0]
    z1 = X @ params["W1"] + params["b1"]
    a1 = leaky(z1)
    p = sigmoid(a1 @ params["W2"] + params["b2"])
    eps = 1e-10
    L = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    dz2 = (p - y) / m
    grads = {"W2": a1.T @ dz2, "b2": np.sum(dz2, axis=0, keepdims=True)}
    dz1 = (dz2 @ params["W2"].T) * leaky_grad(z1)
    grads["W1"] = X.T @ dz1
    grads["b1"] = np.sum(dz1, axis=0, keepdims=True)
    return L, grads


def predict(params, X):
    return (sigmoid(leaky(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]) > 0.5).astype(float)


params = {"W1": rng.normal(0, 0.5, (2, 8)), "b1": np.zeros((1, 8)),
          "W2": rng.normal(0, 0.5, (8, 1)), "b2": np.zeros((1, 1))}
for epoch in range(1500):
    L, grads = loss(params, X_tr, y_tr)
    for k in params:
        params[k] -= 0.3 * grads[k]
    if epoch % 300 == 0:
        print("epoch %d loss %.4f" % (epoch, L))

print("train acc %.3f  test acc %.3f" % (np.mean(predict(params, X_tr) == y_tr), np.mean(predict(params, X_te) == y_te)))
