import numpy as np

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]])
y = np.array([[0], [1], [1], [0]])

np.random.seed(1)

# 2 inputs -> 4 hidden -> 1 output, with biases
syn0 = 2 * np.random.random((2, 4)) - 1
b0 = np.zeros((1, 4))
syn1 = 2 * np.random.random((4, 1)) - 1
b1 = np.zeros((1, 1))

for j in range(10000):
    # forward, keeping the weighted sums around for backprop
    z1 = np.dot(X, syn0) + b0
    l1 = nonlin(z1)
    z2 = np.dot(l1, syn1) + b1
    l2 = nonlin(z2)

    l2_error = y - l2
    if j % 2000 == 0:
        print("Error: " + str(np.mean(np.abs(l2_error))))

    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    b1 += l2_delta.sum(axis=0, keepdims=True)
    syn0 += X.T.dot(l1_delta)
    b0 += l1_delta.sum(axis=0, keepdims=True)

print("Output after training:")
print(l2)
print("rounded:", np.round(l2).ravel(), "target:", y.ravel())
