import numpy as np

np.random.seed(0)

# two well separated clouds
m = 200
X = np.concatenate([np.random.randn(2, m // 2) + 4, np.random.randn(2, m // 2) - 4], axis=1)
Y = np.concatenate([np.ones((1, m // 2)), np.zeros((1, m // 2))], axis=1)

dims = {"n_x": 2, "n_h": 10, "n_y": 1}
params = {
    "W1": np.random.randn(dims["n_h"], dims["n_x"]),
    "b1": np.zeros((dims["n_h"], 1)),
    "W2": np.random.randn(dims["n_y"], dims["n_h"]),
    "b2": np.zeros((dims["n_y"], 1)),
}
sigmoid = lambda z: 1.0 / (1.0 + np.exp(-z))

lr = 0.5
history = []
for step in range(600):
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(0, Z1)
    A2 = sigmoid(params["W2"] @ A1 + params["b2"])

    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    history.append(cost)

    dZ2 = A2 - Y
    grads = {
        "W2": dZ2 @ A1.T / m,
        "b2": dZ2.sum(axis=1, keepdims=True) / m,
    }
    dZ1 = params["W2"].T @ dZ2 * (Z1 > 0)
    grads["W1"] = dZ1 @ X.T / m
    grads["b1"] = dZ1.sum(axis=1, keepdims=True) / m
    for k in params:
        params[k] = params[k] - lr * grads[k]
    if step % 100 == 0:
        print("step %d: cost = %s" % (step, cost))

print("accuracy:", np.mean((A2 > 0.5) == Y))
print("smallest and largest output:", A2.min(), A2.max())
