import numpy as np

np.random.seed(1)

# sigmoid, or its slope when deriv=True (x is then the sigmoid output)
def nonlin(x, deriv=False):
    if deriv == True:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

# 3-bit parity: output is 1 when an odd number of inputs are on
X = np.array([[0, 0, 0],
              [0, 0, 1],
              [0, 1, 0],
              [0, 1, 1],
              [1, 0, 0],
              [1, 0, 1],
              [1, 1, 0],
              [1, 1, 1]])
y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]]).T

# two hidden layers of 6 units
syn0 = 2 * np.random.random((3, 6)) - 1
syn1 = 2 * np.random.random((6, 6)) - 1
syn2 = 2 * np.random.random((6, 1)) - 1
bias0 = np.zeros((1, 6))
bias1 = np.zeros((1, 6))
bias2 = np.zeros((1, 1))
alpha = 0.8

for j in range(8000):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)
    l3 = nonlin(np.dot(l2, syn2) + bias2)

    l3_error = y - l3
    if (j % 2000) == 0:
        print("Error:" + str(np.mean(np.abs(l3_error))))

    l3_delta = l3_error * nonlin(l3, deriv=True)
    l2_error = l3_delta.dot(syn2.T)
    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn2 += alpha * l2.T.dot(l3_delta)
    bias2 += alpha * np.sum(l3_delta, axis=0, keepdims=True)
    syn1 += alpha * l1.T.dot(l2_delta)
    bias1 += alpha * np.sum(l2_delta, axis=0, keepdims=True)
    syn0 += alpha * l0.T.dot(l1_delta)
    bias0 += alpha * np.sum(l1_delta, axis=0, keepdims=True)

print("Output After Training:")
print(l3.round(2))
print("accuracy", np.mean((l3 > 0.5) == y))
