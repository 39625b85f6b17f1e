import numpy as np

np.random.seed(1)

# XOR with inputs in {-1, 1} and targets in {0, 1}; trained one sample at a time
inputs = [np.array([[a], [b]], dtype=float) for a in (-1, 1) for b in (-1, 1)]
targets = [np.array([[float(a != b)]]) for a in (-1, 1) for b in (-1, 1)]

sizes = [2, 3, 1]
weights = [np.random.uniform(-1, 1, (n_out, n_in)) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
biases = [np.random.uniform(-1, 1, (n_out, 1)) for n_out in sizes[1:]]


def tanh_prime(t):
    return 1.0 - t ** 2


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def feedforward(a):
    zs, acts = [], [a]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = w @ acts[-1] + b
        zs.append(z)
        acts.append(sigmoid(z) if i == len(weights) - 1 else np.tanh(z))
    return zs, acts


def backprop(x, y):
    zs, acts = feedforward(x)
    nabla_w = [np.zeros(w.shape) for w in weights]
    nabla_b = [np.zeros(b.shape) for b in biases]
    delta = acts[-1] - y
    nabla_w[-1] = delta @ acts[-2].T
    nabla_b[-1] = delta
    delta = (weights[-1].T @ delta) * tanh_prime(acts[-2])
    nabla_w[-2] = delta @ acts[-3].T
    nabla_b[-2] = delta
    return nabla_w, nabla_b


eta = 0.3
for epoch in range(3000):
    total = 0.0
    for x, y in zip(inputs, targets):
        nabla_w, nabla_b = backprop(x, y)
        weights = [w - eta * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - eta * nb for b, nb in zip(biases, nabla_b)]
        p = np.clip(feedforward(x)[1][-1], 1e-9, 1 - 1e-9)
        total += float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).item())
    if epoch % 500 == 0:
        print("epoch %4d  loss %.4f" % (epoch, total / 4))

for x, y in zip(inputs, targets):
    print(x.ravel(), "->", round(float(feedforward(x)[1][-1].item()), 3), "target", y.item())
