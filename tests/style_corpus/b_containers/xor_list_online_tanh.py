import numpy as np

np.random.seed(42)

samples = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
training = [(np.array(x, dtype=float).reshape(-1, 1), np.array([[t]], dtype=float)) for x, t in samples]

layer_sizes = [2, 4, 1]
W = [np.random.randn(n_next, n_prev) * 0.8 for n_prev, n_next in zip(layer_sizes, layer_sizes[1:])]
b = [np.zeros((n_next, 1)) for n_next in layer_sizes[1:]]

tanh = np.tanh


def dtanh(y):      # y = tanh(x)
    return 1 - y * y


def logistic(x):
    return 1 / (1 + np.exp(-x))


def forward(x):
    outputs = [x]
    for k in range(len(W)):
        z = W[k] @ outputs[-1] + b[k]
        outputs.append(logistic(z) if k == len(W) - 1 else tanh(z))
    return outputs


rate = 0.2
for epoch in range(1500):
    loss = 0.0
    order = np.random.permutation(len(training))
    for j in order:
        x, t = training[j]
        outputs = forward(x)
        out = outputs[-1]
        loss -= (t * np.log(out + 1e-12) + (1 - t) * np.log(1 - out + 1e-12)).item()
        deltas = [out - t]
        for k in range(len(W) - 1, 0, -1):
            deltas.insert(0, (W[k].T @ deltas[0]) * dtanh(outputs[k]))
        for k, (d, a) in enumerate(zip(deltas, outputs[:-1])):
            W[k] -= rate * d @ a.T
            b[k] -= rate * d
    if epoch % 300 == 0:
        print("epoch %4d  mean loss %.4f" % (epoch, loss / 4))

for x, t in training:
    print(x.ravel(), "->", "%.3f" % forward(x)[-1].item(), "(target %d)" % t.item())
