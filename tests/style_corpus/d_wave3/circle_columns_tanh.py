# Inside / outside a circle, samples stored as COLUMNS (features x samples).
# Labels are +1 (inside) and -1 (outside), so the output unit is a tanh.
import numpy as np

np.random.seed(11)
m = 400
X = np.random.uniform(-2, 2, size=(2, m))
Y = np.where(np.sum(X ** 2, axis=0) < 1.5, 1.0, -1.0).reshape(1, m)

n_x, n_h, n_y = 2, 12, 1
W1 = np.random.randn(n_h, n_x) * 0.5
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(n_y, n_h) * 0.5
b2 = np.zeros((n_y, 1))

learning_rate = 0.1
for i in range(3000):
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = np.tanh(Z2)

    cost = np.mean((A2 - Y) ** 2)

    dZ2 = 2 * (A2 - Y) * (1 - A2 ** 2)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    if i % 500 == 0:
        print("iteration %d: cost %.4f" % (i, cost))

predictions = np.sign(A2)
print("train accuracy: %.1f%%" % (100 * np.mean(predictions == Y)))
