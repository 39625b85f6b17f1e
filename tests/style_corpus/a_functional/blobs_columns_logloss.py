import numpy as np

# Two well separated clusters, columns layout, 2 -> 5 (relu) -> 1 (sigmoid)

np.random.seed(4)
m = 200
X = np.hstack([np.random.randn(2, m // 2) * 0.6 + [[2.5], [2.5]],
               np.random.randn(2, m // 2) * 0.6 - [[2.5], [2.5]]])
Y = np.hstack([np.ones((1, m // 2)), np.zeros((1, m // 2))])

W1 = np.random.randn(5, 2)
b1 = np.zeros((5, 1))
W2 = np.random.randn(1, 5)
b2 = np.zeros((1, 1))


def sigmoid(Z):
    Z = np.clip(Z, -500, 500)   # stops the overflow warnings in exp
    return 1 / (1 + np.exp(-Z))


costs = []
for i in range(1000):
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(Z1, 0)
    A2 = sigmoid(np.dot(W2, A1) + b2)

    cost = -np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m
    costs.append(cost)

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (Z1 > 0)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 -= 2.0 * dW1
    b1 -= 2.0 * db1
    W2 -= 2.0 * dW2
    b2 -= 2.0 * db2

    if i % 200 == 0:
        print("iteration", i, "cost", cost)

print("final cost:", costs[-1])
print("accuracy:", np.mean((A2 > 0.5) == Y))
