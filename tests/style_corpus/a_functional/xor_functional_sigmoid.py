import numpy as np

# XOR with a 2-4-1 network, everything split into small functions


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(a):
    # a is already sigmoid(z)
    return a * (1.0 - a)


def init(n_in, n_hidden, n_out, seed=1):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1, (n_in, n_hidden))
    b1 = np.zeros((1, n_hidden))
    W2 = rng.normal(0, 1, (n_hidden, n_out))
    b2 = np.zeros((1, n_out))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    a1 = sigmoid(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    return a1, a2


def backward(X, y, a1, a2, W2):
    d2 = (a2 - y) * sigmoid_prime(a2)
    d1 = (d2 @ W2.T) * sigmoid_prime(a1)
    dW2 = a1.T @ d2
    db2 = d2.sum(axis=0, keepdims=True)
    dW1 = X.T @ d1
    db1 = d1.sum(axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def update(params, grads, lr):
    return tuple(p - lr * g for p, g in zip(params, grads))


X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)

params = init(2, 4, 1)
for epoch in range(6000):
    a1, a2 = forward(X, *params)
    loss = np.mean((a2 - y) ** 2)
    grads = backward(X, y, a1, a2, params[2])
    params = update(params, grads, lr=1.0)
    if epoch % 1000 == 0:
        print(f"epoch {epoch}: mse {loss:.4f}")

_, out = forward(X, *params)
print("predictions:", out.ravel().round(3))
print("accuracy:", np.mean((out > 0.5) == y))
