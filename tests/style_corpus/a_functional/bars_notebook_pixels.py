#!/usr/bin/env python
# coding: utf-8

# # Tiny 6x6 grey-scale images: horizontal bar, vertical bar or diagonal
# Pixel values are 0..255 like real images, so they are divided by 255 first.

# In[1]:


import numpy as np
rng = np.random.default_rng(1)


# In[2]:


def make_image(kind):
    img = rng.integers(0, 60, (6, 6))
    pos = rng.integers(0, 6)
    if kind == 0:
        img[pos, :] = rng.integers(180, 256, 6)
    elif kind == 1:
        img[:, pos] = rng.integers(180, 256, 6)
    else:
        img[np.arange(6), np.arange(6)] = rng.integers(180, 256, 6)
    return img

kinds = rng.integers(0, 3, 300)
images = np.array([make_image(k) for k in kinds])
print(images.shape, images.dtype, images.min(), images.max())


# In[3]:


X = images.reshape(len(images), -1) / 255.0
Y = np.eye(3)[kinds]
print(X.shape, Y.shape, X.max())


# In[4]:


def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    return np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)

W1 = rng.normal(0, 0.3, (36, 20))
b1 = np.zeros((1, 20))
W2 = rng.normal(0, 0.3, (20, 3))
b2 = np.zeros((1, 3))


# In[5]:


for epoch in range(400):
    A1 = sigmoid(X @ W1 + b1)
    P = softmax(A1 @ W2 + b2)
    loss = -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1))
    dZ2 = (P - Y) / len(X)
    dZ1 = (dZ2 @ W2.T) * A1 * (1 - A1)
    W2 -= 2.0 * (A1.T @ dZ2)
    b2 -= 2.0 * dZ2.sum(axis=0, keepdims=True)
    W1 -= 2.0 * (X.T @ dZ1)
    b1 -= 2.0 * dZ1.sum(axis=0, keepdims=True)
    if epoch % 80 == 0:
        print(epoch, round(loss, 4), (P.argmax(axis=1) == kinds).mean())


# In[6]:


print("training accuracy:", (P.argmax(axis=1) == kinds).mean())
