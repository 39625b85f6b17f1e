import numpy as np

# one layer, two sigmoid outputs: column 0 learns NAND, column 1 learns NOR


def init_layer(n_in, n_out, seed=2):
    rng = np.random.default_rng(seed)
    W = rng.normal(0, 0.5, size=(n_in, n_out))
    b = np.zeros((1, n_out))
    return W, b


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def predict(X, W, b):
    return sigmoid(X @ W + b)


def gradients(X, Y, out):
    delta = (out - Y) * out * (1 - out)
    dW = X.T @ delta
    db = delta.sum(axis=0, keepdims=True)
    return dW, db


def train(X, Y, epochs=3000, lr=1.0):
    W, b = init_layer(X.shape[1], Y.shape[1])
    for epoch in range(epochs):
        out = predict(X, W, b)
        dW, db = gradients(X, Y, out)
        W = W - lr * dW
        b = b - lr * db
        if epoch % 500 == 0:
            print("epoch %d  mse %.4f" % (epoch, np.mean((out - Y) ** 2)))
    return W, b


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
Y = np.array([[1, 1],
              [1, 0],
              [1, 0],
              [0, 0]], dtype=float)

W, b = train(X, Y)
out = predict(X, W, b)
print(out.round(3))
print("correct outputs:", int(np.sum((out > 0.5) == Y)), "of", Y.size)
