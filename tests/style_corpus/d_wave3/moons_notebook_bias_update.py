#!/usr/bin/env python
# coding: utf-8

# # Two moons with a one-hidden-layer network
# Train on 80% of the points, then check the held-out 20%.

# In[1]:


import numpy as np
np.random.seed(42)


# In[2]:


n = 250
t = np.random.uniform(0, np.pi, n)
labels = np.random.randint(0, 2, n)
X = np.where(labels[:, None] == 0,
             np.c_[np.cos(t), np.sin(t)],
             np.c_[1 - np.cos(t), 0.5 - np.sin(t)]) + np.random.normal(0, 0.12, (n, 2))
y = labels.reshape(-1, 1).astype(float)
X_train, X_test = X[:200], X[200:]
y_train, y_test = y[:200], y[200:]
print(X_train.shape, X_test.shape)


# In[3]:


W1 = np.random.randn(2, 16) * 0.5
b1 = np.zeros((1, 16))
W2 = np.random.randn(16, 1) * 0.5
b2 = np.zeros((1, 1))
print(W1.shape, b1.shape, W2.shape, b2.shape)


# In[4]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def forward(X):
    A1 = np.tanh(X @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    return A1, A2


# In[5]:


lr = 0.5
m = len(X_train)
for epoch in range(2000):
    A1, A2 = forward(X_train)
    dZ2 = (A2 - y_train) / m
    dW2 = A1.T @ dZ2
    dZ1 = (dZ2 @ W2.T) * (1 - A1 ** 2)
    dW1 = X_train.T @ dZ1
    W2 = W2 - lr * dW2
    b2 = b2 - lr * dZ2
    W1 = W1 - lr * dW1
    b1 = b1 - lr * np.sum(dZ1, axis=0, keepdims=True)
    if epoch % 400 == 0:
        loss = -np.mean(y_train * np.log(A2 + 1e-9) + (1 - y_train) * np.log(1 - A2 + 1e-9))
        print(epoch, round(loss, 4))


# In[6]:


print(b2.shape)
print("train accuracy:", np.mean((forward(X_train)[1] > 0.5) == y_train))
print("test accuracy:", np.mean((forward(X_test)[1] > 0.5) == y_test))
