import numpy as np

# regression of y = x^3 - x on [-1.5, 1.5] with a 1-16-1 tanh network


def dataset(n=100, seed=0):
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1.5, 1.5, n)).reshape(n, 1)
    return x, x ** 3 - x + rng.normal(0, 0.05, (n, 1))


def init(hidden=16, seed=1):
    rng = np.random.default_rng(seed)
    w1 = rng.normal(0, 1, (1, hidden))
    b1 = rng.normal(0, 1, (1, hidden))
    w2 = rng.normal(0, 0.25, (hidden, 1))
    b2 = np.zeros((1, 1))
    return w1, b1, w2, b2


def forward(x, w1, b1, w2, b2):
    h = np.tanh(x @ w1 + b1)
    return h, h @ w2 + b2


def gradients(x, y, h, y_hat, w2):
    n = len(x)
    d_out = (y_hat - y) / n
    d_hidden = d_out @ w2.T * (1 - h ** 2)
    gw2 = h.T @ d_out
    gb2 = d_out.sum(axis=0, keepdims=True)
    gw1 = x.T @ d_hidden
    gb1 = x.T @ d_hidden
    return gw1, gb1, gw2, gb2


def fit(x, y, epochs=4000, lr=0.1):
    params = init()
    for epoch in range(epochs):
        h, y_hat = forward(x, *params)
        grads = gradients(x, y, h, y_hat, params[2])
        params = [p - lr * g for p, g in zip(params, grads)]
        if epoch % 800 == 0:
            print(f"epoch {epoch:4d}   mse {np.mean((y_hat - y) ** 2):.5f}")
    return params


x, y = dataset()
params = fit(x, y)
_, y_hat = forward(x, *params)
print("final mse:", np.mean((y_hat - y) ** 2))
print("f(-1), f(0.5), f(1.2) =", forward(np.array([[-1.0], [0.5], [1.2]]), *params)[1].ravel().round(3),
      "want", np.round([0.0, 0.125 - 0.5, 1.728 - 1.2], 3))
