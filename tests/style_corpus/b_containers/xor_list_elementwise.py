import numpy as np

np.random.seed(1)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


sizes = [2, 4, 1]
biases = [np.random.randn(y, 1) for y in sizes[1:]]
weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]


def feedforward(a):
    activations = [a]
    for b, w in zip(biases, weights):
        a = sigmoid(w * a + b)
        activations.append(a)
    return activations


data = [(np.array([[0.0], [0.0]]), 0.0), (np.array([[0.0], [1.0]]), 1.0),
        (np.array([[1.0], [0.0]]), 1.0), (np.array([[1.0], [1.0]]), 0.0)]

eta = 1.0
for epoch in range(2000):
    for x, y in data:
        acts = feedforward(x)
        delta = acts[-1] - y
        nabla_b = [None, delta]
        nabla_w = [None, delta @ acts[1].T]
        delta = (weights[1].T @ delta) * acts[1] * (1 - acts[1])
        nabla_b[0] = delta
        nabla_w[0] = delta @ x.T
        weights = [w - eta * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - eta * nb for b, nb in zip(biases, nabla_b)]

for x, y in data:
    print(x.ravel(), "->", feedforward(x)[-1].item(), "expected", y)
