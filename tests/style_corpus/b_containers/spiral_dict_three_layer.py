import numpy as np

np.random.seed(5)

# 3-arm spiral, samples in rows
K, per_class = 3, 100
X = np.zeros((K * per_class, 2))
y = np.zeros(K * per_class, dtype=int)
for k in range(K):
    radius = np.linspace(0.05, 1.0, per_class)
    angle = k * 2 * np.pi / K + radius * 4 + np.random.randn(per_class) * 0.15
    X[k * per_class:(k + 1) * per_class] = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    y[k * per_class:(k + 1) * per_class] = k
Y = np.eye(K)[y]

sizes = [2, 32, 16, K]
activations = {1: "relu", 2: "softmax", 3: "softmax"}   # hidden 2 gives a distribution over 16 features

params = {}
for l in range(1, len(sizes)):
    params["W" + str(l)] = np.random.randn(sizes[l - 1], sizes[l]) * np.sqrt(2.0 / sizes[l - 1])
    params["b" + str(l)] = np.zeros((1, sizes[l]))


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def forward(X):
    cache = {"A0": X}
    A = X
    for l in range(1, len(sizes)):
        Z = A @ params["W" + str(l)] + params["b" + str(l)]
        A = np.maximum(Z, 0) if activations[l] == "relu" else softmax(Z)
        cache["Z" + str(l)], cache["A" + str(l)] = Z, A
    return A, cache


def backward(Y, cache):
    n = Y.shape[0]
    L = len(sizes) - 1
    grads = {}
    dZ = (cache["A" + str(L)] - Y) / n
    for l in range(L, 0, -1):
        grads["W" + str(l)] = cache["A" + str(l - 1)].T @ dZ
        grads["b" + str(l)] = dZ.sum(axis=0, keepdims=True)
        if l == 1:
            break
        dA = dZ @ params["W" + str(l)].T
        A = cache["A" + str(l - 1)]
        if activations[l - 1] == "relu":
            dZ = dA * (cache["Z" + str(l - 1)] > 0)
        else:   # softmax jacobian times dA, row by row
            dZ = A * (dA - np.sum(dA * A, axis=1, keepdims=True))
    return grads


lr = 0.2
for epoch in range(1500):
    probs, cache = forward(X)
    loss = -np.mean(np.sum(Y * np.log(np.clip(probs, 1e-12, 1.0)), axis=1))
    grads = backward(Y, cache)
    for key in params:
        params[key] -= lr * grads[key]
    if epoch % 500 == 0:
        print("epoch %4d  loss %.4f  acc %.3f" % (epoch, loss, np.mean(probs.argmax(axis=1) == y)))

probs, _ = forward(X)
print("final loss %.4f, accuracy %.3f" % (-np.mean(np.log(probs[np.arange(len(y)), y] + 1e-12)),
                                          np.mean(probs.argmax(axis=1) == y)))
