import numpy as np

np.random.seed(0)

# bullseye centred at (2, 2): class 1 inside radius 0.7, class 0 on a ring 1.0..1.5 around it
r = np.concatenate([np.random.uniform(0, 0.7, 150), np.random.uniform(1.0, 1.5, 150)])
phi = np.random.uniform(0, 2 * np.pi, 300)
X = np.c_[2 + r * np.cos(phi), 2 + r * np.sin(phi)]
y = (r < 0.7).astype(int)


def affine_relu_forward(x, W, b):
    a = x.dot(W + b)
    return np.maximum(0, a), (x, a)


def softmax_loss(scores, y):
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    probs = np.exp(shifted) / np.sum(np.exp(shifted), axis=1, keepdims=True)
    N = scores.shape[0]
    loss = -np.mean(np.log(probs[np.arange(N), y] + 1e-12))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    return loss, dscores / N


def loss(params, X, y):
    h, (x_in, a) = affine_relu_forward(X, params["W1"], params["b1"])
    scores = h.dot(params["W2"]) + params["b2"]
    data_loss, dscores = softmax_loss(scores, y)

    grads = {"W2": h.T.dot(dscores), "b2": dscores.sum(axis=0)}
    dh = dscores.dot(params["W2"].T) * (a > 0)
    grads["W1"] = x_in.T.dot(dh)
    grads["b1"] = dh.sum(axis=0)
    return data_loss, grads


params = {"W1": np.random.randn(2, 8) * 0.5, "b1": np.zeros(8),
          "W2": np.random.randn(8, 2) * 0.5, "b2": np.zeros(2)}

for i in range(1500):
    data_loss, grads = loss(params, X, y)
    for p in params:
        params[p] -= 0.2 * grads[p]
    if i % 300 == 0:
        print("iteration", i, "loss", data_loss)

h, _ = affine_relu_forward(X, params["W1"], params["b1"])
print("accuracy:", np.mean(np.argmax(h.dot(params["W2"]) + params["b2"], axis=1) == y))
