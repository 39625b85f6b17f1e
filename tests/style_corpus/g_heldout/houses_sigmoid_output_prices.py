"""Predict a house price (in thousands) from size and rooms."""
import numpy as np

rng = np.random.default_rng(10)
size = rng.uniform(0.5, 3.0, 300)      # already in 100 m^2 units
rooms = rng.integers(1, 6, 300) / 5.0  # scaled
features = np.column_stack([size, rooms])
price = 80 + 120 * size + 40 * rooms + rng.normal(0, 10, 300)
price = price.reshape(-1, 1)

w_in = rng.normal(0, 0.5, (2, 8))
b_in = np.zeros((1, 8))
w_out = rng.normal(0, 0.5, (8, 1))
b_out = np.zeros((1, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


lr = 0.01
for epoch in range(300):
    hidden_out = np.tanh(features @ w_in + b_in)
    pred = sigmoid(hidden_out @ w_out + b_out)
    diff = pred - price
    mse = np.mean(diff ** 2)
    grad_out = 2 * diff * pred * (1 - pred) / len(price)
    grad_hidden = grad_out @ w_out.T * (1 - hidden_out ** 2)
    w_out -= lr * hidden_out.T @ grad_out
    b_out -= lr * grad_out.sum(axis=0, keepdims=True)
    w_in -= lr * features.T @ grad_hidden
    b_in -= lr * grad_hidden.sum(axis=0, keepdims=True)
    if epoch % 100 == 0:
        print(epoch, round(mse, 1))
print("max prediction", pred.max(), "min price", price.min())
