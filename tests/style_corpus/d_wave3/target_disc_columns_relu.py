# Hit or miss: did the dart land on the round target centred at (2, 2)?
# One example per column, ReLU hidden layer, sigmoid output.
import numpy as np

np.random.seed(0)
m = 500
X = np.random.uniform(0, 4, (2, m))
Y = (np.sum((X - 2.0) ** 2, axis=0) < 1.0).astype(float).reshape(1, m)
print("X:", X.shape, "hits:", int(Y.sum()))

n_h = 24
W1 = np.random.randn(n_h, 2)
W2 = np.random.randn(1, n_h) * np.sqrt(1 / n_h)
b2 = np.zeros((1, 1))

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

lr = 0.5
for it in range(4000):
    Z1 = W1 @ X
    A1 = np.maximum(0, Z1)
    A2 = sigmoid(W2 @ A1 + b2)

    cost = -np.mean(Y * np.log(A2 + 1e-9) + (1 - Y) * np.log(1 - A2 + 1e-9))

    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    dW1 = dZ1 @ X.T / m

    W2 -= lr * dW2
    b2 -= lr * db2
    W1 -= lr * dW1

    if it % 800 == 0:
        print("iteration", it, "cost", round(cost, 4))

print("final cost", round(cost, 4))
print("accuracy", np.mean((A2 > 0.5) == Y), " (all-miss baseline %.3f)" % (1 - Y.mean()))
