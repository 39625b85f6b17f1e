#!/usr/bin/env python
# coding: utf-8

# # Three blobs, one hidden ReLU layer, softmax output

# In[1]:


import numpy as np
np.random.seed(42)


# In[2]:


centers = np.array([[0.0, 3.0], [-3.0, -2.0], [3.0, -2.0]])
X = np.vstack([c + np.random.randn(100, 2) for c in centers])
labels = np.repeat(np.arange(3), 100)
Y = np.eye(3)[labels]
print(X.shape, Y.shape)


# In[3]:


def relu(z):
    return np.maximum(0, z)

def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# In[4]:


n_hidden = 16
W1 = np.random.randn(2, n_hidden) * np.sqrt(2 / 2)
b1 = np.zeros((1, n_hidden))
W2 = np.random.randn(n_hidden, 3) * np.sqrt(2 / n_hidden)
b2 = np.zeros((1, 3))
print(W1.shape, W2.shape)


# In[5]:


lr = 0.1
m = X.shape[0]
for epoch in range(301):
    z1 = X @ W1 + b1
    h = relu(z1)
    probs = softmax(h @ W2 + b2)

    loss = -np.mean(np.sum(Y * np.log(probs + 1e-12), axis=1))

    dz2 = (probs - Y) / m
    dW2 = h.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dh = dz2 @ W2.T
    dz1 = dh * (z1 > 0)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2

    if epoch % 50 == 0:
        acc = np.mean(probs.argmax(axis=1) == labels)
        print(epoch, round(loss, 4), acc)


# In[6]:


pred = softmax(relu(X @ W1 + b1) @ W2 + b2).argmax(axis=1)
print("train accuracy:", (pred == labels).mean())
