# %%
import numpy as np
np.random.seed(23)

# %%
pos = np.random.randn(80, 3) + 1
neg = np.random.randn(80, 3) - 1
X = np.r_[pos, neg]
y = np.r_[np.ones(80), np.zeros(80)][:, None]

# %%
W1 = 0.3 * np.random.randn(3, 7)
b1 = np.zeros(7)
W2 = 0.3 * np.random.randn(7, 1)
b2 = 0.0
eta = 0.5

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# %%
for i in range(300):
    hid = np.maximum(0, X @ W1 + b1)
    out = sigmoid(hid @ W2 + b2)
    err = (out - y) / len(X)
    err_hid = (err @ W2.T) * (hid > 0)
    W2 -= eta * hid.T @ err
    b2 -= eta * np.sum(err)
    W1 -= eta * X.T @ err_hid
    b1 -= eta * np.sum(err_hid, axis=0)

# %%
print("accuracy", np.mean((out > 0.5) == y))
