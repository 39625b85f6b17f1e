#!/usr/bin/env python
# coding: utf-8

# ## House prices from a made-up table: size (sq ft), rooms, age (years)
# Standardise everything, one ReLU hidden layer, linear output, mini-batches.

# In[1]:


import numpy as np

rng = np.random.default_rng(2024)


# In[2]:


n = 400
size = rng.uniform(500, 3500, n)
rooms = rng.integers(1, 7, n).astype(float)
age = rng.uniform(0, 80, n)
price = 50_000 + 120 * size + 8_000 * rooms - 900 * age + rng.normal(0, 15_000, n)

X_raw = np.column_stack([size, rooms, age])
y_raw = price.reshape(-1, 1)
print(X_raw.shape, y_raw.shape)
print(X_raw[:3])


# In[3]:


X_mean, X_std = X_raw.mean(axis=0), X_raw.std(axis=0)
y_mean, y_std = y_raw.mean(), y_raw.std()
X = (X_raw - X_mean) / X_std
y = (y_raw - y_mean) / y_std


# In[4]:


hidden = 12
W1 = rng.normal(0, np.sqrt(2 / 3), (3, hidden))
b1 = np.zeros((1, hidden))
W2 = rng.normal(0, np.sqrt(1 / hidden), (hidden, 1))
b2 = np.zeros((1, 1))


# In[5]:


lr = 0.01
batch = 25
for epoch in range(60):
    perm = rng.permutation(n)
    for i in range(0, n, batch):
        xb, yb = X[perm[i:i + batch]], y[perm[i:i + batch]]
        z1 = xb @ W1 + b1
        a1 = np.maximum(z1, 0)
        out = a1 @ W2 + b2

        g_out = 2 * (out - yb) / len(xb)
        g_W2 = a1.T @ g_out
        g_b2 = g_out.sum(axis=0, keepdims=True)
        g_a1 = g_out @ W2.T
        g_z1 = g_a1 * (z1 > 0)
        g_W1 = xb.T @ g_z1
        g_b1 = g_z1.sum(axis=0, keepdims=True)

        W2 -= lr * g_W2
        b2 -= lr * g_b2
        W1 -= lr * g_W1
        b1 -= lr * g_b1
    if epoch % 10 == 0:
        full = np.maximum(X @ W1 + b1, 0) @ W2 + b2
        print(epoch, "mse (standardised):", round(float(np.mean((full - y) ** 2)), 4))


# In[6]:


pred = (np.maximum(X @ W1 + b1, 0) @ W2 + b2) * y_std + y_mean
print("mean abs error in dollars:", np.mean(np.abs(pred - y_raw)).round(0))
