import numpy as np

np.random.seed(28)
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
outputs = np.array([[0], [1], [1], [1]], dtype=float)

syn0 = 2 * np.random.random((2, 4)) - 1
bias0 = np.zeros((1, 4))
syn1 = 2 * np.random.random((4, 1)) - 1
bias1 = np.zeros((1, 1))

def nonlin(x):
    return 1 / (1 + np.exp(-x))

for j in range(3000):
    l1 = nonlin(inputs @ syn0 + bias0)
    l2 = nonlin(l1 @ syn1 + bias1)
    l2_error = outputs - l2
    if j % 1000 == 0:
        print("Error:", np.mean(np.abs(l2_error)))
    l2_delta = l2_error * l2 * (1 - l2)
    l1_error = l2_delta @ syn1.T
    l1_delta = l1_error * l1 * (1 - l1)
    syn1 += l1.T @ l2_delta
    bias1 += l2_delta.sum(axis=0, keepdims=True)
    syn0 += inputs.T @ l1_delta
    bias0 += l1_delta.sum(axis=0, keepdims=True)
print("Output after training:", l2.round(3).ravel())
