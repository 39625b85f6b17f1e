# XOR with a 2 layer network, Trask style.  No separate bias vectors: a column of ones
# is appended to the input and to the hidden layer, so the last row of each weight
# matrix plays the role of the bias.
import numpy as np

np.random.seed(1)

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]])
y = np.array([[0, 1, 1, 0]]).T

ones = np.ones((len(X), 1))
syn0 = 2 * np.random.random((3, 4)) - 1     # 2 inputs + bias -> 4 hidden
syn1 = 2 * np.random.random((5, 1)) - 1     # 4 hidden + bias -> 1 output

for j in range(20000):
    l0 = np.hstack([X, ones])
    l1 = nonlin(np.dot(l0, syn0))
    l1b = np.hstack([l1, ones])
    l2 = nonlin(np.dot(l1b, syn1))

    l2_error = y - l2
    if j % 5000 == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1[:-1].T)      # the bias row does not feed back
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1b.T.dot(l2_delta)
    syn0 += l0.T.dot(l1_delta)

print("Error:" + str(np.mean(np.abs(l2_error))))
print("Output after training:")
print(l2)
