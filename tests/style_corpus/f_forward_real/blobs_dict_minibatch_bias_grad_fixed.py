import numpy as np

np.random.seed(7)

centers = np.array([[0.0, 3.0], [3.0, -2.0], [-3.0, -2.0]])
X = np.vstack([np.random.randn(120, 2) + c for c in centers])
y = np.repeat(np.arange(3), 120)
N, D = X.shape
H, C = 20, 3

params = {
    "W1": 0.1 * np.random.randn(D, H),
    "b1": np.zeros(H),
    "W2": 0.1 * np.random.randn(H, C),
    "b2": np.zeros(C),
}


def loss_and_grads(params, X, y):
    n = X.shape[0]
    h = np.maximum(0, X @ params["W1"] + params["b1"])
    scores = h @ params["W2"] + params["b2"]
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores)
    probs /= probs.sum(axis=1, keepdims=True)
    loss = -np.log(probs[np.arange(n), y]).mean()
    dscores = probs.copy()
    dscores[np.arange(n), y] -= 1
    dscores /= n
    grads = {}
    grads["W2"] = h.T @ dscores
    grads["b2"] = dscores.sum(axis=0)
    dh = dscores @ params["W2"].T
    dh[h <= 0] = 0
    grads["W1"] = X.T @ dh
    grads["b1"] = dh.sum(axis=0)
    return loss, grads


batch_size = 30
for epoch in range(60):
    order = np.random.permutation(N)
    for start in range(0, N, batch_size):
        idx = order[start:start + batch_size]
        loss, grads = loss_and_grads(params, X[idx], y[idx])
        for name in params:
            params[name] = params[name] - 0.5 * grads[name]
    if epoch % 20 == 0:
        print(epoch, round(float(loss), 4), params["b2"].shape)

h = np.maximum(0, X @ params["W1"] + params["b1"])
pred = np.argmax(h @ params["W2"] + params["b2"], axis=1)
print("accuracy", np.mean(pred == y))
