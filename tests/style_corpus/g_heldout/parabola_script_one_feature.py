import numpy as np

np.random.seed(24)
x = np.random.uniform(-1, 1, size=(150, 1))
t = x ** 2 + 0.05 * np.random.randn(150, 1)

n_hidden = 12
W1 = np.random.randn(1, n_hidden)
b1 = np.zeros((1, n_hidden))
W2 = np.random.randn(n_hidden, 1) * 0.3
b2 = np.zeros((1, 1))

lr = 0.1
for epoch in range(2000):
    z1 = x @ W1 + b1
    a1 = np.where(z1 > 0, z1, 0.1 * z1)
    y_hat = a1 @ W2 + b2
    e = y_hat - t
    grad_y = 2 * e / len(x)
    grad_a1 = grad_y @ W2.T
    grad_z1 = grad_a1 * np.where(z1 > 0, 1.0, 0.1)
    W2 -= lr * a1.T @ grad_y
    b2 -= lr * grad_y.sum(axis=0, keepdims=True)
    W1 -= lr * x.T @ grad_z1
    b1 -= lr * grad_z1.sum(axis=0, keepdims=True)
    if epoch % 500 == 0:
        print(epoch, "mse", np.mean(e ** 2))
print("final mse", np.mean(e ** 2))
