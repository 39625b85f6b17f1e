# predict a building's heating load from 3 standardised features; mini-batch SGD, early-stopping style validation
import numpy as np

rng = np.random.default_rng(8)
n = 500
features = rng.normal(size=(n, 3))
load = 15 + 6 * features[:, 0] - 3 * features[:, 1] ** 2 + 2 * np.sin(2 * features[:, 2]) + rng.normal(0, 0.5, n)

# standardise the target too
load_mean, load_std = load.mean(), load.std()
target = (load - load_mean) / load_std

X_train, X_val = features[:400], features[400:]
y_train, y_val = target[:400], target[400:]
Y_train = y_train.reshape(-1, 1)

params = {"W1": rng.normal(0, 0.5, (3, 32)), "b1": np.zeros((1, 32)),
          "W2": rng.normal(0, 0.2, (32, 1)), "b2": np.zeros((1, 1))}


def predict(X):
    return np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]


best_val, lr, batch_size = np.inf, 0.05, 32
for epoch in range(100):
    perm = rng.permutation(len(X_train))
    for start in range(0, len(perm), batch_size):
        rows = perm[start:start + batch_size]
        xb, yb = X_train[rows], Y_train[rows]
        h = np.tanh(xb @ params["W1"] + params["b1"])
        out = h @ params["W2"] + params["b2"]
        d_out = 2 * (out - yb) / len(rows)
        d_h = (d_out @ params["W2"].T) * (1 - h ** 2)
        params["W2"] -= lr * h.T @ d_out
        params["b2"] -= lr * d_out.sum(axis=0, keepdims=True)
        params["W1"] -= lr * xb.T @ d_h
        params["b1"] -= lr * d_h.sum(axis=0, keepdims=True)
    train_mse = np.mean((predict(X_train) - Y_train) ** 2)
    val_mse = np.mean((predict(X_val) - y_val) ** 2)
    if val_mse < best_val:
        best_val = val_mse
    if epoch % 20 == 0 or epoch == 99:
        print("epoch %3d  train mse %.4f  val mse %.4f" % (epoch, train_mse, val_mse))

print("best validation mse: %.4f" % best_val)
