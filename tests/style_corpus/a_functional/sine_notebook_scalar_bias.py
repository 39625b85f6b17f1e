#!/usr/bin/env python
# coding: utf-8

# # Sine regression: 1 input, 10 tanh units, 1 linear output

# In[1]:


import numpy as np
np.random.seed(0)


# In[2]:


x = np.linspace(0, 2 * np.pi, 120).reshape(-1, 1)
t = np.sin(x)
x = x / np.pi - 1          # inputs in [-1, 1]
x.shape, t.shape


# In[3]:


n_hidden = 10
w1 = np.random.randn(1, n_hidden) * 2
b1 = np.zeros((1, n_hidden))       # same shape as w1 here because there is a single input
w2 = np.random.randn(n_hidden, 1) * 0.3
b2 = 0.0                           # one output unit -> one number


# In[4]:


lr = 0.1
for epoch in range(5000):
    z1 = x @ w1 + b1
    h = np.tanh(z1)
    y = h @ w2 + b2

    d2 = (y - t) / len(x)
    d1 = (d2 @ w2.T) * (1 - h ** 2)

    w2 -= lr * h.T @ d2
    b2 -= lr * np.sum(d2)
    w1 -= lr * x.T @ d1
    b1 -= lr * np.sum(d1, axis=0, keepdims=True)

    if epoch % 1000 == 0:
        print(epoch, float(np.mean((y - t) ** 2)))


# In[5]:


print("final mse:", float(np.mean((y - t) ** 2)))
print("b2 =", b2, " b1 shape", b1.shape)
