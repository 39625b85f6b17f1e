import numpy as np

np.random.seed(2)

# regression target: y = x^3 - x on [-1.5, 1.5], with noise
x = np.random.uniform(-1.5, 1.5, size=(300, 1))
y = x ** 3 - x + np.random.normal(0, 0.05, size=x.shape)


class Linear:
    def __init__(self, n_in, n_out):
        self.W = np.random.normal(0, np.sqrt(1.0 / n_in), (n_in, n_out))
        self.b = np.zeros((1, n_out))

    def forward(self, inp):
        self.inp = inp
        return inp @ self.W + self.b

    def backward(self, grad):
        self.gW = self.inp.T @ grad
        self.gb = np.sum(grad, axis=0, keepdims=True)
        return grad @ self.W.T

    def update(self, lr):
        self.W -= lr * self.gW
        self.b -= lr * self.gb


class Tanh:
    def forward(self, inp):
        self.out = np.tanh(inp)
        return self.out

    def backward(self, grad):
        return grad * (1.0 - self.out ** 2)

    def update(self, lr):
        pass


class MSELoss:
    def forward(self, pred, target):
        self.diff = pred - target
        return np.mean(self.diff ** 2)

    def backward(self):
        return 2.0 * self.diff / self.diff.shape[0]


class Sequential:
    def __init__(self, *layers):
        self.layers = list(layers)

    def forward(self, inp):
        for layer in self.layers:
            inp = layer.forward(inp)
        return inp

    def backward(self, grad):
        for layer in reversed(self.layers):
            grad = layer.backward(grad)

    def update(self, lr):
        for layer in self.layers:
            layer.update(lr)


model = Sequential(Linear(1, 16), Tanh(), Linear(16, 16), Tanh(), Linear(16, 1))
loss_fn = MSELoss()

for step in range(4001):
    loss = loss_fn.forward(model.forward(x), y)
    model.backward(loss_fn.backward())
    model.update(lr=0.2)
    if step % 800 == 0:
        print(f"step {step:5d}   mse = {loss:.5f}")

grid = np.array([[-1.2], [-0.5], [0.0], [0.5], [1.2]])
print("model:", model.forward(grid).ravel().round(3))
print("true: ", (grid ** 3 - grid).ravel().round(3))
