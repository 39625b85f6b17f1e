import numpy as np

# ---- data: points in the four quadrants, label 1 where x*y > 0 -----------
np.random.seed(21)
n = 300
X = np.random.uniform(-1, 1, (n, 2))
y = (X[:, 0] * X[:, 1] > 0).astype(float).reshape(-1, 1)

# ---- model ----------------------------------------------------------------
hidden = [10, 10]
dims = [2] + hidden + [1]
weights = {}
for i in range(1, len(dims)):
    weights["W" + str(i)] = np.random.uniform(-1, 1, (dims[i - 1], dims[i])) / np.sqrt(dims[i - 1])
    weights["b" + str(i)] = np.zeros((1, dims[i]))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_grad(a):
    # derivative written in terms of the activation value
    return a * (1 - a)


def forward(x):
    acts = {"A0": x}
    a = x
    L = len(dims) - 1
    for i in range(1, L):
        a = np.tanh(a @ weights["W" + str(i)] + weights["b" + str(i)])
        acts["A" + str(i)] = a
    out = sigmoid(a @ weights["W" + str(L)] + weights["b" + str(L)])
    acts["A" + str(L)] = out
    return out, acts


def backprop(acts, y):
    L = len(dims) - 1
    grads = {}
    delta = (acts["A" + str(L)] - y) / len(y)
    for i in range(L, 0, -1):
        grads["W" + str(i)] = acts["A" + str(i - 1)].T @ delta
        grads["b" + str(i)] = np.sum(delta, axis=0, keepdims=True)
        if i > 1:
            delta = (delta @ weights["W" + str(i)].T) * sigmoid_grad(acts["A" + str(i - 1)])
    return grads


lr = 0.5
for epoch in range(2000):
    out, acts = forward(X)
    p = np.clip(out, 1e-7, 1 - 1e-7)
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    grads = backprop(acts, y)
    for k in weights:
        weights[k] -= lr * grads[k]
    if epoch % 400 == 0:
        print("epoch", epoch, "loss %.4f" % loss, "accuracy %.3f" % np.mean((out > 0.5) == y))

out, _ = forward(X)
print("final accuracy %.3f" % np.mean((out > 0.5) == y))
