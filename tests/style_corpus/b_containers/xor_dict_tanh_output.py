import numpy as np

# XOR truth table, repeated with a little jitter so there is something to fit
np.random.seed(9)
base_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
base_y = np.array([0, 1, 1, 0], dtype=float)
X = np.tile(base_X, (25, 1)) + np.random.randn(100, 2) * 0.05
y = np.tile(base_y, 25).reshape(-1, 1)

net = {"w_hidden": np.random.randn(2, 6) * 0.8, "b_hidden": np.zeros((1, 6)),
       "w_out": np.random.randn(6, 1) * 0.8, "b_out": np.zeros((1, 1))}


def run(x):
    h = np.tanh(x @ net["w_hidden"] + net["b_hidden"])
    out = np.tanh(h @ net["w_out"] + net["b_out"])
    return h, out


lr = 0.1
for epoch in range(1001):
    h, out = run(X)
    loss = -np.mean(y * np.log(out) + (1 - y) * np.log(1 - out))

    d_a = -(y / out - (1 - y) / (1 - out))      # dL/d(out) of the cross-entropy
    d_out = d_a * (1 - out ** 2) / len(X)       # back through the output tanh
    grad = {"w_out": h.T @ d_out, "b_out": d_out.sum(axis=0, keepdims=True)}
    d_h = (d_out @ net["w_out"].T) * (1 - h ** 2)
    grad["w_hidden"] = X.T @ d_h
    grad["b_hidden"] = d_h.sum(axis=0, keepdims=True)
    for name in net:
        net[name] -= lr * grad[name]

    if epoch % 200 == 0:
        print("epoch %4d  loss %s" % (epoch, loss))

_, out = run(base_X)
print("outputs for the truth table:", out.ravel().round(3))
