import numpy as np

np.random.seed(31)

# three classes in 2-D, targets one-hot; quadratic cost  C = 0.5 * ||a - y||^2
n = 360
y_idx = np.arange(n) % 3
angles = y_idx * 2 * np.pi / 3
X = np.c_[np.cos(angles), np.sin(angles)] * 1.5 + np.random.randn(n, 2) * 0.5
Y = np.eye(3)[y_idx]

sizes = [2, 8, 3]
weights = [np.random.randn(a, b) * 0.5 for a, b in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((1, b)) for b in sizes[1:]]

sigmoid = lambda z: 1 / (1 + np.exp(-z))
sigmoid_prime = lambda z: sigmoid(z) * (1 - sigmoid(z))


def feedforward(x):
    for w, b in zip(weights, biases):
        x = sigmoid(x @ w + b)
    return x


def backprop(x, y):
    activations, zs = [x], []
    for w, b in zip(weights, biases):
        zs.append(activations[-1] @ w + b)
        activations.append(sigmoid(zs[-1]))
    nabla_w = [np.zeros_like(w) for w in weights]
    nabla_b = [np.zeros_like(b) for b in biases]
    # dC/da for the quadratic cost is (a - y); times sigma'(z) for the output layer
    delta = (activations[-1] - y) * sigmoid_prime(zs[-1])
    nabla_w[-1] = activations[-2].T @ delta
    nabla_b[-1] = delta.sum(axis=0, keepdims=True)
    for l in range(2, len(sizes)):
        delta = (delta @ weights[-l + 1].T) * sigmoid_prime(zs[-l])
        nabla_w[-l] = activations[-l - 1].T @ delta
        nabla_b[-l] = delta.sum(axis=0, keepdims=True)
    return nabla_w, nabla_b


eta, batch = 3.0, 20
for epoch in range(30):
    perm = np.random.permutation(n)
    for k in range(0, n, batch):
        rows = perm[k:k + batch]
        nabla_w, nabla_b = backprop(X[rows], Y[rows])
        weights = [w - eta / len(rows) * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - eta / len(rows) * nb for b, nb in zip(biases, nabla_b)]
    if epoch % 5 == 0:
        out = feedforward(X)
        print("epoch %2d  quadratic cost %.4f  accuracy %.3f"
              % (epoch, 0.5 * np.mean(np.sum((out - Y) ** 2, axis=1)), np.mean(out.argmax(axis=1) == y_idx)))

out = feedforward(X)
print("final cost %.4f, accuracy %.3f" % (0.5 * np.mean(np.sum((out - Y) ** 2, axis=1)), np.mean(out.argmax(axis=1) == y_idx)))
