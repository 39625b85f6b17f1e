import numpy as np

np.random.seed(123)


class Sigmoid:
    def forward(self, x):
        self.out = 1.0 / (1.0 + np.exp(-x))
        return self.out

    def backward(self, grad):
        return grad * self.out * (1.0 - self.out)


class Layer:
    def __init__(self, n_in, n_out):
        self.w = np.random.uniform(-1, 1, (n_in, n_out))
        self.b = np.random.uniform(-1, 1, (1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.w + self.b

    def backward(self, grad, lr):
        grad_x = grad @ self.w.T
        self.w -= lr * self.x.T @ grad
        self.b -= lr * grad
        return grad_x


data = [
    (np.array([[0.0, 0.0]]), np.array([[0.0]])),
    (np.array([[0.0, 1.0]]), np.array([[1.0]])),
    (np.array([[1.0, 0.0]]), np.array([[1.0]])),
    (np.array([[1.0, 1.0]]), np.array([[0.0]])),
]

net = [Layer(2, 3), Sigmoid(), Layer(3, 1), Sigmoid()]
lr = 0.5

for epoch in range(4001):
    total_error = 0.0
    order = np.random.permutation(len(data))
    for i in order:
        x, target = data[i]
        out = x
        for layer in net:
            out = layer.forward(out)
        total_error += np.sum(target - out)

        grad = out - target  # d(0.5 * (out - target)^2) / d out
        for layer in reversed(net):
            if isinstance(layer, Layer):
                grad = layer.backward(grad, lr)
            else:
                grad = layer.backward(grad)
    if epoch % 500 == 0:
        print(f"epoch {epoch}: total error {total_error:.4f}")

for x, target in data:
    out = x
    for layer in net:
        out = layer.forward(out)
    print(x.ravel(), "->", out.ravel().round(3), "target", target.ravel())
