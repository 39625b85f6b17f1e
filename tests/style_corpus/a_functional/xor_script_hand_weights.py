import numpy as np

# XOR with hand-picked starting weights (so every run starts the same way)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def sigmoid_slope(s):
    return s * (1 - s)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])

w_hidden = np.array([[1, -1, 2],
                     [-2, 1, 1]])
b_hidden = np.array([[1, 0, -1]])
w_out = np.array([[1], [-1], [2]])
b_out = np.array([[0]])
lr = 0.5

for epoch in range(5000):
    hidden = sigmoid(X @ w_hidden + b_hidden)
    out = sigmoid(hidden @ w_out + b_out)

    err = y - out
    d_out = err * sigmoid_slope(out)
    d_hidden = (d_out @ w_out.T) * sigmoid_slope(hidden)

    w_out += lr * hidden.T @ d_out
    b_out += lr * d_out.sum(axis=0, keepdims=True)
    w_hidden += lr * X.T @ d_hidden
    b_hidden += lr * d_hidden.sum(axis=0, keepdims=True)

    if epoch % 1000 == 0:
        print(epoch, np.mean(err ** 2))

print(out.round(3).ravel())
