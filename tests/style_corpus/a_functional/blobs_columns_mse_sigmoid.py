import numpy as np

# binary classification with a squared-error cost (as in the early chapters)
# columns layout: X is (2, m), Y is (1, m)

rng = np.random.default_rng(15)
m = 300
X = np.concatenate([rng.normal(-1.2, 1.0, (2, m // 2)), rng.normal(1.2, 1.0, (2, m // 2))], axis=1)
Y = np.concatenate([np.zeros((1, m // 2)), np.ones((1, m // 2))], axis=1)

n_h = 6
W1 = rng.normal(0, 0.5, (n_h, 2))
b1 = np.zeros((n_h, 1))
W2 = rng.normal(0, 0.5, (1, n_h))
b2 = np.zeros((1, 1))


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


lr = 2.0
for i in range(2000):
    A1 = sigmoid(W1 @ X + b1)
    A2 = sigmoid(W2 @ A1 + b2)
    J = np.mean((A2 - Y) ** 2)

    dZ2 = (A2 - Y) * A2 * (1 - A2)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * A1 * (1 - A1)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if i % 400 == 0:
        print(f"iteration {i}: squared error {J:.4f}, accuracy {np.mean((A2 > 0.5) == Y):.3f}")

print("final squared error:", J, "accuracy:", np.mean((A2 > 0.5) == Y))
