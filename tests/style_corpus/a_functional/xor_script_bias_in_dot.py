import numpy as np

np.random.seed(0)

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

# XOR truth table
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

syn0 = 2 * np.random.random((2, 3)) - 1
b0 = np.zeros((1, 3))
syn1 = 2 * np.random.random((3, 1)) - 1
b1 = np.zeros((1, 1))

for it in range(10000):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0 + b0))
    l2 = nonlin(np.dot(l1, syn1) + b1)

    l2_error = y - l2
    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    b1 += np.sum(l2_delta, axis=0, keepdims=True)
    syn0 += l0.T.dot(l1_delta)
    b0 += np.sum(l1_delta, axis=0, keepdims=True)

    if it % 2000 == 0:
        print("Error: " + str(np.mean(np.abs(l2_error))))

print("Output after training:")
print(l2.round(3))
