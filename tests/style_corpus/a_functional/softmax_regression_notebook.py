#!/usr/bin/env python
# coding: utf-8

# In[1]:


import numpy as np


# In[2]:


# four gaussian blobs, one per class
np.random.seed(8)
means = [(-2, -2), (-2, 2), (2, -2), (2, 2)]
X = np.concatenate([np.random.randn(60, 2) * 0.8 + m for m in means])
y = np.repeat([0, 1, 2, 3], 60)
onehot = np.eye(4)[y]
X.shape, onehot.shape


# In[3]:


W = np.zeros((2, 4))
b = np.zeros((1, 4))


# In[4]:


def softmax(logits):
    logits = logits - np.max(logits, axis=1, keepdims=True)
    exps = np.exp(logits)
    return exps / np.sum(exps, axis=1, keepdims=True)


def cross_entropy(probs, onehot):
    return -np.sum(onehot * np.log(np.clip(probs, 1e-12, 1.0))) / len(probs)


# In[5]:


history = []
for step in range(200):
    probs = softmax(X.dot(W) + b)
    history.append(cross_entropy(probs, onehot))
    grad = (probs - onehot) / len(X)
    W -= 0.5 * X.T.dot(grad)
    b -= 0.5 * grad.sum(axis=0, keepdims=True)
print(history[0], history[50], history[-1])


# In[6]:


pred = np.argmax(softmax(X.dot(W) + b), axis=1)
print("accuracy", (pred == y).mean())
print(W)
