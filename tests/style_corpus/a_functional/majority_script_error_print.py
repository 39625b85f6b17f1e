import numpy as np

# majority vote of three switches: output 1 when at least two are on

def nonlin(x, deriv=False):
    if deriv == True:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 1],
              [1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])
y = np.array([[0, 0, 0, 1, 0, 1, 1, 1]]).T

np.random.seed(5)
syn0 = 2 * np.random.random((3, 4)) - 1
bias0 = np.zeros((1, 4))
syn1 = 2 * np.random.random((4, 1)) - 1
bias1 = np.zeros((1, 1))

for j in range(3001):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)

    l2_error = y - l2
    if j % 500 == 0:
        print("Error after", j, "iterations:", np.mean(l2_error))

    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    bias1 += l2_delta.sum(axis=0, keepdims=True)
    syn0 += l0.T.dot(l1_delta)
    bias0 += l1_delta.sum(axis=0, keepdims=True)

print("Output after training:", l2.ravel().round(3))
