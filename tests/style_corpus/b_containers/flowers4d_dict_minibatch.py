# iris-like data (4 measurements, 3 species) generated on the fly; 4-4-4-3 network
# gradients are accumulated sample by sample inside each mini-batch
import numpy as np

np.random.seed(17)
species_means = np.array([[5.0, 3.4, 1.5, 0.2],
                          [5.9, 2.8, 4.3, 1.3],
                          [6.6, 3.0, 5.6, 2.0]])
y = np.repeat([0, 1, 2], 50)
X = species_means[y] + np.random.randn(150, 4) * 0.3
X = (X - X.mean(axis=0)) / X.std(axis=0)
T = np.eye(3)[y]

params = {
    "W1": np.random.randn(4, 4) * 0.5, "b1": np.zeros(4),
    "W2": np.random.randn(4, 4) * 0.5, "b2": np.zeros(4),
    "W3": np.random.randn(4, 3) * 0.5, "b3": np.zeros(3),
}


def forward(x):
    h1 = np.tanh(x @ params["W1"] + params["b1"])
    h2 = np.tanh(h1 @ params["W2"] + params["b2"])
    s = h2 @ params["W3"] + params["b3"]
    e = np.exp(s - np.max(s, axis=-1, keepdims=True))
    return h1, h2, e / np.sum(e, axis=-1, keepdims=True)


lr, batch_size = 0.1, 10
for epoch in range(40):
    order = np.random.permutation(len(X))
    for start in range(0, len(X), batch_size):
        batch = order[start:start + batch_size]
        dW1 = dW2 = np.zeros((4, 4))
        dW3 = np.zeros((4, 3))
        db1, db2, db3 = np.zeros(4), np.zeros(4), np.zeros(3)
        for i in batch:
            x, t = X[i], T[i]
            h1, h2, p = forward(x)
            d3 = p - t
            d2 = (params["W3"] @ d3) * (1 - h2 ** 2)
            d1 = (params["W2"] @ d2) * (1 - h1 ** 2)
            dW3 += np.outer(h2, d3)
            db3 += d3
            dW2 += np.outer(h1, d2)
            db2 += d2
            dW1 += np.outer(x, d1)
            db1 += d1
        n = len(batch)
        params["W1"] -= lr * dW1 / n
        params["b1"] -= lr * db1 / n
        params["W2"] -= lr * dW2 / n
        params["b2"] -= lr * db2 / n
        params["W3"] -= lr * dW3 / n
        params["b3"] -= lr * db3 / n
    if epoch % 10 == 0 or epoch == 39:
        _, _, P = forward(X)
        loss = -np.mean(np.log(P[np.arange(len(y)), y] + 1e-12))
        print(f"epoch {epoch:2d} loss {loss:.4f} accuracy {np.mean(P.argmax(axis=1) == y):.3f}")
