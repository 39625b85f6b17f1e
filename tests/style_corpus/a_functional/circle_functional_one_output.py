import numpy as np

# points inside the unit circle (1) or outside (0); 2 -> 10 -> 1, all sigmoid.
# only one output unit, so d_out * W2.T broadcasts to (n, 10) just like d_out @ W2.T


def get_points(n=400, seed=6):
    rng = np.random.default_rng(seed)
    P = rng.uniform(-1.5, 1.5, (n, 2))
    inside = (P ** 2).sum(axis=1, keepdims=True) < 1.0
    return P, inside.astype(float)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def init(seed=0):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, 1, (2, 10)), np.zeros((1, 10)), rng.normal(0, 1, (10, 1)), np.zeros((1, 1))]


def forward(P, W1, b1, W2, b2):
    hidden = sigmoid(P @ W1 + b1)
    return hidden, sigmoid(hidden @ W2 + b2)


def gradients(P, target, hidden, out, W2):
    d_out = (out - target) / len(P)
    d_hidden = d_out * W2.T * hidden * (1 - hidden)
    return [P.T @ d_hidden, d_hidden.sum(axis=0, keepdims=True),
            hidden.T @ d_out, d_out.sum(axis=0, keepdims=True)]


P, target = get_points()
params = init()
for epoch in range(4000):
    hidden, out = forward(P, *params)
    grads = gradients(P, target, hidden, out, params[2])
    params = [p - 2.0 * g for p, g in zip(params, grads)]
    if epoch % 800 == 0:
        o = np.clip(out, 1e-9, 1 - 1e-9)
        ll = -np.mean(target * np.log(o) + (1 - target) * np.log(1 - o))
        print("epoch %d  log loss %.4f  accuracy %.3f" % (epoch, ll, np.mean((out > 0.5) == target)))

print("final accuracy", np.mean((forward(P, *params)[1] > 0.5) == target))
