# features x samples: every column is one example
import numpy as np

rng = np.random.default_rng(26)
K, m = 3, 240
centers = np.array([[2.0, 0.0], [-1.0, 1.7], [-1.0, -1.7]])
labels = rng.integers(0, K, m)
X = (centers[labels] + rng.normal(0, 0.6, (m, 2))).T      # (2, m)
Y = np.zeros((K, m))
Y[labels, np.arange(m)] = 1.0                              # one-hot columns

params = {
    'W1': rng.normal(0, 0.5, (10, 2)), 'b1': np.zeros((10, 1)),
    'W2': rng.normal(0, 0.5, (K, 10)), 'b2': np.zeros((K, 1)),
}


def softmax_cols(Z):
    Z = Z - Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)


for it in range(500):
    A1 = np.maximum(0, params['W1'] @ X + params['b1'])
    A2 = softmax_cols(params['W2'] @ A1 + params['b2'])
    cost = -np.sum(Y * np.log(np.clip(A2, 1e-12, 1.0))) / m
    dZ2 = (A2 - Y) / m
    dA1 = params['W2'].T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    grads = {'W2': dZ2 @ A1.T, 'b2': dZ2.sum(axis=1, keepdims=True),
             'W1': dZ1 @ X.T, 'b1': dZ1.sum(axis=1, keepdims=True)}
    for key in params:
        params[key] -= 0.5 * grads[key]
    if it % 100 == 0:
        print(it, cost)
pred = np.argmax(A2, axis=0)
print("accuracy", np.mean(pred == labels))
