import numpy as np


def leaky_relu_scalar(v, slope=0.01):
    return v if v > 0 else slope * v


leaky_relu = np.vectorize(leaky_relu_scalar)


def leaky_relu_backward(dout, z, slope=0.01):
    dz = dout.copy()
    dz[z <= 0] *= slope
    return dz


def softmax_loss(scores, y):
    s = scores - np.max(scores, axis=1, keepdims=True)
    p = np.exp(s) / np.sum(np.exp(s), axis=1, keepdims=True)
    n = len(y)
    loss = -np.sum(np.log(np.clip(p[np.arange(n), y], 1e-12, None))) / n
    dscores = p.copy()
    dscores[np.arange(n), y] -= 1
    return loss, dscores / n


def loss(params, X, y):
    z = X @ params["W1"] + params["b1"]
    h = leaky_relu(z)
    scores = h @ params["W2"] + params["b2"]
    data_loss, dscores = softmax_loss(scores, y)
    grads = {"W2": h.T @ dscores, "b2": dscores.sum(axis=0)}
    dz = leaky_relu_backward(dscores @ params["W2"].T, z)
    grads["W1"] = X.T @ dz
    grads["b1"] = dz.sum(axis=0)
    return data_loss, grads


rng = np.random.RandomState(21)
C = 3
centers = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
y = rng.randint(0, C, 240)
X = centers[y] + rng.randn(240, 2) * 0.6

params = {"W1": rng.randn(2, 10) * 0.5, "b1": np.zeros(10),
          "W2": rng.randn(10, C) * 0.5, "b2": np.zeros(C)}
for it in range(400):
    L, g = loss(params, X, y)
    for k in params:
        params[k] -= 0.5 * g[k]
    if it % 100 == 0:
        print("iteration %3d: loss %.4f" % (it, L))

scores = leaky_relu(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
print("accuracy %.3f" % np.mean(np.argmax(scores, axis=1) == y))
