import numpy as np

np.random.seed(11)
X = np.vstack([np.random.randn(100, 3) + 1.5, np.random.randn(100, 3) - 1.5])
y = np.vstack([np.ones((100, 1)), np.zeros((100, 1))])

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

W1 = np.random.randn(3, 5) * 0.5
b1 = np.zeros(5)
W2 = np.random.randn(5, 1) * 0.5
b2 = np.zeros(1)
lr = 0.5

for epoch in range(300):
    hidden = sigmoid(X @ W1 + b1)
    out = sigmoid(hidden @ W2 + b2)
    dout = (out - y) / len(X)
    dhidden = dout @ W2.T * hidden * (1 - hidden)
    dW2 = hidden.T @ dout
    dW1 = X.T @ dhidden
    db2 = np.sum(dW2, axis=0)
    db1 = np.sum(dW1, axis=0)
    W2 -= lr * dW2
    b2 -= lr * db2
    W1 -= lr * dW1
    b1 -= lr * db1
    if epoch % 100 == 0:
        o = np.clip(out, 1e-7, 1 - 1e-7)
        print(epoch, -np.mean(y * np.log(o) + (1 - y) * np.log(1 - o)))
print("acc", np.mean((out > 0.5) == y))
