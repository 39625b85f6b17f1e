#!/usr/bin/env python
# coding: utf-8

# ## Two moons: tanh hidden layer, sigmoid output, log loss

# In[1]:


import numpy as np
np.random.seed(31)


# In[2]:


def make_moons(n_samples=300, noise=0.2):
    n = n_samples // 2
    outer = np.linspace(0, np.pi, n)
    inner = np.linspace(0, np.pi, n)
    X = np.vstack([np.c_[np.cos(outer), np.sin(outer)],
                   np.c_[1 - np.cos(inner), 1 - np.sin(inner) - 0.5]])
    X += noise * np.random.randn(*X.shape)
    y = np.hstack([np.zeros(n), np.ones(n)]).reshape(-1, 1)
    return X, y

X, y = make_moons()
print(X.shape, y.shape)


# In[3]:


n_hidden = 10
W1 = np.random.randn(2, n_hidden) * 0.8
b1 = np.zeros((1, n_hidden))
W2 = np.random.randn(n_hidden, 1) * 0.8
b2 = np.zeros((1, 1))


# In[4]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def forward(X):
    a1 = np.tanh(X @ W1 + b1)
    return a1, sigmoid(a1 @ W2 + b2)


# In[5]:


lr = 1.0
for epoch in range(2000):
    a1, y_hat = forward(X)
    loss = -np.mean(y * np.log(y_hat + 1e-9) + (1 - y) * np.log(1 - y_hat + 1e-9))
    dz2 = (y_hat - y) / len(X)
    dz1 = dz2 @ W2.T * (1 - a1 ** 2)
    W2 -= lr * a1.T @ dz2
    b2 -= lr * dz2.sum(axis=0, keepdims=True)
    W1 -= lr * X.T @ dz1
    b1 -= lr * dz1.sum(axis=0, keepdims=True)
    if epoch % 400 == 0:
        accuracy = np.mean(y_hat == y)
        print(f"epoch {epoch}  loss {loss:.4f}  accuracy {accuracy:.2%}")


# In[6]:


_, y_hat = forward(X)
print(np.c_[y_hat[::50].round(3), y[::50]])
