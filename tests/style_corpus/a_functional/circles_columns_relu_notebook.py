#!/usr/bin/env python
# coding: utf-8

# # Planar data: a disc inside a ring
# Layout follows the course notation: X is (n_x, m), W1 is (n_h, n_x), b1 is (n_h, 1)

# In[1]:


import numpy as np
np.random.seed(1)


# In[2]:


m = 500
r = np.r_[np.random.rand(m // 2) * 0.9, 1.4 + np.random.rand(m // 2) * 0.8]
phi = np.random.rand(m) * 2 * np.pi
X = np.array([r * np.cos(phi), r * np.sin(phi)])
Y = np.r_[np.zeros(m // 2), np.ones(m // 2)].reshape(1, m)
print("X shape:", X.shape, " Y shape:", Y.shape)


# In[3]:


n_x, n_h, n_y = 2, 16, 1
W1 = np.random.randn(n_h, n_x) * np.sqrt(2.0 / n_x)
b1 = np.zeros((n_h, 1))
W2 = np.random.randn(n_y, n_h) * np.sqrt(1.0 / n_h)
b2 = np.zeros((n_y, 1))


# In[4]:


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


# In[5]:


learning_rate = 0.5
for i in range(3000):
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    logprobs = Y * np.log(A2 + 1e-8) + (1 - Y) * np.log(1 - A2 + 1e-8)
    cost = -np.sum(logprobs) / m

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    if i % 500 == 0:
        print("Cost after iteration %i: %f" % (i, cost))


# In[6]:


predictions = A2 > 0.5
print("Accuracy: %d" % float(np.mean(predictions == Y) * 100) + "%")
