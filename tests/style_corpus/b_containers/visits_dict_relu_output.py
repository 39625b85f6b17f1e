# predict the number of visits (0, 1, 2, ... up to ~8) from two features; counts are never negative,
# so the output layer is a ReLU and the loss is squared error
import numpy as np

np.random.seed(5)
m = 400
X = np.random.uniform(-1, 1, (2, m))
rate = np.exp(1.2 * X[0] + 0.8 * X[1] ** 2)
Y = np.round(rate + np.random.normal(0, 0.3, m)).clip(0, None).reshape(1, m)
print("visit counts seen:", np.unique(Y).astype(int))

layer_dims = [2, 16, 16, 1]
L = len(layer_dims) - 1
params = {}
for l in range(1, L + 1):
    params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
    params["b" + str(l)] = np.full((layer_dims[l], 1), 0.1)

lr = 0.01
for it in range(3001):
    cache = {"A0": X}
    for l in range(1, L + 1):
        cache["Z" + str(l)] = params["W" + str(l)] @ cache["A" + str(l - 1)] + params["b" + str(l)]
        cache["A" + str(l)] = np.maximum(0, cache["Z" + str(l)])
    AL = cache["A" + str(L)]
    mse = np.mean((AL - Y) ** 2)

    dA = 2 * (AL - Y) / m
    for l in range(L, 0, -1):
        dZ = dA * (cache["Z" + str(l)] > 0)
        dA = params["W" + str(l)].T @ dZ
        params["W" + str(l)] -= lr * dZ @ cache["A" + str(l - 1)].T
        params["b" + str(l)] -= lr * dZ.sum(axis=1, keepdims=True)
    if it % 500 == 0:
        print("iteration %4d  mse %.4f" % (it, mse))

print("mean absolute error: %.3f visits" % np.mean(np.abs(AL - Y)))
