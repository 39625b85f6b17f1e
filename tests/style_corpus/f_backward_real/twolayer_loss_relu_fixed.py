# A two-layer classifier in the style of a course assignment: parameters in a dict, one
# loss(X, y) function that returns the loss and the gradients, softmax scores, ReLU hidden layer.
import numpy as np

rng = np.random.default_rng(3)
N_PER, K = 60, 3
X = np.concatenate([rng.normal(loc=c, scale=0.6, size=(N_PER, 2))
                    for c in ((0, 2), (2, -1), (-2, -1))])
y = np.repeat(np.arange(K), N_PER)

params = {
    "W1": 0.1 * rng.standard_normal((2, 30)), "b1": np.zeros(30),
    "W2": 0.1 * rng.standard_normal((30, K)), "b2": np.zeros(K),
}


def loss(X, y=None, reg=1e-4):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    N = X.shape[0]
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    if y is None:
        return scores
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    data_loss = -np.log(probs[range(N), y]).sum() / N
    total = data_loss + 0.5 * reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    grads = {}
    dscores = probs
    dscores[range(N), y] -= 1
    dscores /= N
    grads["W2"] = hidden.T.dot(dscores) + reg * W2
    grads["b2"] = np.sum(dscores, axis=0)
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    grads["W1"] = X.T.dot(dhidden) + reg * W1
    grads["b1"] = np.sum(dhidden, axis=0)
    return total, grads


for it in range(600):
    value, grads = loss(X, y)
    for name in params:
        params[name] -= 0.5 * grads[name]
    if it % 100 == 0:
        acc = np.mean(np.argmax(loss(X), axis=1) == y)
        print(it, round(value, 4), acc)
