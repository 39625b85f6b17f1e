import numpy as np

rng = np.random.RandomState(9)

# 4 classes at the corners of a square, 3 tanh hidden layers, SGD with momentum
centres = np.array([[-2.0, -2.0], [-2.0, 2.0], [2.0, -2.0], [2.0, 2.0]])
labels = rng.randint(0, 4, 400)
X = (centres[labels] + rng.randn(400, 2) * 1.0).T / 2.0     # (2, 400)
Y = np.eye(4)[labels].T                                      # (4, 400)

dims = [2, 16, 16, 8, 4]
L = len(dims) - 1
params, velocity = {}, {}
for l in range(1, L + 1):
    params["W%d" % l] = rng.randn(dims[l], dims[l - 1]) * np.sqrt(1.0 / dims[l - 1])
    params["b%d" % l] = np.zeros((dims[l], 1))
for name in params:
    velocity[name] = np.zeros_like(params[name])


def forward(X):
    A = {0: X}
    for l in range(1, L + 1):
        Z = params["W%d" % l] @ A[l - 1] + params["b%d" % l]
        if l < L:
            A[l] = np.tanh(Z)
        else:
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
            A[l] = E / E.sum(axis=0, keepdims=True)
    return A


def backward(A, Y):
    m = Y.shape[1]
    grads = {}
    dZ = (A[L] - Y) / m
    for l in range(L, 0, -1):
        grads["W%d" % l] = dZ @ A[l - 1].T
        grads["b%d" % l] = dZ.sum(axis=1, keepdims=True)
        if l > 1:
            dZ = (params["W%d" % l].T @ dZ) * (1 - A[l - 1] ** 2)
    return grads


beta, lr = 0.9, 0.1
for epoch in range(800):
    A = forward(X)
    grads = backward(A, Y)
    for name in params:
        velocity[name] = beta * velocity[name] + (1 - beta) * grads[name]
        params[name] = params[name] - lr * velocity[name]
    if epoch % 200 == 0:
        ce = -np.sum(Y * np.log(A[L] + 1e-12)) / Y.shape[1]
        print("epoch %3d  cross-entropy %.4f  accuracy %.3f" % (epoch, ce, np.mean(A[L].argmax(axis=0) == labels)))

A = forward(X)
print("final accuracy %.3f" % np.mean(A[L].argmax(axis=0) == labels))
