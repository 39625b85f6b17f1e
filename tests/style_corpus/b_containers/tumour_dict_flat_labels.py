import numpy as np

# benign (0) / malignant (1) from two standardised measurements; labels kept as a flat array
np.random.seed(12)
m = 300
size = np.random.randn(m)
texture = np.random.randn(m)
labels = ((size + 0.5 * texture + 0.3 * size * texture + np.random.randn(m) * 0.3) > 0.2).astype(float)   # (m,)
X = np.vstack([size, texture])                                                                         # (2, m)

layer_dims = [2, 6, 1]
parameters = {}
for l in range(1, len(layer_dims)):
    parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.5
    parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))

for i in range(2001):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    AL = 1 / (1 + np.exp(-(parameters["W2"] @ A1 + parameters["b2"])))        # (1, m)

    # (1, m) against (m,) lines up along the last axis: the result is (1, m)
    dZ2 = (AL - labels) / m
    cost = -np.mean(labels * np.log(AL + 1e-10) + (1 - labels) * np.log(1 - AL + 1e-10))

    grads = {"dW2": dZ2 @ A1.T, "db2": dZ2.sum(axis=1, keepdims=True)}
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    grads["dW1"] = dZ1 @ X.T
    grads["db1"] = dZ1.sum(axis=1, keepdims=True)
    for key in parameters:
        parameters[key] -= 0.5 * grads["d" + key]
    if i % 500 == 0:
        print("iteration %4d  cost %.4f  accuracy %.3f" % (i, cost, np.mean((AL > 0.5) == labels)))
