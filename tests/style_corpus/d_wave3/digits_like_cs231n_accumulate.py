# A 10-class problem with a cs231n-style loss(params, X, y) -> (loss, grads).
# Each update sums the gradients of 4 chunks of the batch ("gradient accumulation").
import numpy as np

rng = np.random.RandomState(0)
D, C, H = 20, 10, 32
prototypes = rng.randn(C, D)
y_all = rng.randint(0, C, 1200)
X_all = prototypes[y_all] + 0.8 * rng.randn(1200, D)


def loss(params, X, y, reg=1e-4):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    h = np.maximum(0, X @ W1 + b1)
    s = h @ W2 + b2
    s = s - s.max(axis=1, keepdims=True)
    p = np.exp(s)
    p /= p.sum(axis=1, keepdims=True)
    L = -np.log(p[np.arange(N), y] + 1e-12).sum() + 0.5 * reg * N * (np.sum(W1 * W1) + np.sum(W2 * W2))
    ds = p.copy()
    ds[np.arange(N), y] -= 1
    grads = {"W2": h.T @ ds + reg * N * W2, "b2": ds.sum(axis=0)}
    dh = (ds @ W2.T) * (h > 0)
    grads["W1"] = X.T @ dh + reg * N * W1
    grads["b1"] = dh.sum(axis=0)
    return L, grads


params = {"W1": rng.randn(D, H) * np.sqrt(2.0 / D), "b1": np.zeros(H),
          "W2": rng.randn(H, C) * np.sqrt(1.0 / H), "b2": np.zeros(C)}
X_train, y_train = X_all[:1000], y_all[:1000]
X_val, y_val = X_all[1000:], y_all[1000:]

lr, batch = 0.1, 100
for it in range(300):
    idx = rng.choice(len(X_train), batch, replace=False)
    acc_grads = {k: np.zeros_like(v) for k, v in params.items()}
    total = 0.0
    for chunk in np.array_split(idx, 4):
        l, g = loss(params, X_train[chunk], y_train[chunk])
        total += l
        for k in acc_grads:
            acc_grads[k] += g[k]
    for k in params:
        params[k] -= lr * acc_grads[k] / batch
    if it % 50 == 0 or it == 299:
        print("iter %3d  loss %.4f" % (it, total / batch))

scores = np.maximum(0, X_val @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
print("validation accuracy:", np.mean(scores.argmax(axis=1) == y_val))
