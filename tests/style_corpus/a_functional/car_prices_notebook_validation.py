#!/usr/bin/env python
# coding: utf-8

# # Used-car prices: age (years), mileage (km), engine size (litres)
# one tanh hidden layer, linear output, train / validation split

# In[1]:


import numpy as np
rng = np.random.default_rng(99)


# In[2]:


n = 500
age = rng.uniform(0, 15, n)
km = age * rng.uniform(8_000, 20_000, n)
engine = rng.choice([1.0, 1.4, 1.6, 2.0, 3.0], n)
price = 30_000 * np.exp(-0.12 * age) * (0.8 + 0.15 * engine) - 0.03 * km + rng.normal(0, 1_000, n)
features = np.column_stack([age, km, engine])
print(features[:3], price[:3])


# In[3]:


mu, sd = features.mean(axis=0), features.std(axis=0)
X = (features - mu) / sd
y = (price - price.mean()) / price.std()
X_train, X_val = X[:400], X[400:]
y_train, y_val = y[:400], y[400:]
print(X_train.shape, y_train.shape, X_val.shape, y_val.shape)


# In[4]:


W1 = rng.normal(0, 0.5, (3, 16))
b1 = np.zeros(16)
W2 = rng.normal(0, 0.25, (16, 1))
b2 = np.zeros(1)

def predict(X):
    return np.tanh(X @ W1 + b1) @ W2 + b2


# In[5]:


lr = 0.05
Y_train = y_train.reshape(-1, 1)
for epoch in range(40):
    idx = rng.permutation(len(X_train))
    for start in range(0, len(idx), 20):
        rows = idx[start:start + 20]
        xb, yb = X_train[rows], Y_train[rows]
        h = np.tanh(xb @ W1 + b1)
        out = h @ W2 + b2
        g = 2 * (out - yb) / len(rows)
        gh = (g @ W2.T) * (1 - h ** 2)
        W2 -= lr * h.T @ g
        b2 -= lr * g.sum(axis=0)
        W1 -= lr * xb.T @ gh
        b1 -= lr * gh.sum(axis=0)
    if epoch % 10 == 0:
        train_mse = np.mean((predict(X_train) - Y_train) ** 2)
        val_mse = np.mean((predict(X_val) - y_val) ** 2)
        print(f"epoch {epoch}: train mse {train_mse:.4f}   validation mse {val_mse:.4f}")


# In[6]:


pred_dollars = predict(X_val[:5]).ravel() * price.std() + price.mean()
print("predicted:", pred_dollars.round(-2))
print("actual:   ", price[400:405].round(-2))
