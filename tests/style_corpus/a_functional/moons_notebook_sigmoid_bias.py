#!/usr/bin/env python
# coding: utf-8

# # Moons with a sigmoid hidden layer
# binary cross-entropy, full batch gradient descent

# In[1]:


import numpy as np


# In[2]:


rng = np.random.default_rng(8)
n = 200
t = rng.uniform(0, np.pi, n)
X = np.concatenate([np.c_[np.cos(t), np.sin(t)],
                    np.c_[1 - np.cos(t), 0.5 - np.sin(t)]]) + rng.normal(0, 0.1, (2 * n, 2))
X = (X - X.mean(axis=0)) / X.std(axis=0)
y = np.concatenate([np.zeros(n), np.ones(n)])[:, None]
print(X.shape, y.shape, y.mean())


# In[3]:


sigmoid = lambda z: 1 / (1 + np.exp(-z))

hidden_units = 12
W1 = rng.normal(size=(2, hidden_units))
b1 = np.zeros((1, hidden_units))
W2 = rng.normal(size=(hidden_units, 1)) * 0.5
b2 = np.zeros((1, 1))


# In[4]:


alpha = 1.0
for it in range(3000):
    a1 = sigmoid(X @ W1 + b1)
    p = sigmoid(a1 @ W2 + b2)

    d2 = (p - y) / len(X)
    dW2 = a1.T @ d2
    db2 = np.sum(d2, axis=0, keepdims=True)
    d1 = (d2 @ W2.T) * a1 * (1 - a1)
    dW1 = X.T @ d1
    db1 = np.sum(X.T @ d1, axis=0, keepdims=True)

    W1 -= alpha * dW1
    b1 -= alpha * db1
    W2 -= alpha * dW2
    b2 -= alpha * db2

    if it % 500 == 0:
        pc = np.clip(p, 1e-7, 1 - 1e-7)
        bce = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
        print(it, "loss", round(bce, 4), "acc", np.mean((p > 0.5) == y))


# In[5]:


p = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
print("accuracy", np.mean((p > 0.5) == y))
print("b1 =", b1.round(2))
