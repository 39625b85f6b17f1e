#!/usr/bin/env python
# coding: utf-8

# # Predicting test scores from hours of sleep and hours of study
# A tiny neural network from scratch (one hidden layer of 3 sigmoid units).

# In[1]:


import numpy as np
np.random.seed(3)


# In[2]:


# X = (hours sleeping, hours studying), y = score on the test (out of 100)
n = 60
sleep = np.random.uniform(4, 10, n)
study = np.random.uniform(0, 8, n)
score = 30 + 4.0 * sleep + 5.5 * study + np.random.normal(0, 3, n)
X = np.column_stack([sleep, study])
y = np.clip(score, 0, 100).reshape(-1, 1)
print(X.shape, y.shape)
print(y[:5].ravel())


# In[3]:


# scale the inputs so every feature is between 0 and 1
X = X / np.amax(X, axis=0)


# In[4]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_prime(z):
    return np.exp(-z) / ((1 + np.exp(-z)) ** 2)


# In[5]:


input_size, hidden_size, output_size = 2, 3, 1
W1 = np.random.randn(input_size, hidden_size)
b1 = np.zeros((1, hidden_size))
W2 = np.random.randn(hidden_size, output_size)
b2 = np.zeros((1, output_size))
print(W1.shape, W2.shape)


# In[6]:


lr = 0.5
costs = []
for i in range(3000):
    z2 = X @ W1 + b1
    a2 = sigmoid(z2)
    z3 = a2 @ W2 + b2
    yHat = sigmoid(z3)

    cost = 0.5 * np.sum((y - yHat) ** 2) / n
    costs.append(cost)

    delta3 = -(y - yHat) * sigmoid_prime(z3)
    dJdW2 = a2.T @ delta3 / n
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    dJdW1 = X.T @ delta2 / n

    W1 = W1 - lr * dJdW1
    b1 = b1 - lr * delta2.mean(axis=0, keepdims=True)
    W2 = W2 - lr * dJdW2
    b2 = b2 - lr * delta3.mean(axis=0, keepdims=True)


# In[7]:


print("cost at start:", costs[0])
print("cost at end:  ", costs[-1])
print("predicted scores:", yHat[:5].ravel())
print("actual scores:   ", y[:5].ravel())
