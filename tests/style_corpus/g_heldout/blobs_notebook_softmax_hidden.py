# %% [markdown]
# Two-layer net, attention-like hidden layer

# %%
import numpy as np
np.random.seed(7)

# %%
n = 150
X = np.concatenate([np.random.randn(n, 2) + [2, 2], np.random.randn(n, 2) - [2, 2]])
t = np.concatenate([np.ones(n), np.zeros(n)]).reshape(-1, 1)

# %%
def softmax(s):
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)

def sigmoid(s):
    return 1.0 / (1.0 + np.exp(-s))

# %%
theta1 = np.random.randn(2, 5) * 0.5
bias1 = np.zeros((1, 5))
theta2 = np.random.randn(5, 1) * 0.5
bias2 = np.zeros((1, 1))
alpha = 0.5

# %%
for it in range(400):
    a1 = softmax(X @ theta1 + bias1)
    a2 = sigmoid(a1 @ theta2 + bias2)
    d2 = (a2 - t) / len(X)
    g1 = d2 @ theta2.T
    # Jacobian-vector product of the softmax
    d1 = a1 * (g1 - np.sum(g1 * a1, axis=1, keepdims=True))
    theta2 -= alpha * a1.T @ d2
    bias2 -= alpha * d2.sum(axis=0, keepdims=True)
    theta1 -= alpha * X.T @ d1
    bias1 -= alpha * d1.sum(axis=0, keepdims=True)
    if it % 100 == 0:
        a2c = np.clip(a2, 1e-8, 1 - 1e-8)
        print(it, -np.mean(t * np.log(a2c) + (1 - t) * np.log(1 - a2c)))

# %%
print("acc", np.mean((a2 > 0.5) == t))
