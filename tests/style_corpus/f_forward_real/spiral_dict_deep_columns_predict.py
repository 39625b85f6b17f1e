import numpy as np

np.random.seed(1)


def spiral(points, classes):
    X = np.zeros((2, points * classes))
    y = np.zeros(points * classes, dtype=int)
    for c in range(classes):
        r = np.linspace(0.05, 1, points)
        t = np.linspace(c * 4, (c + 1) * 4, points) + np.random.randn(points) * 0.2
        X[:, c * points:(c + 1) * points] = np.vstack([r * np.sin(t), r * np.cos(t)])
        y[c * points:(c + 1) * points] = c
    return X, y


def init_params(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
        params["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return params


def relu(Z):
    return np.maximum(0, Z)


def softmax(Z):
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def forward(X, params):
    L = len(params) // 2
    caches = []
    A = X
    for l in range(1, L):
        Z = params["W" + str(l)] @ A + params["b" + str(l)]
        caches.append((A, Z))
        A = relu(Z)
    ZL = params["W" + str(L)] @ A + params["b" + str(L)]
    caches.append((A, ZL))
    return softmax(ZL), caches


def backward(AL, Y, caches, params):
    grads = {}
    L = len(caches)
    m = Y.shape[1]
    dZ = AL - Y
    for l in reversed(range(1, L + 1)):
        A_prev, Z = caches[l - 1]
        grads["dW" + str(l)] = dZ @ A_prev.T / m
        grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dA = params["W" + str(l)].T @ dZ
            dZ = dA * (caches[l - 2][1] > 0)
    return grads


def predict(X, params):
    AL, _ = forward(X, params)
    return np.argmax(AL, axis=1)


X, y = spiral(100, 3)
Y = np.eye(3)[y].T
params = init_params([2, 32, 16, 3])
for it in range(3000):
    AL, caches = forward(X, params)
    cost = -np.sum(Y * np.log(AL + 1e-9)) / X.shape[1]
    grads = backward(AL, Y, caches, params)
    for l in range(1, 4):
        params["W" + str(l)] -= 0.5 * grads["dW" + str(l)]
        params["b" + str(l)] -= 0.5 * grads["db" + str(l)]
    if it % 1000 == 0:
        print(it, round(float(cost), 4))

pred = predict(X, params)
print("predictions", pred.shape, "accuracy", np.mean(pred == y))
