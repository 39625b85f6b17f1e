import numpy as np

rng = np.random.RandomState(0)

# two moons; labels kept as a flat vector of 0/1
n = 400
s = rng.rand(n) * np.pi
X = np.where((np.arange(n) < n // 2)[:, None],
             np.c_[np.cos(s), np.sin(s)],
             np.c_[1 - np.cos(s), 0.5 - np.sin(s)])
X = X + rng.randn(n, 2) * 0.12
y = (np.arange(n) >= n // 2).astype(float)          # shape (n,)


def init_params(d, h):
    return {"W1": rng.randn(d, h) * 0.5, "b1": np.zeros((1, h)),
            "w2": rng.randn(h, 1) * 0.5, "b2": np.zeros((1, 1))}


def loss(params, X, y):
    """binary cross-entropy of a 1-hidden-layer net; returns (loss, grads)"""
    N = X.shape[0]
    t = y.reshape(-1, 1)
    h = np.tanh(X @ params["W1"] + params["b1"])
    p = 1 / (1 + np.exp(-(h @ params["w2"] + params["b2"])))
    pc = np.clip(p, 1e-12, 1 - 1e-12)
    L = -np.mean(t * np.log(pc) + (1 - t) * np.log(1 - pc))

    dz = (p - t) / N
    grads = {"w2": h.T @ dz, "b2": dz.sum(axis=0, keepdims=True)}
    dh = dz @ params["w2"].T * (1 - h ** 2)
    grads["W1"] = X.T @ dh
    grads["b1"] = dh.sum(axis=0, keepdims=True)
    return L, grads


def predict(params, X):
    h = np.tanh(X @ params["W1"] + params["b1"])
    return (h @ params["w2"] + params["b2"] > 0).astype(float)


params = init_params(2, 10)
for it in range(2000):
    L, grads = loss(params, X, y)
    for k in params:
        params[k] -= 1.0 * grads[k]
    if it % 400 == 0:
        print("iter %4d  loss %.4f" % (it, L))

print("final train accuracy: %.3f" % np.mean(predict(params, X) == y))
