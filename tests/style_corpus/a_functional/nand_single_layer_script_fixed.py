import numpy as np

# one neuron learns NAND: output = sigmoid(X.W + b)

np.random.seed(7)

X = np.array([[0, 0],
              [0, 1],
              [1, 0],
              [1, 1]], dtype=float)
y = np.array([[1], [1], [1], [0]], dtype=float)

n_inputs, n_outputs = X.shape[1], y.shape[1]
W = np.random.randn(n_inputs, n_outputs)
b = np.zeros((1, n_outputs))
learning_rate = 1.0

def sigmoid(s):
    return 1 / (1 + np.exp(-s))

for epoch in range(1000):
    out = sigmoid(X @ W + b)
    error = y - out
    delta = error * out * (1 - out)
    W += learning_rate * X.T @ delta
    b += learning_rate * delta.sum(axis=0, keepdims=True)
    if epoch % 200 == 0:
        print("epoch", epoch, "loss", np.mean(error ** 2))

print("weights:", W.ravel(), "bias:", b.ravel())
print("NAND:", (out > 0.5).astype(int).ravel())
