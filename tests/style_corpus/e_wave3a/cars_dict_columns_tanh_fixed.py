# Is a used car expensive?  Features: model year and mileage.  Samples are columns.
import numpy as np

np.random.seed(21)
m = 400
year = np.random.randint(1995, 2024, m)
mileage = np.random.uniform(0, 250000, m)
expensive = ((year > 2012) & (mileage < 90000)).astype(float)
X = np.vstack([year, mileage]).astype(float)
X = (X - X.min(axis=1, keepdims=True)) / (X.max(axis=1, keepdims=True) - X.min(axis=1, keepdims=True))
Y = expensive.reshape(1, m)

params = {
    "W1": np.random.randn(5, 2) * 0.1,
    "b1": np.zeros((5, 1)),
    "W2": np.random.randn(1, 5) * 0.1,
    "b2": np.zeros((1, 1)),
}


def forward(params, X):
    A1 = np.tanh(params["W1"] @ X + params["b1"])
    A2 = 1 / (1 + np.exp(-(params["W2"] @ A1 + params["b2"])))
    return A1, A2


for it in range(1000):
    A1, A2 = forward(params, X)
    dZ2 = A2 - Y
    dZ1 = (params["W2"].T @ dZ2) * (1 - A1 ** 2)
    params["W2"] -= 0.1 * dZ2 @ A1.T / m
    params["b2"] -= 0.1 * dZ2.mean(axis=1, keepdims=True)
    params["W1"] -= 0.1 * dZ1 @ X.T / m
    params["b1"] -= 0.1 * dZ1.mean(axis=1, keepdims=True)
    if it % 250 == 0:
        print(it, "accuracy", np.mean((A2 > 0.5) == Y))
