import numpy as np

np.random.seed(16)
data = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
target = np.array([[0], [1], [1], [0]], dtype=float)

w_in = np.random.randn(2, 5)
b_in = np.zeros((1, 5))
w_out = np.random.randn(5, 1)
b_out = np.zeros((1, 1))

for epoch in range(2000):
    hidden_out = np.tanh(data @ w_in + b_in)
    out = np.tanh(hidden_out @ w_out + b_out)
    loss = -np.mean(target * np.log(out) + (1 - target) * np.log(1 - out))
    grad_out = (out - target) / len(data)
    grad_hidden = grad_out @ w_out.T * (1 - hidden_out ** 2)
    w_out -= 0.3 * hidden_out.T @ grad_out
    b_out -= 0.3 * grad_out.sum(axis=0, keepdims=True)
    w_in -= 0.3 * data.T @ grad_hidden
    b_in -= 0.3 * grad_hidden.sum(axis=0, keepdims=True)
    if epoch % 500 == 0:
        print(epoch, loss)
print(out.round(3).ravel())
