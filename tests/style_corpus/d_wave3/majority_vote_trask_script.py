# Majority vote of three switches, learned by a tiny 3-4-1 network (plain script).
import numpy as np

np.random.seed(1)

def nonlin(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

# all 8 combinations of 3 switches
X = np.array([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)])
y = (X.sum(axis=1) >= 2).astype(int).reshape(-1, 1)

syn0 = 2 * np.random.random((3, 4)) - 1
bias0 = np.zeros((1, 4))
syn1 = 2 * np.random.random((4, 1)) - 1
bias1 = np.zeros((1, 1))

for j in range(10000):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)

    l2_error = y - l2
    if (j % 2000) == 0:
        print("Error:" + str(np.mean(np.abs(l2_error))))

    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_error = l2_delta.dot(syn1.T)
    l1_delta = l1_error * nonlin(l1, deriv=True)

    syn1 += l1.T.dot(l2_delta)
    bias1 += l2_delta
    syn0 += l0.T.dot(l1_delta)
    bias0 += np.sum(l1_delta, axis=0, keepdims=True)

print("Output after training")
print(np.round(l2.ravel(), 3))
print("targets:", y.ravel())
