"""Three cultivars from five chemical measurements (synthetic, wine-like).
loss(params, X, y, reg) -> (loss, grads); SGD with learning-rate decay every 10 epochs."""
import numpy as np

rng = np.random.RandomState(33)
profiles = np.array([[13.7, 2.0, 2.4, 17.0, 106.0],
                     [12.3, 1.9, 2.2, 20.0, 94.0],
                     [13.1, 3.3, 2.4, 21.4, 99.0]])
spread = np.array([0.5, 0.7, 0.25, 2.8, 12.0])
y = rng.randint(0, 3, 360)
X_raw = profiles[y] + rng.randn(360, 5) * spread
X = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)
X_train, y_train, X_val, y_val = X[:300], y[:300], X[300:], y[300:]


def init(D, H, C):
    return {"W1": rng.randn(D, H) * np.sqrt(2.0 / D), "b1": np.zeros(H),
            "W2": rng.randn(H, C) * np.sqrt(1.0 / H), "b2": np.zeros(C)}


def loss(params, X, y, reg=0.0):
    N = X.shape[0]
    z1 = X.dot(params["W1"]) + params["b1"]
    h1 = np.maximum(0, z1)
    scores = h1.dot(params["W2"]) + params["b2"]
    scores = scores - scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    data_loss = -np.log(probs[np.arange(N), y] + 1e-12).mean()
    reg_loss = reg * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))

    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads = {"W2": h1.T.dot(dscores) + 2 * reg * params["W2"], "b2": dscores.sum(axis=0)}
    dz1 = dscores.dot(params["W2"].T) * (z1 > 0)
    grads["W1"] = X.T.dot(dz1) + 2 * reg * params["W1"]
    grads["b1"] = dz1.sum(axis=0)
    return data_loss + reg_loss, grads


params = init(5, 24, 3)
print("loss before training: %.4f" % loss(params, X_train, y_train, reg=1e-3)[0])
lr = 0.2
for epoch in range(40):
    order = rng.permutation(len(X_train))
    for i in range(0, len(order), 30):
        idx = order[i:i + 30]
        L, grads = loss(params, X_train[idx], y_train[idx], reg=1e-3)
        for k in params:
            params[k] -= lr * grads[k]
    if epoch % 10 == 9:
        lr *= 0.5
        train_loss, _ = loss(params, X_train, y_train, reg=1e-3)
        val_pred = np.argmax(np.maximum(0, X_val.dot(params["W1"]) + params["b1"]).dot(params["W2"]) + params["b2"], axis=1)
        print("epoch %2d  train loss %.4f  val accuracy %.3f  lr %.3f" % (epoch, train_loss, np.mean(val_pred == y_val), lr))
