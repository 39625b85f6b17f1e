# learn AND, OR and XOR at the same time: 2 inputs -> 4 sigmoid hidden -> 3 sigmoid outputs
import numpy as np

np.random.seed(4)
X = np.array([[0, 0, 1, 1],
              [0, 1, 0, 1]], dtype=float)
Y = np.array([[0, 0, 0, 1],    # AND
              [0, 1, 1, 1],    # OR
              [0, 1, 1, 0]],   # XOR
             dtype=float)
gate_names = ["AND", "OR", "XOR"]

n_x, n_h, n_y = 2, 2, 3
params = {"W1": np.random.randn(n_h, n_x), "b1": np.zeros((n_h, 1)),
          "W2": np.random.randn(n_y, n_h), "b2": np.zeros((n_y, 1))}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def forward(X, params):
    Z1 = params["W1"].dot(X) + params["b1"]
    A1 = sigmoid(Z1)
    Z2 = params["W2"].dot(A1) + params["b2"]
    A2 = sigmoid(Z2)
    return {"A1": A1, "A2": A2}


def backward(X, Y, params, cache):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dZ1 = params["W2"].T.dot(dZ2) * cache["A1"] * (1 - cache["A1"])
    grads = {}
    grads["dW2"] = dZ2.dot(cache["A1"].T) / m
    grads["db2"] = np.sum(dZ2, axis=1, keepdims=True) / m
    grads["dW1"] = dZ1.dot(X.T) / m
    grads["db1"] = np.sum(dZ1, axis=1, keepdims=True) / m
    return grads


alpha = 2.0
for epoch in range(5000):
    cache = forward(X, params)
    A2 = np.clip(cache["A2"], 1e-9, 1 - 1e-9)
    loss = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    grads = backward(X, Y, params, cache)
    for p in params:
        params[p] = params[p] - alpha * grads["d" + p]
    if epoch % 1000 == 0:
        print("epoch", epoch, "loss", round(float(loss), 4))

out = forward(X, params)["A2"]
for name, row, target in zip(gate_names, out, Y):
    print(name, np.round(row, 2), "target", target, "correct", np.all((row > 0.5) == target))
