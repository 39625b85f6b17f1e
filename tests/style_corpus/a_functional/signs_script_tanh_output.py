import numpy as np

# Is x1 * x2 positive (+1) or negative (-1)?  Labels are -1 / +1, so the
# output unit is a tanh, which ranges over (-1, 1), trained with squared error.

np.random.seed(13)
X = np.random.uniform(-1, 1, (300, 2))
T = np.sign(X[:, :1] * X[:, 1:])          # (300, 1), values -1 or +1

W_h = np.random.randn(2, 8)
b_h = np.zeros((1, 8))
W_o = np.random.randn(8, 1) * 0.3
b_o = np.zeros((1, 1))
eta = 0.5

for epoch in range(3000):
    H = np.tanh(X @ W_h + b_h)
    O = np.tanh(H @ W_o + b_o)
    E = T - O
    delta_o = E * (1 - O ** 2)
    delta_h = (delta_o @ W_o.T) * (1 - H ** 2)
    W_o += eta * H.T @ delta_o / len(X)
    b_o += eta * delta_o.mean(axis=0, keepdims=True)
    W_h += eta * X.T @ delta_h / len(X)
    b_h += eta * delta_h.mean(axis=0, keepdims=True)
    if epoch % 600 == 0:
        print("epoch", epoch, "mse", np.mean(E ** 2).round(4), "accuracy", np.mean(np.sign(O) == T).round(3))

print("accuracy:", np.mean(np.sign(O) == T))
