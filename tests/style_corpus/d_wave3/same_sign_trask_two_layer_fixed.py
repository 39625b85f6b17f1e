# Two layer network, "same sign" problem.
# Points in the square [-1, 1]^2, label +1 when x and y have the same sign, -1 otherwise.
import numpy as np

np.random.seed(1)


def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))


def tanh(x, deriv=False):
    if deriv:
        return 1 - x ** 2
    return np.tanh(x)


X = np.random.uniform(-1, 1, (200, 2))
y = np.where(X[:, 0] * X[:, 1] > 0, 1, -1).reshape(-1, 1)

# weights in [-1, 1) like in the tutorial, biases start at zero
syn0 = 2 * np.random.random((2, 8)) - 1
b0 = np.zeros((1, 8))
syn1 = 2 * np.random.random((8, 1)) - 1
b1 = np.zeros((1, 1))
alpha = 0.01

for j in range(6000):
    # forward through layers 0, 1 and 2
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + b0)
    l2 = tanh(np.dot(l1, syn1) + b1)

    # how much did we miss?
    l2_error = y - l2
    if j % 1000 == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    l2_delta = l2_error * tanh(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += alpha * l1.T.dot(l2_delta)
    b1 += alpha * np.sum(l2_delta, axis=0, keepdims=True)
    syn0 += alpha * l0.T.dot(l1_delta)
    b0 += alpha * np.sum(l1_delta, axis=0, keepdims=True)

# the sign of the output is the predicted class
pred = np.where(l2 > 0, 1, -1)
print("Output after training (first 5):")
print(l2[:5].ravel())
print("accuracy:", np.mean(pred == y))
