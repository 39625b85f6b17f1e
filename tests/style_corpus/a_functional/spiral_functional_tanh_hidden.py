import numpy as np

# classic 3-arm spiral: 2 -> 40 tanh -> 3 softmax, full-batch gradient descent


def spiral(n=80, k=3, seed=9):
    rng = np.random.RandomState(seed)
    X = np.zeros((n * k, 2))
    y = np.zeros(n * k, dtype=int)
    for c in range(k):
        r = np.linspace(0.1, 1.0, n)
        t = np.linspace(c * 4.2, (c + 1) * 4.2, n) + rng.randn(n) * 0.15
        X[c * n:(c + 1) * n] = np.column_stack([r * np.sin(t), r * np.cos(t)])
        y[c * n:(c + 1) * n] = c
    return X, y


def softmax(s):
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def init_net(d, h, k, seed=0):
    rng = np.random.RandomState(seed)
    return {"W1": rng.randn(d, h), "b1": np.zeros((1, h)),
            "W2": rng.randn(h, k) * 0.1, "b2": np.zeros((1, k))}


def forward(net, X):
    hidden = np.tanh(X @ net["W1"] + net["b1"])
    return hidden, softmax(hidden @ net["W2"] + net["b2"])


def backward(net, X, Y, hidden, probs):
    dscores = (probs - Y) / X.shape[0]
    dhidden = dscores @ net["W2"].T
    return {"W2": hidden.T @ dscores, "b2": dscores.sum(axis=0, keepdims=True),
            "W1": X.T @ dhidden, "b1": dhidden.sum(axis=0, keepdims=True)}


def loss_and_acc(net, X, y):
    _, probs = forward(net, X)
    loss = -np.log(probs[np.arange(len(y)), y] + 1e-12).mean()
    return loss, (probs.argmax(axis=1) == y).mean()


X, y = spiral()
Y = np.eye(3)[y]
net = init_net(2, 40, 3)
step = 1.0
for epoch in range(4001):
    hidden, probs = forward(net, X)
    grads = backward(net, X, Y, hidden, probs)
    for name in net:
        net[name] -= step * grads[name]
    if epoch % 800 == 0:
        loss, acc = loss_and_acc(net, X, y)
        print("epoch %4d  loss %.4f  accuracy %.3f" % (epoch, loss, acc))
