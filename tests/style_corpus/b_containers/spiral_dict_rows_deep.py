import numpy as np

np.random.seed(3)

# 4-class spiral, samples as rows
classes, per_class = 4, 75
Xs, ys = [], []
for c in range(classes):
    r = np.linspace(0.1, 1.0, per_class)
    th = c * np.pi / 2 + r * 3.0 + np.random.normal(0, 0.12, per_class)
    Xs.append(np.c_[r * np.sin(th), r * np.cos(th)])
    ys.append(np.full(per_class, c))
X, y = np.vstack(Xs), np.concatenate(ys)
Y = np.eye(classes)[y]

layer_dims = [2, 24, 24, 12, classes]
L = len(layer_dims) - 1
parameters = {}
for l in range(1, L + 1):
    parameters["W" + str(l)] = np.random.randn(layer_dims[l - 1], layer_dims[l]) * np.sqrt(2.0 / layer_dims[l - 1])
    parameters["b" + str(l)] = np.zeros((1, layer_dims[l]))


def leaky(z):
    return np.maximum(0.02 * z, z)


def forward(X):
    caches = {"A0": X}
    A = X
    for l in range(1, L + 1):
        Z = A @ parameters["W" + str(l)] + parameters["b" + str(l)]
        if l == L:
            Z = Z - Z.max(axis=1, keepdims=True)
            A = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        else:
            A = leaky(Z)
        caches["Z" + str(l)], caches["A" + str(l)] = Z, A
    return A, caches


def backward(Y, caches):
    grads = {}
    m = Y.shape[0]
    dZ = (caches["A" + str(L)] - Y) / m
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = caches["A" + str(l - 1)].T @ dZ
        grads["db" + str(l)] = dZ.sum(axis=0, keepdims=True)
        if l > 1:
            dA = dZ @ parameters["W" + str(l)].T
            dZ = dA * np.where(caches["Z" + str(l - 1)] > 0, 1.0, 0.02)
    return grads


lr = 0.3
for it in range(1500):
    probs, caches = forward(X)
    cost = -np.sum(Y * np.log(np.clip(probs, 1e-12, 1))) / X.shape[0]
    grads = backward(Y, caches)
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= lr * grads["dW" + str(l)]
        parameters["b" + str(l)] -= lr * grads["db" + str(l)]
    if it % 300 == 0:
        print("iteration %4d  cost %.4f" % (it, cost))

probs, _ = forward(X)
print("accuracy: %.3f" % np.mean(np.argmax(probs, axis=1) == y))
