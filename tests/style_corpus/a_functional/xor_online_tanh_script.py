import numpy as np

# XOR, one sample at a time (online SGD), tanh hidden units, sigmoid output
rng = np.random.RandomState(3)

data = [([0., 0.], 0.), ([0., 1.], 1.), ([1., 0.], 1.), ([1., 1.], 0.)]

w_ih = rng.uniform(-1, 1, (2, 3))
b_h = np.zeros(3)
w_ho = rng.uniform(-1, 1, (3, 1))
b_o = np.zeros(1)
eta = 0.3

for epoch in range(2001):
    total = 0.0
    for i in rng.permutation(4):
        x = np.array(data[i][0])
        t = np.array([data[i][1]])
        h = np.tanh(x @ w_ih + b_h)
        o = 1.0 / (1.0 + np.exp(-(h @ w_ho + b_o)))
        total += ((t - o) ** 2).item()
        delta_o = (t - o) * o * (1 - o)
        delta_h = (w_ho @ delta_o) * (1 - h ** 2)
        w_ho += eta * np.outer(h, delta_o)
        b_o += eta * delta_o
        w_ih += eta * np.outer(x, delta_h)
        b_h += eta * delta_h
    if epoch % 400 == 0:
        print("epoch", epoch, "sum of squared errors", round(total, 4))

for x, t in data:
    h = np.tanh(np.array(x) @ w_ih + b_h)
    o = 1.0 / (1.0 + np.exp(-(h @ w_ho + b_o)))
    print(x, "->", round(o.item(), 3), "target", t)
