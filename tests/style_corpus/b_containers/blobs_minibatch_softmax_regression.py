import numpy as np

np.random.seed(100)

# softmax regression: one weight matrix, one bias row, three classes
K, n = 3, 450
means = np.array([[0.0, 2.5], [-2.2, -1.2], [2.2, -1.2]])
y = np.random.randint(0, K, n)
X = means[y] + np.random.randn(n, 2)
Y = np.eye(K)[y]

W = np.random.randn(2, K) * 0.01
b = np.zeros((1, K))


def probabilities(X):
    logits = X @ W + b
    logits -= logits.max(axis=1, keepdims=True)
    expl = np.exp(logits)
    return expl / expl.sum(axis=1, keepdims=True)


P0 = probabilities(X)
print("before training: loss %.4f" % -np.mean(np.log(P0[np.arange(n), y] + 1e-12)))

batch_size, lr = 50, 0.2
for epoch in range(1, 31):
    shuffle = np.random.permutation(n)
    X_sh, Y_sh = X[shuffle], Y[shuffle]
    for i in range(0, n, batch_size):
        xb, yb = X_sh[i:i + batch_size], Y_sh[i:i + batch_size]
        g = (probabilities(xb) - yb) / len(xb)
        W -= lr * xb.T @ g
        b -= lr * g.sum(axis=0, keepdims=True)
    if epoch % 5 == 0:
        P = probabilities(X)
        loss = -np.mean(np.log(P[np.arange(n), y] + 1e-12))
        print(f"epoch {epoch:2d}  loss {loss:.4f}  accuracy {np.mean(P.argmax(axis=1) == y):.3f}")
