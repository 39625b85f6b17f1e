import numpy as np

# y = sin(2x) * exp(-x^2 / 4), learned with mini-batches; columns layout (1, m)
np.random.seed(6)

m = 512
X = np.random.uniform(-3, 3, (1, m))
Y = np.sin(2 * X) * np.exp(-X ** 2 / 4)

n_h = 32
W1 = np.random.randn(n_h, 1)
b1 = np.random.randn(n_h, 1) * 0.5
W2 = np.random.randn(1, n_h) / np.sqrt(n_h)
b2 = np.zeros((1, 1))

learning_rate = 0.05
batch_size = 64

for epoch in range(200):
    shuffled = np.random.permutation(m)
    for s in range(0, m, batch_size):
        cols = shuffled[s:s + batch_size]
        xb, yb = X[:, cols], Y[:, cols]
        mb = xb.shape[1]

        Z1 = W1 @ xb + b1
        A1 = np.tanh(Z1)
        A2 = W2 @ A1 + b2

        error = yb - A2
        dZ2 = error / mb
        dW2 = dZ2 @ A1.T
        db2 = np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
        dW1 = dZ1 @ xb.T
        db1 = np.sum(dZ1, axis=1, keepdims=True)

        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2

    if epoch % 40 == 0:
        full = W2 @ np.tanh(W1 @ X + b1) + b2
        print(f"epoch {epoch}: mse {np.mean((full - Y) ** 2):.5f}")

full = W2 @ np.tanh(W1 @ X + b1) + b2
print("final mse:", np.mean((full - Y) ** 2))
