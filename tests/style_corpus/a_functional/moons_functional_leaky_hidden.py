import numpy as np

# two moons: 2 -> 10 (leaky relu) -> 1 (sigmoid)
# (hidden layer used to be sigmoid, switched to leaky relu for speed)


def hidden_act(x, deriv=False):
    if deriv:
        return x * (1 - x)
    return np.where(x > 0, x, 0.01 * x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def get_data(n=150, seed=4):
    rng = np.random.default_rng(seed)
    a = rng.uniform(0, np.pi, n)
    X = np.r_[np.c_[np.cos(a), np.sin(a)], np.c_[1 - np.cos(a), 0.5 - np.sin(a)]]
    X = X + rng.normal(0, 0.12, X.shape)
    y = np.r_[np.zeros((n, 1)), np.ones((n, 1))]
    return X, y


def init_weights(rng):
    return (rng.normal(0, 0.7, (2, 10)), np.zeros((1, 10)),
            rng.normal(0, 0.3, (10, 1)), np.zeros((1, 1)))


def forward(X, w1, c1, w2, c2):
    a1 = hidden_act(X @ w1 + c1)
    a2 = sigmoid(a1 @ w2 + c2)
    return a1, a2


def backward(X, y, a1, a2, w2):
    n = len(X)
    err2 = a2 - y
    delta2 = err2 * a2 * (1 - a2)
    delta1 = (delta2 @ w2.T) * hidden_act(a1, deriv=True)
    return (X.T @ delta1 / n, delta1.mean(axis=0, keepdims=True),
            a1.T @ delta2 / n, delta2.mean(axis=0, keepdims=True))


X, y = get_data()
rng = np.random.default_rng(0)
w1, c1, w2, c2 = init_weights(rng)
lr = 2.0

for epoch in range(3000):
    a1, a2 = forward(X, w1, c1, w2, c2)
    gw1, gc1, gw2, gc2 = backward(X, y, a1, a2, w2)
    w1 -= lr * gw1
    c1 -= lr * gc1
    w2 -= lr * gw2
    c2 -= lr * gc2
    if epoch % 500 == 0:
        print("epoch", epoch, "mse", round(float(np.mean((a2 - y) ** 2)), 4),
              "accuracy", np.mean((a2 > 0.5) == y))

a1, a2 = forward(X, w1, c1, w2, c2)
print("final accuracy", np.mean((a2 > 0.5) == y))
