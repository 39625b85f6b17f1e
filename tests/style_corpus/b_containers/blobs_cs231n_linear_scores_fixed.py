import numpy as np

# two classes; class 1 also has a far-away group of easy points
rng = np.random.default_rng(5)
X0 = rng.normal([-1.0, 0.0], 0.5, (100, 2))
X1 = rng.normal([1.0, 0.0], 0.5, (80, 2))
X1_far = rng.normal([9.0, 8.0], 0.5, (40, 2))
X = np.vstack([X0, X1, X1_far])
y = np.concatenate([np.zeros(100), np.ones(120)]).reshape(-1, 1)


def loss(W, b, X, y):
    """cross-entropy of the sigmoid of the scores against the 0/1 labels, and its gradients"""
    n = X.shape[0]
    scores = X @ W + b
    p = 1 / (1 + np.exp(-scores))
    pc = np.clip(p, 1e-12, 1 - 1e-12)
    L = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
    dscores = (p - y) / n
    return L, {"W": X.T @ dscores, "b": dscores.sum(axis=0, keepdims=True)}


W = rng.normal(0, 0.1, (2, 1))
b = np.zeros((1, 1))
lr = 0.02
for step in range(3000):
    L, g = loss(W, b, X, y)
    W -= lr * g["W"]
    b -= lr * g["b"]
    if step % 600 == 0:
        print(f"step {step:4d}  loss {L:.4f}")

pred = (1 / (1 + np.exp(-(X @ W + b))) > 0.5).astype(float)
print("accuracy: %.3f" % np.mean(pred == y))
print("accuracy on the near class-1 blob: %.3f" % np.mean(pred[100:180] == 1))
