import numpy as np

# binary blobs, 2 -> 5 sigmoid -> 1 sigmoid, stop early once the loss is small


def make_blobs(seed=10):
    rng = np.random.default_rng(seed)
    X0 = rng.normal((-1.5, -1.0), 1.0, (100, 2))
    X1 = rng.normal((1.5, 1.0), 1.0, (100, 2))
    X = np.vstack([X0, X1])
    y = np.r_[np.zeros(100), np.ones(100)].reshape(-1, 1)
    return X, y


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def init(seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(2, 5)), np.zeros((1, 5)), rng.normal(size=(5, 1)), np.zeros((1, 1))


def forward(X, W1, b1, W2, b2):
    hidden = sigmoid(X @ W1 + b1)
    return hidden, sigmoid(hidden @ W2 + b2)


def step(X, y, W1, b1, W2, b2, lr=0.5):
    hidden, output = forward(X, W1, b1, W2, b2)
    error = y - output
    d_out = error * output * (1 - output) / len(X)
    d_hid = (d_out @ W2.T) * hidden * (1 - hidden)
    W2 = W2 + lr * hidden.T @ d_out
    b2 = b2 + lr * d_out.sum(axis=0, keepdims=True)
    W1 = W1 + lr * X.T @ d_hid
    b1 = b1 + lr * d_hid.sum(axis=0, keepdims=True)
    return (W1, b1, W2, b2), error


def train(X, y, max_epochs=5000, tol=0.01):
    params = init()
    for epoch in range(max_epochs):
        params, error = step(X, y, *params)
        loss = np.mean(error ** 2)
        if epoch % 1000 == 0:
            print(f"epoch {epoch}: loss {loss:.5f}")
        if loss < tol:
            print(f"converged after {epoch + 1} epochs (loss {loss:.5f})")
            break
    return params


X, y = make_blobs()
params = train(X, y)
_, out = forward(X, *params)
print("accuracy:", np.mean((out > 0.5) == y))
