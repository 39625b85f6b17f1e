import numpy as np

# four classes, one per quadrant; columns layout (features x samples)
np.random.seed(12)

m = 400
X = np.random.uniform(-1, 1, (2, m))
labels = (X[0] > 0).astype(int) * 2 + (X[1] > 0).astype(int)
Y = np.zeros((4, m))
Y[labels, np.arange(m)] = 1
print("X:", X.shape, "Y:", Y.shape)

n_h = 10
W1 = np.random.randn(n_h, 2) * 0.5
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(4, n_h) * 0.5
b2 = np.zeros((4, 1))


def softmax_cols(Z):
    Z = Z - Z.max(axis=0, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)


alpha = 0.5
for i in range(2000):
    A1 = np.tanh(np.dot(W1, X) + b1)
    A2 = softmax_cols(np.dot(W2, A1) + b2)
    cost = -np.sum(Y * np.log(A2 + 1e-10)) / m

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 = W1 - alpha * dW1
    b1 = b1 - alpha * db1
    W2 = W2 - alpha * dW2
    b2 = b2 - alpha * db2

    if i % 400 == 0:
        print("iteration", i, "cost", round(cost, 4))

predicted = np.argmax(A2, axis=0)
print("accuracy:", np.mean(predicted == labels))
