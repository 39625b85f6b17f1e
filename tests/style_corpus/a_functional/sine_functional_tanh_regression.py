import numpy as np

# fit y = sin(x) on [-pi, pi] with one tanh hidden layer and a linear output

rng = np.random.default_rng(7)
x = np.linspace(-np.pi, np.pi, 200).reshape(-1, 1)
y = np.sin(x) + rng.normal(0, 0.05, x.shape)


def tanh_deriv(t):
    return 1.0 - t ** 2


def init_network(hidden=20):
    w_hidden = rng.normal(0, 1.0, (1, hidden))
    b_hidden = np.zeros((1, hidden))
    w_out = rng.normal(0, 1.0 / np.sqrt(hidden), (hidden, 1))
    b_out = np.zeros((1, 1))
    return w_hidden, b_hidden, w_out, b_out


def predict(x, w_hidden, b_hidden, w_out, b_out):
    hidden = np.tanh(x @ w_hidden + b_hidden)
    return hidden, hidden @ w_out + b_out


def train_step(x, y, w_hidden, b_hidden, w_out, b_out, lr):
    n = len(x)
    hidden, y_hat = predict(x, w_hidden, b_hidden, w_out, b_out)
    err = y_hat - y
    grad_out = 2 * err / n
    grad_hidden = (grad_out @ w_out.T) * tanh_deriv(hidden)

    w_out = w_out - lr * hidden.T @ grad_out
    b_out = b_out - lr * grad_out.sum(axis=0, keepdims=True)
    w_hidden = w_hidden - lr * x.T @ grad_hidden
    b_hidden = b_hidden - lr * grad_hidden.sum(axis=0, keepdims=True)
    return (w_hidden, b_hidden, w_out, b_out), np.mean(err ** 2)


net = init_network()
for epoch in range(4000):
    net, mse = train_step(x, y, *net, lr=0.05)
    if epoch % 500 == 0:
        print("epoch", epoch, "mse", round(float(mse), 5))

_, y_hat = predict(x, *net)
print("final mse:", np.mean((y_hat - y) ** 2))
print("sin(1.0) ~", predict(np.array([[1.0]]), *net)[1].item(), "true", np.sin(1.0))
