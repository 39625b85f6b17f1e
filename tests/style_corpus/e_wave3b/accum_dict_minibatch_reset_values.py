# Same network as accum_dict_minibatch.py, but every gradient buffer is zeroed at the start
# of each mini-batch through grads.values().
import numpy as np

np.random.seed(7)
n = 200
t = np.sqrt(np.random.rand(n)) * 3 * np.pi
cls = np.random.randint(0, 2, n)
sign = np.where(cls == 0, 1, -1)
X = np.column_stack([sign * t * np.cos(t), sign * t * np.sin(t)]) / 10
Y = cls.reshape(-1, 1).astype(float)

params = {"W1": np.random.randn(2, 24) * 0.5, "b1": np.zeros((1, 24)),
          "W2": np.random.randn(24, 1) * 0.5, "b2": np.zeros((1, 1))}
grads = {k: np.zeros_like(v) for k, v in params.items()}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


lr, batch = 0.3, 20
for epoch in range(200):
    order = np.random.permutation(n)
    for s in range(0, n, batch):
        for g in grads.values():
            g[:] = 0.0
        for i in order[s:s + batch]:
            x, t_ = X[i:i + 1], Y[i:i + 1]
            h = np.tanh(x @ params["W1"] + params["b1"])
            p = sigmoid(h @ params["W2"] + params["b2"])
            d2 = p - t_
            d1 = (d2 @ params["W2"].T) * (1 - h ** 2)
            grads["W2"] += h.T @ d2
            grads["b2"] += d2
            grads["W1"] += x.T @ d1
            grads["b1"] += d1
        for k in params:
            params[k] -= lr * grads[k] / batch
    if epoch % 40 == 0:
        P = sigmoid(np.tanh(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"])
        print("epoch", epoch, "accuracy", np.mean((P > 0.5) == Y))
