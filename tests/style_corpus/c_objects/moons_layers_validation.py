import numpy as np

np.random.seed(21)

# ----- data -----
def make_moons(n, noise):
    t = np.random.uniform(0, np.pi, n)
    label = np.random.randint(0, 2, n)
    x0 = np.where(label == 0, np.cos(t), 1 - np.cos(t))
    x1 = np.where(label == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.stack([x0, x1], axis=1) + noise * np.random.randn(n, 2)
    return X, label.astype(float)


X_train, y_train = make_moons(400, 0.15)
X_val, y_val = make_moons(200, 0.15)
Y_train = y_train[:, None]  # column vector for training


# ----- layers -----
class Dense:
    def __init__(self, n_in, n_out):
        self.W = np.random.randn(n_in, n_out) * np.sqrt(1.0 / n_in)
        self.b = np.zeros((1, n_out))

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        grad_x = grad @ self.W.T
        self.W -= lr * self.x.T @ grad
        self.b -= lr * grad.sum(axis=0, keepdims=True)
        return grad_x


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad, lr):
        return grad * (1 - self.y ** 2)


class Sigmoid:
    def forward(self, x):
        self.y = 1 / (1 + np.exp(-x))
        return self.y

    def backward(self, grad, lr):
        return grad * self.y * (1 - self.y)


class Sequential:
    def __init__(self, *layers):
        self.layers = layers

    def __call__(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad, lr):
        for layer in reversed(self.layers):
            grad = layer.backward(grad, lr)


model = Sequential(Dense(2, 16), Tanh(), Dense(16, 16), Tanh(), Dense(16, 1), Sigmoid())

for epoch in range(1, 1501):
    out = model(X_train)
    train_mse = np.mean((out - Y_train) ** 2)
    model.backward(2 * (out - Y_train) / len(out), lr=0.5)

    if epoch % 300 == 0:
        val_mse = np.mean((model(X_val) - y_val) ** 2)
        print(f"epoch {epoch:4d}  train mse {train_mse:.4f}  val mse {val_mse:.4f}")

val_pred = model(X_val)[:, 0] > 0.5
print("validation accuracy:", np.mean(val_pred == y_val))
