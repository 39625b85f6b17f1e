import numpy as np

np.random.seed(4)

# moons, columns layout
m = 300
t = np.random.uniform(0, np.pi, m)
cls = np.random.rand(m) < 0.5
X = np.vstack([np.where(cls, 1 - np.cos(t), np.cos(t)), np.where(cls, 0.5 - np.sin(t), np.sin(t))])
X += 0.12 * np.random.randn(2, m)
Y = cls.reshape(1, m).astype(float)


def relu(Z):
    A = np.maximum(0, Z)
    return A, A          # keep the activation as the cache


def relu_backward(dA, A):
    # A > 0 exactly where Z > 0, so the activation is enough to build the mask
    return dA * (A > 0)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


layer_dims = [2, 20, 10, 1]
parameters = {}
for l in range(1, len(layer_dims)):
    parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2 / layer_dims[l - 1])
    parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
L = len(layer_dims) - 1

for i in range(3000):
    A = X
    caches = []
    for l in range(1, L):
        A_prev = A
        A, act_cache = relu(parameters["W" + str(l)] @ A_prev + parameters["b" + str(l)])
        caches.append((A_prev, act_cache))
    AL = sigmoid(parameters["W" + str(L)] @ A + parameters["b" + str(L)])
    caches.append((A, None))

    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev, _ = caches[l - 1]
        grads["dW" + str(l)] = dZ @ A_prev.T / m
        grads["db" + str(l)] = dZ.sum(axis=1, keepdims=True) / m
        if l > 1:
            dA_prev = parameters["W" + str(l)].T @ dZ
            dZ = relu_backward(dA_prev, caches[l - 2][1])
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= 0.2 * grads["dW" + str(l)]
        parameters["b" + str(l)] -= 0.2 * grads["db" + str(l)]

    if i % 500 == 0:
        p = np.clip(AL, 1e-9, 1 - 1e-9)
        print("iteration %4d  cost %.4f" % (i, -np.mean(Y * np.log(p) + (1 - Y) * np.log(1 - p))))

print("accuracy:", np.mean((AL > 0.5) == Y))
