import numpy as np

# y = |x| - 1 style "V" regression with a leaky relu hidden layer.
# The activation is written for one number and np.vectorize applies it element-wise.

np.random.seed(21)

leaky = np.vectorize(lambda v: v if v > 0 else 0.05 * v)
leaky_grad = np.vectorize(lambda v: 1.0 if v > 0 else 0.05)

x = np.linspace(-2, 2, 80).reshape(-1, 1)
target = np.abs(x) - 1 + 0.3 * np.sin(3 * x)

W1 = np.random.randn(1, 12)
b1 = np.random.randn(1, 12) * 0.5
W2 = np.random.randn(12, 1) * 0.3
b2 = np.zeros((1, 1))
lr = 0.05

for step in range(1500):
    z = x @ W1 + b1
    a = leaky(z)
    out = a @ W2 + b2

    g_out = (out - target) / len(x)
    g_z = (g_out @ W2.T) * leaky_grad(z)

    W2 -= lr * a.T @ g_out
    b2 -= lr * g_out.sum(axis=0, keepdims=True)
    W1 -= lr * x.T @ g_z
    b1 -= lr * g_z.sum(axis=0, keepdims=True)

    if step % 300 == 0:
        print("step", step, "mse", round(float(np.mean((out - target) ** 2)), 5))

print("final mse", float(np.mean((out - target) ** 2)))
