# Fuel consumption (litres per 100 km) from car weight, engine power and age.
# L-layer network, parameters in a dict, samples as columns, ReLU hidden layers, linear output.
import numpy as np

np.random.seed(3)
m = 400
weight = np.random.uniform(900, 2200, m)      # kg
power = np.random.uniform(50, 250, m)         # kW
age = np.random.uniform(0, 20, m)             # years
litres = 2.0 + 0.003 * weight + 0.012 * power + 0.08 * age + np.random.normal(0, 0.3, m)

X = np.vstack([weight, power, age])
X = (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)
Y = litres.reshape(1, m)
print("X", X.shape, "Y", Y.shape, "mean consumption", Y.mean().round(2))

layer_dims = [3, 16, 8, 1]
L = len(layer_dims) - 1
params = {}
for l in range(1, L + 1):
    params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
    params["b" + str(l)] = np.zeros((layer_dims[l], 1))

learning_rate = 0.05
for i in range(2000):
    # forward
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        A = Z if l == L else np.maximum(0, Z)
        cache["Z" + str(l)] = Z
        cache["A" + str(l)] = A
    cost = np.mean((A - Y) ** 2)

    # backward, updating each layer as soon as its gradient is known
    dZ = 2 * (A - Y) / m
    for l in range(L, 0, -1):
        dW = dZ @ cache["A" + str(l - 1)].T
        db = np.sum(dZ, axis=1, keepdims=True)
        params["W" + str(l)] -= learning_rate * dW
        params["b" + str(l)] -= learning_rate * db
        if l > 1:
            dA_prev = params["W" + str(l)].T @ dZ
            dZ = dA_prev * (cache["Z" + str(l - 1)] > 0)

    if i % 400 == 0:
        print("iteration %4d  cost %.4f" % (i, cost))

print("final cost %.4f" % cost)
