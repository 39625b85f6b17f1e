# %%
import numpy as np
rng = np.random.default_rng(13)

# %%
X = np.vstack([rng.normal(2, 1, (60, 2)), rng.normal(-2, 1, (60, 2))])
y = np.vstack([np.ones((60, 1)), np.zeros((60, 1))])

# %%
W_hidden = rng.normal(0, 0.5, (2, 4))
b_hidden = np.zeros((1, 4))
W_output = rng.normal(0, 0.5, (4, 1))
b_output = np.zeros((1, 1))
lr = 0.1

def sigmoid(v):
    return 1 / (1 + np.exp(-v))

# %%
for epoch in range(200):
    hidden_layer = sigmoid(X @ W_hidden + b_hidden)
    output_layer = sigmoid(hidden_layer @ W_output + b_output)
    output_delta = (output_layer - y) / len(X)
    hidden_delta = output_delta @ W_output.T * hidden_layer * (1 - hidden_layer)
    W_output = W_output - lr * hidden_layer.T @ output_delta
    b_output = b_output - lr * output_delta
    W_hidden = W_hidden - lr * X.T @ hidden_delta
    b_hidden = b_hidden - lr * hidden_delta

# %%
print("b_output shape", b_output.shape, "b_hidden shape", b_hidden.shape)
print("acc", np.mean((output_layer > 0.5) == y))
test = np.array([[2.0, 2.0], [-2.0, -2.0], [0.0, 0.0]])
print(sigmoid(sigmoid(test @ W_hidden + b_hidden) @ W_output + b_output).shape)
