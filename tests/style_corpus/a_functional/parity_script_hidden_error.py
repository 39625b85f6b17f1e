import numpy as np

# 3-bit parity (XOR of all three inputs), one hidden layer of 6 sigmoid units

def sigmoid(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1],
              [0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 0]], dtype=float)
y = np.array([[1, 0, 0, 1, 0, 1, 1, 0]]).T

np.random.seed(3)
w0 = 2 * np.random.random((3, 6)) - 1
b0 = np.zeros((1, 6))
w1 = 2 * np.random.random((6, 1)) - 1
b1 = np.zeros((1, 1))

for i in range(8000):
    l1 = sigmoid(X.dot(w0) + b0)
    l2 = sigmoid(l1.dot(w1) + b1)

    l2_error = y - l2
    l2_delta = l2_error * sigmoid(l2, deriv=True)

    l1_error = l2_delta.dot(w1.T)
    l1_delta = l2_error * sigmoid(l1, deriv=True)

    w1 += l1.T.dot(l2_delta)
    b1 += l2_delta.sum(axis=0, keepdims=True)
    w0 += X.T.dot(l1_delta)
    b0 += l1_delta.sum(axis=0, keepdims=True)

    if i % 2000 == 0:
        print("iteration", i, "mean abs error", np.mean(np.abs(l2_error)))

print("after training:", l2.ravel().round(2))
print("accuracy:", np.mean((l2 > 0.5) == y))
