#!/usr/bin/env python
# coding: utf-8

# ## Tiny "images": is the bright part on top or at the bottom?
# 8x8 grayscale pictures with pixel values 0..255, flattened to 64 features.

# In[1]:


import numpy as np
np.random.seed(0)


# In[2]:


def make_images(n):
    imgs = np.random.randint(90, 200, size=(n, 8, 8))
    labels = np.random.randint(0, 2, size=n)
    for i in range(n):
        if labels[i] == 1:
            imgs[i, :4, :] += np.random.randint(10, 40, size=(4, 8))
        else:
            imgs[i, 4:, :] += np.random.randint(10, 40, size=(4, 8))
    return imgs.reshape(n, 64).astype(float), labels.reshape(-1, 1)

X_train, y_train = make_images(500)
X_test, y_test = make_images(200)
print(X_train.shape, y_train.shape, X_train.min(), X_train.max())


# In[3]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# In[4]:


n_hidden = 16
W1 = np.random.randn(64, n_hidden) * 0.1
b1 = np.zeros((1, n_hidden))
W2 = np.random.randn(n_hidden, 1) * 0.1
b2 = np.zeros((1, 1))


# In[5]:


lr = 0.5
m = X_train.shape[0]
for epoch in range(1000):
    A1 = sigmoid(X_train @ W1 + b1)
    A2 = sigmoid(A1 @ W2 + b2)
    loss = -np.mean(y_train * np.log(A2 + 1e-8) + (1 - y_train) * np.log(1 - A2 + 1e-8))

    dZ2 = A2 - y_train
    dW2 = A1.T @ dZ2 / m
    db2 = dZ2.mean(axis=0, keepdims=True)
    dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1)
    dW1 = X_train.T @ dZ1 / m
    db1 = dZ1.mean(axis=0, keepdims=True)

    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    if epoch % 200 == 0:
        print(epoch, loss)


# In[6]:


def predict(X):
    return (sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2) > 0.5).astype(int)

print("train acc:", np.mean(predict(X_train) == y_train))
print("test acc:", np.mean(predict(X_test) == y_test))
