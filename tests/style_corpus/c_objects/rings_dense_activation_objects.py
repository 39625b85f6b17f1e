import numpy as np

np.random.seed(5)

# three concentric rings, one class per ring
n = 100
radius = np.concatenate([np.random.rand(n) * 0.5, 1 + np.random.rand(n) * 0.5, 2 + np.random.rand(n) * 0.5])
theta = np.random.rand(3 * n) * 2 * np.pi
X = np.c_[radius * np.cos(theta), radius * np.sin(theta)]
y = np.repeat(np.arange(3), n)
y_onehot = np.eye(3)[y]
X = (X - X.mean(axis=0)) / X.std(axis=0)


class Softmax:
    def forward(self, z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        self.out = e / e.sum(axis=1, keepdims=True)
        return self.out

    def backward(self, grad):
        # full jacobian-vector product, row by row
        s = self.out
        return s * (grad - np.sum(grad * s, axis=1, keepdims=True))


class Dense:
    def __init__(self, n_in, n_out, activation):
        self.W = np.random.randn(n_in, n_out) * 0.5
        self.b = np.zeros((1, n_out))
        self.activation = activation

    def forward(self, x):
        self.x = x
        return self.activation.forward(x @ self.W + self.b)

    def backward(self, grad, lr):
        grad = self.activation.backward(grad)
        grad_x = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0, keepdims=True)
        return grad_x


# softmax everywhere: it gives nice values between 0 and 1
net = [Dense(2, 16, Softmax()), Dense(16, 3, Softmax())]

for epoch in range(2001):
    out = X
    for layer in net:
        out = layer.forward(out)
    loss = -np.sum(y_onehot * np.log(out + 1e-10)) / len(X)

    # gradient of the cross entropy w.r.t. the softmax output
    grad = -y_onehot / (out + 1e-10) / len(X)
    for layer in net[::-1]:
        grad = layer.backward(grad, lr=0.5)

    if epoch % 400 == 0:
        accuracy = (out.argmax(axis=1) == y).mean()
        print("epoch %4d loss %.4f acc %.3f" % (epoch, loss, accuracy))
