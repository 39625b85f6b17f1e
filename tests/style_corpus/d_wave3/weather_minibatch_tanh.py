# Rain tomorrow?  Mini-batch SGD on a small weather table (weather_days.csv next to this file).
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
data = np.loadtxt(os.path.join(here, "weather_days.csv"), delimiter=",", skiprows=1)
X = data[:, :3]          # temperature (F), humidity (%), pressure (hPa)
y = data[:, 3:4]         # 1 = rain the next day
print("loaded", X.shape, "rain days:", int(y.sum()))

rng = np.random.default_rng(0)
split = 180
X_train, y_train = X[:split], y[:split]
X_val, y_val = X[split:], y[split:]

hidden = 12
W1 = rng.standard_normal((3, hidden)) * 0.3
b1 = np.zeros(hidden)
W2 = rng.standard_normal((hidden, 1)) * 0.3
b2 = np.zeros(1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def predict_proba(X):
    return sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2)


lr = 0.1
batch_size = 20
for epoch in range(150):
    perm = rng.permutation(len(X_train))
    for i in range(0, len(X_train), batch_size):
        idx = perm[i:i + batch_size]
        xb, yb = X_train[idx], y_train[idx]
        h = np.tanh(xb @ W1 + b1)
        p = sigmoid(h @ W2 + b2)
        g_out = (p - yb) / len(xb)
        g_h = (g_out @ W2.T) * (1 - h ** 2)
        W2 -= lr * h.T @ g_out
        b2 -= lr * g_out.sum(axis=0)
        W1 -= lr * xb.T @ g_h
        b1 -= lr * g_h.sum(axis=0)
    if epoch % 30 == 0:
        p_all = np.clip(predict_proba(X_train), 1e-9, 1 - 1e-9)
        bce = -np.mean(y_train * np.log(p_all) + (1 - y_train) * np.log(1 - p_all))
        print(f"epoch {epoch:3d}  loss {bce:.4f}")

val_acc = np.mean((predict_proba(X_val) > 0.5) == y_val)
print("validation accuracy:", round(float(val_acc), 3))
