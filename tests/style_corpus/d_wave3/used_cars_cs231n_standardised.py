"""Two-layer net in the cs231n style: loss(params, X, y) returns (loss, grads).

Task: is a used car priced above $12k?  Raw features are model year, mileage and
engine size, standardised before training.
"""
import numpy as np


def init_params(input_size, hidden_size, output_size, std=1e-1, seed=0):
    rng = np.random.RandomState(seed)
    return {
        "W1": std * rng.randn(input_size, hidden_size),
        "b1": np.zeros(hidden_size),
        "W2": std * rng.randn(hidden_size, output_size),
        "b2": np.zeros(output_size),
    }


def loss(params, X, y=None, reg=1e-4):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    N = X.shape[0]

    hidden = np.tanh(X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    if y is None:
        return scores

    shifted = scores - scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / exp_scores.sum(axis=1, keepdims=True)
    data_loss = -np.log(probs[np.arange(N), y] + 1e-12).mean()
    reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    total = data_loss + reg_loss

    grads = {}
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads["W2"] = hidden.T.dot(dscores) + 2 * reg * W2
    grads["b2"] = dscores.sum(axis=0)
    dhidden = dscores.dot(W2.T) * (1 - hidden ** 2)
    grads["W1"] = X.T.dot(dhidden) + 2 * reg * W1
    grads["b1"] = dhidden.sum(axis=0)
    return total, grads


rng = np.random.RandomState(1)
N = 500
year = rng.randint(2000, 2023, N)
mileage = rng.uniform(0, 200000, N)
engine = rng.choice([1.0, 1.4, 1.6, 2.0, 2.5, 3.0], N)
price = 2000 + 900 * (year - 2000) - 0.06 * mileage + 2500 * engine + rng.normal(0, 1500, N)
y = (price > 12000).astype(int)
X_raw = np.column_stack([year, mileage, engine]).astype(float)

# standardise: year and mileage are in the thousands, tanh would saturate
X = (X_raw - X_raw.mean(axis=0)) / X_raw.std(axis=0)

params = init_params(3, 16, 2)
learning_rate = 0.5
for it in range(1500):
    l, grads = loss(params, X, y)
    for name in params:
        params[name] -= learning_rate * grads[name]
    if it % 300 == 0:
        print("iteration %4d / 1500: loss %f" % (it, l))

pred = np.argmax(loss(params, X), axis=1)
print("training accuracy:", (pred == y).mean())
