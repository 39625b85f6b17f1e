import numpy as np

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def sigmoid_derivative(s):
    return s * (1 - s)

def forward(X, W1, b1, W2, b2):
    a1 = sigmoid(X.dot(W1) + b1)
    a2 = sigmoid(a1.dot(W2) + b2)
    return a1, a2

def backward(X, y, a1, a2, W2):
    error = y - a2
    d_output = error * sigmoid_derivative(error)
    error_hidden = d_output.dot(W2.T)
    d_hidden = error_hidden * sigmoid_derivative(a1)
    return d_output, d_hidden

np.random.seed(1)
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
expected = np.array([[0], [1], [1], [0]])
W1 = np.random.uniform(size=(2, 4))
b1 = np.random.uniform(size=(1, 4))
W2 = np.random.uniform(size=(4, 1))
b2 = np.random.uniform(size=(1, 1))
lr = 0.5
for _ in range(5000):
    a1, a2 = forward(inputs, W1, b1, W2, b2)
    d_output, d_hidden = backward(inputs, expected, a1, a2, W2)
    W2 += a1.T.dot(d_output) * lr
    b2 += np.sum(d_output, axis=0, keepdims=True) * lr
    W1 += inputs.T.dot(d_hidden) * lr
    b1 += np.sum(d_hidden, axis=0, keepdims=True) * lr
print(a2.round(3).ravel())
