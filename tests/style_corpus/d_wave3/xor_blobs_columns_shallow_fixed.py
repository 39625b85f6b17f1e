# Noisy XOR: four clouds of points, opposite corners share a class.
# Shallow network with samples as columns (X is 2 x m), tanh hidden layer, sigmoid output.
import numpy as np

np.random.seed(2)
m = 400
corners = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
which = np.random.randint(0, 4, m)
X = (corners[which] + 0.3 * np.random.randn(m, 2)).T
Y = (corners[which, 0] * corners[which, 1] < 0).astype(int).reshape(1, m)
print("shape of X:", X.shape, " shape of Y:", Y.shape)

n_x = X.shape[0]
n_h = 2
n_y = Y.shape[0]
W1 = np.random.randn(n_h, n_x) * 0.01
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(n_y, n_h) * 0.01
b2 = np.zeros((n_y, 1))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


learning_rate = 0.5
for i in range(3000):
    # forward propagation
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cost = -np.mean(Y * np.log(A2 + 1e-10) + (1 - Y) * np.log(1 - A2 + 1e-10))

    # backward propagation
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    # gradient descent
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    if i % 500 == 0:
        print("Cost after iteration %i: %f" % (i, cost))

predictions = (A2 > 0.5)
print("Cost after iteration %i: %f" % (i, cost))
print("Accuracy: %d %%" % (np.mean(predictions == Y) * 100))
