import numpy as np

# two moons, 2 -> 32 relu -> 1 sigmoid, binary cross-entropy


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    x[x <= 0] = 0
    x[x > 0] = 1
    return x


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def moons(n=250, noise=0.15, seed=12):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0, np.pi, n)
    X = np.vstack([np.column_stack([np.cos(t), np.sin(t)]),
                   np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)])])
    X = X + rng.normal(0, noise, X.shape)
    y = np.concatenate([np.zeros(n), np.ones(n)]).reshape(-1, 1)
    return X, y


def initialise(seed=0):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1.0, (2, 32))
    b1 = np.zeros((1, 32))
    W2 = rng.normal(0, 0.25, (32, 1))
    b2 = np.zeros((1, 1))
    return W1, b1, W2, b2


def forward(X, W1, b1, W2, b2):
    a1 = relu(X @ W1 + b1)
    out = sigmoid(a1 @ W2 + b2)
    return a1, out


def backward(X, y, a1, out, W2):
    m = X.shape[0]
    d_out = (out - y) / m
    d_hidden = (d_out @ W2.T) * relu_derivative(a1)
    dW2 = a1.T @ d_out
    db2 = np.sum(d_out, axis=0, keepdims=True)
    dW1 = X.T @ d_hidden
    db1 = np.sum(d_hidden, axis=0, keepdims=True)
    return dW1, db1, dW2, db2


def log_loss(out, y):
    out = np.clip(out, 1e-10, 1 - 1e-10)
    return -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))


X, y = moons()
W1, b1, W2, b2 = initialise()
lr = 0.5
for epoch in range(2000):
    a1, out = forward(X, W1, b1, W2, b2)
    loss = log_loss(out, y)
    dW1, db1, dW2, db2 = backward(X, y, a1, out, W2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 400 == 0:
        print(f"epoch {epoch}: loss {loss:.4f}  accuracy {np.mean((out > 0.5) == y):.3f}")

_, out = forward(X, W1, b1, W2, b2)
print("accuracy:", np.mean((out > 0.5) == y))
