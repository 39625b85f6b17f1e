#!/usr/bin/env python
# coding: utf-8

# # Loan decision: reject / review / approve
# features: credit score (300-850), income (k$), years at current job

# In[1]:


import numpy as np
np.random.seed(0)


# In[2]:


n = 300
credit = np.random.uniform(300, 850, n)
income = np.random.uniform(20, 200, n)
years = np.random.uniform(0, 30, n)
X = np.column_stack([credit, income, years])
score = (credit - 575) / 275 + (income - 110) / 90 + (years - 15) / 30
decision = np.digitize(score, [-0.5, 0.5])    # 0 reject, 1 review, 2 approve
T = np.eye(3)[decision]
print(X[:3].round(1))
print(np.bincount(decision))


# In[3]:


def relu(x):
    return np.maximum(x, 0)

def softmax(x):
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


# In[4]:


W1 = np.random.randn(3, 16)
b1 = np.zeros((1, 16))
W2 = np.random.randn(16, 3)
b2 = np.zeros((1, 3))


# In[5]:


lr = 1e-5
for epoch in range(300):
    h = relu(X @ W1 + b1)
    P = softmax(h @ W2 + b2)
    loss = -np.mean(np.sum(T * np.log(P + 1e-9), axis=1))

    G = (P - T) / n
    gW2 = h.T @ G
    gb2 = G.sum(axis=0, keepdims=True)
    Gh = (G @ W2.T) * (h > 0)
    gW1 = X.T @ Gh
    gb1 = Gh.sum(axis=0, keepdims=True)

    W1 -= lr * gW1
    b1 -= lr * gb1
    W2 -= lr * gW2
    b2 -= lr * gb2
    if epoch % 50 == 0:
        print(epoch, loss, (P.argmax(axis=1) == decision).mean())


# In[6]:


P = softmax(relu(X @ W1 + b1) @ W2 + b2)
print(P[:3])
print("accuracy:", (P.argmax(axis=1) == decision).mean())
