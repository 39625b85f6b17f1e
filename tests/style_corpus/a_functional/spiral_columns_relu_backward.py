import numpy as np

# Spiral (3 classes), columns layout, helper functions in the course style:
# linear_forward / relu / softmax, then relu_backward with the cached Z


def spiral_columns(n=100, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = np.zeros((2, n * k))
    y = np.zeros(n * k, dtype=int)
    for j in range(k):
        r = np.linspace(0.0, 1, n)
        t = np.linspace(j * 4, (j + 1) * 4, n) + rng.normal(0, 0.2, n)
        X[:, j * n:(j + 1) * n] = np.vstack([r * np.sin(t), r * np.cos(t)])
        y[j * n:(j + 1) * n] = j
    return X, y


def relu(Z):
    return np.maximum(0, Z), Z


def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[dA <= 0] = 0
    return dZ


def softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def init(n_x, n_h, n_y, seed=1):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((n_h, n_x)) * np.sqrt(2 / n_x), np.zeros((n_h, 1)),
            rng.standard_normal((n_y, n_h)) * np.sqrt(1 / n_h), np.zeros((n_y, 1)))


X, y = spiral_columns()
Y = np.eye(3)[y].T
m = X.shape[1]
W1, b1, W2, b2 = init(2, 64, 3)
lr = 1.0

for i in range(2001):
    A1, Z1 = relu(W1 @ X + b1)
    A2 = softmax(W2 @ A1 + b2)
    cost = -np.sum(Y * np.log(A2 + 1e-12)) / m

    dZ2 = (A2 - Y) / m
    dW2 = dZ2 @ A1.T
    db2 = dZ2.sum(axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = relu_backward(dA1, Z1)
    dW1 = dZ1 @ X.T
    db1 = dZ1.sum(axis=1, keepdims=True)

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if i % 400 == 0:
        print(f"iteration {i}: cost {cost:.4f}  accuracy {np.mean(A2.argmax(axis=0) == y):.3f}")
