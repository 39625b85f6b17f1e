#!/usr/bin/env python
# coding: utf-8

# # Regression with two ReLU hidden layers
# target: y = x1^2 - 0.5*x2 + noise

# In[1]:


import numpy as np
rng = np.random.default_rng(0)


# In[2]:


X = rng.uniform(-2, 2, size=(500, 2))
y = (X[:, 0] ** 2 - 0.5 * X[:, 1] + rng.normal(0, 0.1, 500)).reshape(-1, 1)
print("X", X.shape, "y", y.shape, "y range", y.min().round(2), y.max().round(2))


# In[3]:


layer_sizes = [2, 32, 16, 1]
weights = [rng.normal(0, np.sqrt(2 / n), (n, k)) for n, k in zip(layer_sizes, layer_sizes[1:])]
biases = [np.zeros((1, k)) for k in layer_sizes[1:]]
[w.shape for w in weights]


# In[4]:


def run(X):
    a = X
    cache = [(None, X)]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = a @ w + b
        a = z if i == len(weights) - 1 else np.maximum(0, z)
        cache.append((z, a))
    return a, cache


# In[5]:


lr = 0.01
for epoch in range(1001):
    pred, cache = run(X)
    loss = np.mean((pred - y) ** 2)
    grad = 2 * (pred - y) / len(X)
    for i in reversed(range(len(weights))):
        z, _ = cache[i + 1]
        if i < len(weights) - 1:
            grad = grad * (z > 0)
        a_prev = cache[i][1]
        gw = a_prev.T @ grad
        gb = grad.sum(axis=0, keepdims=True)
        grad = grad @ weights[i].T
        weights[i] -= lr * gw
        biases[i] -= lr * gb
    if epoch % 200 == 0:
        print(f"epoch {epoch}: mse {loss:.4f}")


# In[6]:


test = np.array([[1.0, 0.0], [-1.5, 1.0]])
print(run(test)[0].ravel(), "expected about", test[:, 0] ** 2 - 0.5 * test[:, 1])
