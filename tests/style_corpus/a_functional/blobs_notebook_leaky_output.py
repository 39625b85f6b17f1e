#!/usr/bin/env python
# coding: utf-8

# # 3 clusters, one-hot targets, tanh hidden layer, leaky ReLU on the output

# In[1]:


import numpy as np
np.random.seed(3)


# In[2]:


n_per = 80
centres = np.array([[-2.0, 0.0], [2.0, 0.0], [0.0, 2.5]])
X = np.concatenate([centres[k] + 0.9 * np.random.randn(n_per, 2) for k in range(3)])
y = np.concatenate([np.full(n_per, k) for k in range(3)])
Y = np.eye(3)[y]
print(X.shape, Y.shape, Y[:2])


# In[3]:


def leaky_relu(x, deriv=False):
    if deriv:
        return np.where(x > 0, 1.0, 0.01)
    return np.where(x > 0, x, 0.01 * x)


# In[4]:


W1 = np.random.randn(2, 10) * 0.5
b1 = np.zeros((1, 10))
W2 = np.random.randn(10, 3) * 0.5
b2 = np.zeros((1, 3))


# In[5]:


lr = 0.05
for epoch in range(500):
    h = np.tanh(X @ W1 + b1)
    z2 = h @ W2 + b2
    out = leaky_relu(z2)

    err = Y - out
    d2 = err * leaky_relu(z2, deriv=True)
    d1 = (d2 @ W2.T) * (1 - h ** 2)

    W2 += lr * h.T @ d2 / len(X)
    b2 += lr * d2.mean(axis=0, keepdims=True)
    W1 += lr * X.T @ d1 / len(X)
    b1 += lr * d1.mean(axis=0, keepdims=True)

    if epoch % 100 == 0:
        print(epoch, "mse", np.mean(err ** 2).round(4), "acc", np.mean(out.argmax(axis=1) == y))


# In[6]:


print(out[:5].round(2))
print("row sums:", out.sum(axis=1)[:5].round(2))
print("accuracy:", np.mean(out.argmax(axis=1) == y))
