import numpy as np

np.random.seed(11)

# three classes around the corners of a triangle, one-hot targets
corners = np.array([[0.0, 2.0], [-1.8, -1.0], [1.8, -1.0]])
X = np.vstack([c + 0.7 * np.random.randn(70, 2) for c in corners])
labels = np.repeat(np.arange(3), 70)
Y = np.eye(3)[labels]

W_in = np.random.randn(2, 8) * 0.5
b_in = np.zeros((1, 8))
W_out = np.random.randn(8, 3) * 0.5
b_out = np.zeros((1, 3))
lr = 0.1

for it in range(1500):
    hidden = np.tanh(X.dot(W_in) + b_in)
    out = np.tanh(hidden.dot(W_out) + b_out)

    loss = -np.sum(Y * np.log(out + 1e-9)) / len(X)

    g_out = (out - Y) * (1 - out ** 2)
    g_hidden = g_out.dot(W_out.T) * (1 - hidden ** 2)

    W_out -= lr * hidden.T.dot(g_out) / len(X)
    b_out -= lr * g_out.mean(axis=0, keepdims=True)
    W_in -= lr * X.T.dot(g_hidden) / len(X)
    b_in -= lr * g_hidden.mean(axis=0, keepdims=True)

    if it % 300 == 0:
        print("iteration", it, "cross-entropy", loss, "accuracy", np.mean(out.argmax(axis=1) == labels))

print("some outputs:")
print(out[::70].round(2))
