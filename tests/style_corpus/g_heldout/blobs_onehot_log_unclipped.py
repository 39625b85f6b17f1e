import numpy as np

rng = np.random.default_rng(15)
K = 4
means = rng.uniform(-4, 4, (K, 2))
X = np.vstack([rng.normal(m, 0.8, (50, 2)) for m in means])
y_idx = np.repeat(np.arange(K), 50)
Y = np.zeros((len(X), K))
Y[np.arange(len(X)), y_idx] = 1


def softmax(logits):
    shifted = logits - logits.max(axis=1, keepdims=True)
    ex = np.exp(shifted)
    return ex / ex.sum(axis=1, keepdims=True)


W1 = rng.normal(0, 0.5, (2, 16))
b1 = np.zeros((1, 16))
W2 = rng.normal(0, 0.5, (16, K))
b2 = np.zeros((1, K))
for epoch in range(600):
    H = np.maximum(0, X @ W1 + b1)
    P = softmax(H @ W2 + b2)
    loss = -np.sum(Y * np.log(P)) / len(X)
    dZ2 = (P - Y) / len(X)
    dH = dZ2 @ W2.T * (H > 0)
    W2 -= 0.5 * H.T @ dZ2
    b2 -= 0.5 * dZ2.sum(axis=0, keepdims=True)
    W1 -= 0.5 * X.T @ dH
    b1 -= 0.5 * dH.sum(axis=0, keepdims=True)
    if epoch % 200 == 0:
        print(epoch, loss)
print("acc", np.mean(P.argmax(axis=1) == y_idx), "min prob of true class", P[Y == 1].min())
