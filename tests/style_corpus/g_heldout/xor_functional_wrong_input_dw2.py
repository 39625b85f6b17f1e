import numpy as np

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def init(seed):
    rng = np.random.default_rng(seed)
    return {"W1": rng.normal(0, 1, (2, 2)), "b1": np.zeros((1, 2)),
            "W2": rng.normal(0, 1, (2, 1)), "b2": np.zeros((1, 1))}

def forward(params, X):
    a1 = sigmoid(X @ params["W1"] + params["b1"])
    a2 = sigmoid(a1 @ params["W2"] + params["b2"])
    return a1, a2

def backward(params, X, y, a1, a2):
    n = X.shape[0]
    d2 = (a2 - y) / n
    d1 = (d2 @ params["W2"].T) * a1 * (1 - a1)
    return {"W2": X.T @ d2, "b2": d2.sum(axis=0, keepdims=True),
            "W1": X.T @ d1, "b1": d1.sum(axis=0, keepdims=True)}

def update(params, grads, lr):
    for key in params:
        params[key] -= lr * grads[key]

X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
y = np.array([[0.], [1.], [1.], [0.]])
params = init(4)
for epoch in range(5000):
    a1, a2 = forward(params, X)
    grads = backward(params, X, y, a1, a2)
    update(params, grads, 2.0)
    if epoch % 1000 == 0:
        p = np.clip(a2, 1e-9, 1 - 1e-9)
        print(epoch, -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
print(a2.round(3).ravel())
