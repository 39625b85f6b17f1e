# 3 layer network (2 hidden layers), Trask style, on a 2x2 checkerboard
import numpy as np

np.random.seed(10)

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.random.uniform(0, 2, (300, 2))
y = ((np.floor(X[:, 0]) + np.floor(X[:, 1])) % 2).reshape(-1, 1)
X = X - 1.0   # centre the square on the origin

syn0 = 2 * np.random.random((2, 10)) - 1
syn1 = 2 * np.random.random((10, 10)) - 1
syn2 = 2 * np.random.random((10, 1)) - 1
bias0 = np.zeros((1, 10))
bias1 = np.zeros((1, 10))
bias2 = np.zeros((1, 1))
lr = 0.01

for j in range(6000):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)
    l3 = nonlin(np.dot(l2, syn2) + bias2)

    l3_error = y - l3
    if (j % 1000) == 0:
        print("Error: " + str(np.mean(np.abs(l3_error))))

    l3_delta = l3_error * nonlin(l3, deriv=True)
    l2_error = l3_delta.dot(syn2.T)
    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    # each weight matrix gets (its layer's input).T dot (its delta)
    syn2 += lr * l2.T.dot(l3_delta)
    syn1 += lr * l1.T.dot(l2_delta)
    syn0 += lr * l0.T.dot(l1_delta)
    bias2 += lr * l3_delta.sum(axis=0, keepdims=True)
    bias1 += lr * l2_delta.sum(axis=0, keepdims=True)
    bias0 += lr * l1_delta.sum(axis=0, keepdims=True)

print("Error: " + str(np.mean(np.abs(l3_error))))
print("accuracy:", np.mean((l3 > 0.5) == y))
