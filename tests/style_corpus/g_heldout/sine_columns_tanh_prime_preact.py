# fit y = sin(x) with a 1-16-1 network, samples in columns
import numpy as np

np.random.seed(2)
m = 200
X = np.random.uniform(-3, 3, (1, m))
Y = np.sin(X)

n_h = 16
W1 = np.random.randn(n_h, 1) * 0.8
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(1, n_h) * 0.3
b2 = np.zeros((1, 1))


def tanh_prime(t):
    return 1 - t ** 2


learning_rate = 0.1
for i in range(1500):
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    cost = np.mean((Z2 - Y) ** 2)
    dZ2 = 2 * (Z2 - Y) / m
    dW2 = dZ2 @ A1.T
    db2 = dZ2.sum(axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * tanh_prime(Z1)
    dW1 = dZ1 @ X.T
    db1 = dZ1.sum(axis=1, keepdims=True)
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    if i % 300 == 0:
        print(i, cost)
print("final cost", cost)
