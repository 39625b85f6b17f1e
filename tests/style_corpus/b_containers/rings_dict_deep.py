import numpy as np

np.random.seed(0)


def make_rings(m):
    # class 1: disc of radius 0.5, class 0: ring 0.8..1.2
    r = np.where(np.arange(m) % 2 == 0, np.random.rand(m) * 0.5, 0.8 + np.random.rand(m) * 0.4)
    a = np.random.rand(m) * 2 * np.pi
    X = np.vstack((r * np.cos(a), r * np.sin(a)))
    Y = (np.arange(m) % 2 == 0).astype(int).reshape(1, m)
    return X, Y


X_train, Y_train = make_rings(400)
X_test, Y_test = make_rings(200)
print("train:", X_train.shape, Y_train.shape, " test:", X_test.shape, Y_test.shape)

layers = [2, 20, 10, 1]
L = len(layers) - 1
parameters = {}
for l in range(1, L + 1):
    parameters["W" + str(l)] = np.random.randn(layers[l], layers[l - 1]) * np.sqrt(2 / layers[l - 1])
    parameters["b" + str(l)] = np.zeros((layers[l], 1))


def forward(X):
    cache = {"A0": X}
    A = X
    for l in range(1, L):
        Z = np.dot(parameters["W" + str(l)], A) + parameters["b" + str(l)]
        A = np.tanh(Z)
        cache["Z" + str(l)], cache["A" + str(l)] = Z, A
    ZL = np.dot(parameters["W" + str(L)], A) + parameters["b" + str(L)]
    AL = 1 / (1 + np.exp(-ZL))
    cache["A" + str(L)] = AL
    return AL, cache


def backward(Y, cache):
    m = Y.shape[1]
    grads = {}
    dZ = cache["A" + str(L)] - Y
    for l in range(L, 0, -1):
        grads["dW" + str(l)] = np.dot(dZ, cache["A" + str(l - 1)].T) / m
        grads["db" + str(l)] = np.sum(dZ, axis=1, keepdims=True) / m
        if l > 1:
            dZ = np.dot(parameters["W" + str(l)].T, dZ)
    return grads


def cost_fn(AL, Y):
    AL = np.clip(AL, 1e-8, 1 - 1e-8)
    return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))


learning_rate = 0.5
for i in range(2500):
    AL, cache = forward(X_train)
    grads = backward(Y_train, cache)
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    if i % 500 == 0:
        print("iter %d cost %.4f" % (i, cost_fn(AL, Y_train)))

train_acc = np.mean((forward(X_train)[0] > 0.5) == Y_train)
test_acc = np.mean((forward(X_test)[0] > 0.5) == Y_test)
print("train accuracy %.3f, test accuracy %.3f" % (train_acc, test_acc))
