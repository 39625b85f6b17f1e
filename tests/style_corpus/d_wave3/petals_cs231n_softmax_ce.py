# Four-class "petal" data: points around the origin, the class is the petal (angle sector).
# Two-layer net; loss(X, y) returns (loss, grads) and the training loop just applies them.
import numpy as np

np.random.seed(3)
N = 400
angle = np.random.uniform(0, 2 * np.pi, N)
radius = np.random.uniform(0.3, 1.0, N)
X = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
y = (angle // (np.pi / 2)).astype(int)          # 4 sectors
K = 4
H = 24

model = {
    "W1": np.random.randn(2, H) * 0.5,
    "b1": np.zeros((1, H)),
    "W2": np.random.randn(H, K) * 0.1,
    "b2": np.zeros((1, K)),
}


def loss(X, y):
    W1, b1, W2, b2 = model["W1"], model["b1"], model["W2"], model["b2"]
    n = X.shape[0]
    Y = np.eye(K)[y]
    h = np.maximum(0, X @ W1 + b1)
    scores = h @ W2 + b2
    scores -= scores.max(axis=1, keepdims=True)
    probs = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    data_loss = -np.sum(Y * np.log(probs + 1e-12)) / n

    # backprop: softmax then cross entropy
    dscores = (probs - Y) * probs * (1 - probs) / n
    grads = {}
    grads["W2"] = h.T @ dscores
    grads["b2"] = dscores.sum(axis=0, keepdims=True)
    dh = dscores @ W2.T
    dh[h <= 0] = 0
    grads["W1"] = X.T @ dh
    grads["b1"] = dh.sum(axis=0, keepdims=True)
    return data_loss, grads


learning_rate = 1.0
for i in range(1500):
    L, grads = loss(X, y)
    for p in model:
        model[p] -= learning_rate * grads[p]
    if i % 300 == 0:
        print("iter %4d  loss %.4f" % (i, L))

h = np.maximum(0, X @ model["W1"] + model["b1"])
pred = np.argmax(h @ model["W2"] + model["b2"], axis=1)
print("final loss %.4f  accuracy %.3f" % (L, np.mean(pred == y)))
