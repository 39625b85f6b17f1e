import random
import numpy as np

random.seed(3)
np.random.seed(3)

# 3 switches -> 1 when at least two are on
patterns = [
    ([0, 0, 0], 0), ([0, 0, 1], 0), ([0, 1, 0], 0), ([0, 1, 1], 1),
    ([1, 0, 0], 0), ([1, 0, 1], 1), ([1, 1, 0], 1), ([1, 1, 1], 1),
]


class OnlineMLP:
    def __init__(self, n_in=3, n_hidden=5, eta=0.5):
        self.V = np.random.uniform(-0.5, 0.5, (n_in, n_hidden))    # input -> hidden
        self.c = np.zeros(n_hidden)
        self.w = np.random.uniform(-0.5, 0.5, n_hidden)             # hidden -> output
        self.d = 0.0
        self.eta = eta

    @staticmethod
    def logistic(t):
        return 1.0 / (1.0 + np.exp(-t))

    @staticmethod
    def logistic_slope(out):
        # derivative of the logistic written in terms of its output
        return out * (1.0 - out)

    def output(self, x):
        self.h = self.logistic(x @ self.V + self.c)
        self.o = self.logistic(self.h @ self.w + self.d)
        return self.o

    def learn(self, x, target):
        o = self.output(x)
        delta_o = (o - target) * self.logistic_slope(o)           # squared error
        delta_h = delta_o * self.w * self.logistic_slope(self.h)
        self.w -= self.eta * delta_o * self.h
        self.d -= self.eta * delta_o
        self.V -= self.eta * np.outer(x, delta_h)
        self.c -= self.eta * delta_h
        return 0.5 * (o - target) ** 2


net = OnlineMLP()
for epoch in range(2000):
    random.shuffle(patterns)
    total = sum(net.learn(np.array(x, dtype=float), t) for x, t in patterns)
    if epoch % 400 == 0:
        print(f"epoch {epoch}: summed squared error {total:.4f}")

for x, t in sorted(patterns):
    print(x, "->", round(float(net.output(np.array(x, dtype=float))), 3), "target", t)
