import numpy as np

# learn (sin t, cos t) from t: two linear outputs, one tanh hidden layer


def build(n_hidden, seed=4):
    r = np.random.default_rng(seed)
    return {
        "W1": r.standard_normal((1, n_hidden)),
        "b1": r.standard_normal((1, n_hidden)) * 0.1,
        "W2": r.standard_normal((n_hidden, 2)) / np.sqrt(n_hidden),
        "b2": np.zeros((1, 2)),
    }


def forward(p, t):
    z = t @ p["W1"] + p["b1"]
    h = np.tanh(z)
    out = h @ p["W2"] + p["b2"]
    return h, out


def mse_and_grads(p, t, target):
    h, out = forward(p, t)
    diff = out - target
    loss = np.mean(np.sum(diff ** 2, axis=1))
    g_out = 2 * diff / len(t)
    g = {
        "W2": h.T @ g_out,
        "b2": np.sum(g_out, axis=0, keepdims=True),
    }
    g_h = g_out @ p["W2"].T
    g_z = g_h * (1 - h * h)
    g["W1"] = t.T @ g_z
    g["b1"] = np.sum(g_z, axis=0, keepdims=True)
    return loss, g


t = np.linspace(-3, 3, 150)[:, None]
target = np.hstack([np.sin(t), np.cos(t)])

p = build(25)
lr = 0.05
for it in range(3000):
    loss, g = mse_and_grads(p, t, target)
    for k in p:
        p[k] -= lr * g[k]
    if it % 500 == 0:
        print("iter %4d  loss %.5f" % (it, loss))

_, out = forward(p, np.array([[0.5]]))
print("t=0.5 ->", out.round(3), "true", [round(np.sin(0.5), 3), round(np.cos(0.5), 3)])
