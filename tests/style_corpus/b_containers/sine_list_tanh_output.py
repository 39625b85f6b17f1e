import numpy as np

# y = sin(x) lies in [-1, 1], so a tanh output unit can reach every target
np.random.seed(4)
X = np.linspace(-3, 3, 200).reshape(-1, 1)
T = np.sin(X)

sizes = (1, 30, 1)
params = [[np.random.randn(n_in, n_out) / np.sqrt(n_in), np.zeros((1, n_out))]
          for n_in, n_out in zip(sizes[:-1], sizes[1:])]

lr = 0.1
for it in range(5001):
    # forward: tanh everywhere, including the output
    acts = [X]
    for W, b in params:
        acts.append(np.tanh(acts[-1] @ W + b))
    out = acts[-1]
    mse = np.mean((out - T) ** 2)

    delta = 2 * (out - T) / len(X) * (1 - out ** 2)
    grads = [None] * len(params)
    for k in range(len(params) - 1, -1, -1):
        grads[k] = (acts[k].T @ delta, delta.sum(axis=0, keepdims=True))
        if k > 0:
            delta = (delta @ params[k][0].T) * (1 - acts[k] ** 2)
    for (W, b), (gW, gb) in zip(params, grads):
        W -= lr * gW
        b -= lr * gb
    if it % 1000 == 0:
        print("iteration %4d  mse %.5f" % (it, mse))

print("output range: %.3f .. %.3f   target range: %.3f .. %.3f" % (out.min(), out.max(), T.min(), T.max()))
