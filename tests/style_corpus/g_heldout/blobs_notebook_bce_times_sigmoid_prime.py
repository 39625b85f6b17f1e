# coding: utf-8
# In[1]:
import numpy as np

# In[2]:
np.random.seed(21)
m = 400
X = np.random.randn(m, 2)
y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(float).reshape(m, 1)

# In[3]:
w_in = np.random.randn(2, 6) * 0.5
b_in = np.zeros((1, 6))
w_out = np.random.randn(6, 1) * 0.5
b_out = np.zeros((1, 1))

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

# In[4]:
losses = []
for epoch in range(500):
    hidden_out = np.maximum(0, X @ w_in + b_in)
    p = sigmoid(hidden_out @ w_out + b_out)
    pc = np.clip(p, 1e-10, 1 - 1e-10)
    loss = -np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))
    losses.append(loss)
    grad_out = (p - y) * p * (1 - p) / m
    grad_hidden = (grad_out @ w_out.T) * (hidden_out > 0)
    w_out -= 1.0 * hidden_out.T @ grad_out
    b_out -= 1.0 * grad_out.sum(axis=0, keepdims=True)
    w_in -= 1.0 * X.T @ grad_hidden
    b_in -= 1.0 * grad_hidden.sum(axis=0, keepdims=True)

# In[5]:
print(losses[0], losses[-1], np.mean((p > 0.5) == y))
