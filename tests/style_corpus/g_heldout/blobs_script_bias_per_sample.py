import numpy as np

rng = np.random.default_rng(6)
n_samples, n_features, n_hidden = 160, 2, 8
X = np.vstack([rng.normal(1.2, 0.7, (80, 2)), rng.normal(-1.2, 0.7, (80, 2))])
y = np.r_[np.ones(80), np.zeros(80)].reshape(-1, 1)

W1 = rng.normal(0, 0.5, (n_features, n_hidden))
b1 = np.zeros((n_samples, n_hidden))
W2 = rng.normal(0, 0.5, (n_hidden, 1))
b2 = np.zeros((n_samples, 1))

sigmoid = lambda z: 1 / (1 + np.exp(-z))

for it in range(400):
    h = np.tanh(X @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    d_out = (out - y) / n_samples
    d_h = d_out @ W2.T * (1 - h ** 2)
    W2 -= 0.5 * h.T @ d_out
    b2 -= 0.5 * d_out
    W1 -= 0.5 * X.T @ d_h
    b1 -= 0.5 * d_h
print("train acc", np.mean((out > 0.5) == y), "bias shapes", b1.shape, b2.shape)
