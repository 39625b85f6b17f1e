#!/usr/bin/env python
# coding: utf-8

# # Red or white?  A small network on three (standardised) wine measurements

# In[1]:


import numpy as np
np.random.seed(10)


# In[2]:


n_red, n_white = 150, 150
red = np.random.normal([0.8, -0.6, 0.5], 0.5, (n_red, 3))
white = np.random.normal([-0.7, 0.7, -0.4], 0.5, (n_white, 3))
X = np.vstack([red, white])
Y = np.r_[np.ones(n_red), np.zeros(n_white)].reshape(-1, 1)
print(X.shape, Y.shape)


# In[3]:


# the reds are all first: shuffle before splitting into train / test
idx = np.random.permutation(len(X))
X, Y = X[idx], Y[idx]
X_train, Y_train = X[:240], Y[:240]
X_test, Y_test = X[240:], Y[240:]
print(X_train.shape, X_test.shape)


# In[4]:


W1 = np.random.randn(3, 8) * 0.5
b1 = np.zeros((1, 8))
W2 = np.random.randn(8, 1) * 0.5
b2 = np.zeros((1, 1))

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# In[5]:


lr = 0.5
for i in range(1000):
    H = np.tanh(X_train @ W1 + b1)
    P = sigmoid(H @ W2 + b2)
    dZ2 = (P - Y_train) / len(X_train)
    dZ1 = (dZ2 @ W2.T) * (1 - H ** 2)
    W2 -= lr * H.T @ dZ2
    b2 -= lr * dZ2.sum(axis=0, keepdims=True)
    W1 -= lr * X_train.T @ dZ1
    b1 -= lr * dZ1.sum(axis=0, keepdims=True)
    if i % 200 == 0:
        print(i, -np.mean(Y_train * np.log(P + 1e-9) + (1 - Y_train) * np.log(1 - P + 1e-9)))


# In[6]:


P_test = sigmoid(np.tanh(X_test @ W1 + b1) @ W2 + b2)
print("train accuracy:", np.mean((P > 0.5) == Y_train))
print("test accuracy:", np.mean((P_test > 0.5) == Y_test))
