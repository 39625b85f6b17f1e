#!/usr/bin/env python
# coding: utf-8

# # A tiny neural network for a yes/no diagnosis, step by step
# The gradient is written the long way: dL/dA first, then through the sigmoid.

# In[1]:


import numpy as np
np.random.seed(2)


# In[2]:


# synthetic "heart disease" data: resting BP (scaled), cholesterol (scaled), max heart rate (scaled)
m = 300
X = np.random.randn(3, m)
w_true = np.array([[1.5], [-2.0], [1.0]])
Y = (w_true.T @ X + 0.3 * np.random.randn(1, m) > 0).astype(float)
print(X.shape, Y.shape, Y.mean())


# In[3]:


n_h = 5
W1 = np.random.randn(n_h, 3) * 0.1
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(1, n_h) * 0.1
b2 = np.zeros((1, 1))


# In[4]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# In[5]:


lr = 1.0
for it in range(1500):
    A1 = np.tanh(W1 @ X + b1)
    A2 = sigmoid(W2 @ A1 + b2)
    A2 = np.clip(A2, 1e-10, 1 - 1e-10)
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))

    dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
    dZ2 = dA2 * A2 * (1 - A2)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if it % 300 == 0:
        print(it, cost)


# In[6]:


print("final cost", cost)
print("train accuracy", np.mean((A2 > 0.5) == Y))
