import numpy as np

# ring inside a ring; one output unit that should give P(inner ring)
np.random.seed(11)
m = 300
r = np.concatenate([np.random.uniform(0, 0.6, m // 2), np.random.uniform(0.9, 1.4, m // 2)])
theta = np.random.uniform(0, 2 * np.pi, m)
X = np.array([r * np.cos(theta), r * np.sin(theta)])                     # (2, m)
Y = np.concatenate([np.ones(m // 2), np.zeros(m // 2)]).reshape(1, m)    # (1, m)

layer_dims = [2, 8, 8, 1]


def init_params(dims):
    params = {}
    for l in range(1, len(dims)):
        params["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(1.0 / dims[l - 1])
        params["b%d" % l] = np.zeros((dims[l], 1))
    return params


def softmax(Z):
    e = np.exp(Z - np.max(Z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def forward(X, params):
    L = len(params) // 2
    caches = [(None, X)]
    A = X
    for l in range(1, L):
        Z = np.dot(params["W%d" % l], A) + params["b%d" % l]
        A = np.tanh(Z)
        caches.append((Z, A))
    ZL = np.dot(params["W%d" % L], A) + params["b%d" % L]
    AL = softmax(ZL)
    caches.append((ZL, AL))
    return AL, caches


def cross_entropy(AL, Y):
    return -np.sum(Y * np.log(AL + 1e-9)) / Y.shape[1]


def backward(AL, Y, caches, params):
    grads = {}
    L = len(caches) - 1
    m = Y.shape[1]
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev = caches[l - 1][1]
        grads["dW%d" % l] = np.dot(dZ, A_prev.T) / m
        grads["db%d" % l] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = np.dot(params["W%d" % l].T, dZ) * (1 - caches[l - 1][1] ** 2)
    return grads


params = init_params(layer_dims)
for it in range(2000):
    AL, caches = forward(X, params)
    loss = cross_entropy(AL, Y)
    grads = backward(AL, Y, caches, params)
    for key in params:
        params[key] -= 0.5 * grads["d" + key]
    if it % 400 == 0:
        print("iter", it, "loss", round(loss, 4), "acc", np.mean((AL > 0.5) == Y))

AL, _ = forward(X, params)
print("first outputs:", AL[0, :6])
print("final accuracy:", np.mean((AL > 0.5) == Y))
