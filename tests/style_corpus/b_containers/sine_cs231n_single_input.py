import numpy as np

# regression: one input x, one output sin(x); 1 -> 20 tanh -> 1
np.random.seed(8)
x = np.linspace(-np.pi, np.pi, 160).reshape(-1, 1)
t = np.sin(x) + 0.05 * np.random.randn(*x.shape)

W1 = np.random.randn(1, 20)
b1 = np.zeros((1, 20))
W2 = np.random.randn(20, 1) * 0.5
b2 = np.zeros((1, 1))


def loss(x, t, W1, b1, W2, b2):
    n = x.shape[0]
    h = np.tanh(x @ W1 + b1)
    y = h @ W2 + b2
    L = np.mean((y - t) ** 2)
    dy = 2 * (y - t) / n
    dW2 = h.T @ dy
    db2 = dy.sum(axis=0, keepdims=True)
    dh = dy @ W2.T * (1 - h ** 2)
    dW1 = x.T @ dh
    db1 = dh.sum(axis=0, keepdims=True)
    return L, (dW1, db1, dW2, db2)


lr = 0.03
for step in range(5000):
    L, (dW1, db1, dW2, db2) = loss(x, t, W1, b1, W2, b2)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if step % 1000 == 0:
        print("step %d  mse %.5f" % (step, L))

print("final mse %.5f" % loss(x, t, W1, b1, W2, b2)[0])
probe = np.array([[-2.0], [0.5], [1.5]])
print("sin:", np.sin(probe).ravel().round(3), "net:", (np.tanh(probe @ W1 + b1) @ W2 + b2).ravel().round(3))
