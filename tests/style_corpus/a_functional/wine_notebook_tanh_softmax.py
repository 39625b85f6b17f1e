#!/usr/bin/env python
# coding: utf-8

# # Wine-like data: 3 cultivars, 5 chemical measurements (synthetic)
# standardise, 5 -> 8 tanh -> 3 softmax

# In[1]:


import numpy as np
np.random.seed(123)


# In[2]:


means = np.array([[13.7, 2.0, 2.4, 17.0, 106.0],
                  [12.3, 1.9, 2.2, 20.0, 94.0],
                  [13.1, 3.3, 2.4, 21.4, 99.0]])
spread = np.array([0.5, 0.7, 0.25, 3.0, 12.0])
data = np.vstack([m + spread * np.random.randn(60, 5) for m in means])
cultivar = np.repeat([0, 1, 2], 60)
onehot = np.eye(3)[cultivar]
data.shape, onehot.shape


# In[3]:


X = (data - data.mean(axis=0)) / data.std(axis=0)
X[:3]


# In[4]:


W1 = np.random.randn(5, 8) * 0.4
b1 = np.zeros((1, 8))
W2 = np.random.randn(8, 3) * 0.4
b2 = np.zeros((1, 3))


# In[5]:


def softmax(a):
    a = a - a.max(axis=1, keepdims=True)
    ea = np.exp(a)
    return ea / ea.sum(axis=1, keepdims=True)


# In[6]:


eta = 0.2
for epoch in range(500):
    h = np.tanh(X.dot(W1) + b1)
    prob = softmax(h.dot(W2) + b2)

    d2 = (prob - onehot) / len(X)
    d1 = d2 * W2.T * (1 - h ** 2)

    W2 -= eta * h.T.dot(d2)
    b2 -= eta * d2.sum(axis=0, keepdims=True)
    W1 -= eta * X.T.dot(d1)
    b1 -= eta * d1.sum(axis=0, keepdims=True)

    if epoch % 100 == 0:
        ce = -np.mean(np.sum(onehot * np.log(prob + 1e-12), axis=1))
        print(epoch, ce)


# In[7]:


print("accuracy:", np.mean(prob.argmax(axis=1) == cultivar))
