import numpy as np

np.random.seed(13)

# 3 concentric rings, one class per ring
K = 3
y = np.random.randint(0, K, 450)
radius = 0.5 + y + np.random.randn(450) * 0.15
angle = np.random.rand(450) * 2 * np.pi
X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]) / 2.5


def relu(x):
    return np.maximum(x, 0)


def relu_grad(x):
    x[x > 0] = 1
    x[x <= 0] = 0
    return x


def init(n_in, n_hidden, n_out):
    return {"W1": np.random.randn(n_in, n_hidden) * np.sqrt(2.0 / n_in), "b1": np.zeros(n_hidden),
            "W2": np.random.randn(n_hidden, n_out) * np.sqrt(2.0 / n_hidden), "b2": np.zeros(n_out)}


def loss(params, X, y):
    n = X.shape[0]
    hidden = relu(X @ params["W1"] + params["b1"])
    scores = hidden @ params["W2"] + params["b2"]
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    value = -log_p[np.arange(n), y].mean()

    dscores = np.exp(log_p)
    dscores[np.arange(n), y] -= 1
    dscores /= n
    # deltas first, then the weight gradients
    dhidden = (dscores @ params["W2"].T) * relu_grad(hidden)
    grads = {
        "W2": hidden.T @ dscores,
        "b2": dscores.sum(axis=0),
        "W1": X.T @ dhidden,
        "b1": dhidden.sum(axis=0),
    }
    return value, grads


params = init(2, 20, K)
for step in range(1500):
    value, grads = loss(params, X, y)
    for name in params:
        params[name] -= 0.2 * grads[name]
    if step % 300 == 0:
        print("step", step, "loss", round(value, 4))

scores = relu(X @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
print("accuracy", np.mean(scores.argmax(axis=1) == y))
