#!/usr/bin/env python
# coding: utf-8

# In[1]:


import numpy as np


# In[2]:


# five overlapping gaussian blobs in 2-D, labels 0..4
rng = np.random.default_rng(17)
angles = np.linspace(0, 2 * np.pi, 5, endpoint=False)
centers = 2.0 * np.c_[np.cos(angles), np.sin(angles)]
X = np.concatenate([c + 0.7 * rng.standard_normal((60, 2)) for c in centers])
y = np.repeat(np.arange(5), 60)
Y = np.eye(5)[y]
print(X.shape, Y.shape)


# In[3]:


def relu(x):
    return np.maximum(0, x)


def relu_derivative(x):
    return np.maximum(0, x)


def softmax(x):
    x = x - np.max(x, axis=1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)


# In[4]:


W1 = rng.standard_normal((2, 20)) * 0.5
b1 = np.zeros((1, 20))
W2 = rng.standard_normal((20, 5)) * 0.3
b2 = np.zeros((1, 5))
W1.shape, W2.shape


# In[5]:


lr = 0.5
losses = []
for i in range(1500):
    z1 = X @ W1 + b1
    a1 = relu(z1)
    probs = softmax(a1 @ W2 + b2)
    losses.append(-np.mean(np.log(probs[np.arange(len(y)), y] + 1e-12)))

    dz2 = (probs - Y) / len(X)
    dW2 = a1.T @ dz2
    db2 = dz2.sum(axis=0, keepdims=True)
    dz1 = dz2 @ W2.T * relu_derivative(z1)
    dW1 = X.T @ dz1
    db1 = dz1.sum(axis=0, keepdims=True)

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2

    if i % 300 == 0:
        print(i, losses[-1], np.mean(probs.argmax(1) == y))


# In[6]:


print("loss went from", losses[0], "to", losses[-1])
print("accuracy:", np.mean(softmax(relu(X @ W1 + b1) @ W2 + b2).argmax(1) == y))
