import numpy as np

# a 3 layer network for XOR (input, hidden, output)

# sigmoid function
def nonlin(x, deriv=False):
    if deriv == True:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

# input dataset
X = np.array([[0, 0, 1],
              [0, 1, 1],
              [1, 0, 1],
              [1, 1, 1]])

# output dataset
y = np.array([[0, 1, 1, 0]]).T

np.random.seed(1)

# weights and biases, mean 0
syn0 = 2 * np.random.random((3, 4)) - 1
bias0 = np.zeros((1, 4))
syn1 = 2 * np.random.random((4, 1)) - 1
bias1 = np.zeros((1, 1))

for j in range(6000):

    # feed forward through layers 0, 1, and 2
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)

    # how much did we miss?
    l2_error = y - l2

    if (j % 1000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    # in what direction is the target value?
    l2_delta = l2_error * nonlin(l2, deriv=True)

    # how much did each l1 value contribute to the l2 error?
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    bias1 += np.sum(l2_delta, axis=0, keepdims=True)
    syn0 += l0.T.dot(l1_delta)
    bias0 += np.sum(l1_delta, axis=0, keepdims=True)

print("Output After Training:")
print(l2)
