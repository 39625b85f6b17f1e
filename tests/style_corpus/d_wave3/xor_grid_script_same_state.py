# noisy XOR on a grid; shuffle inputs and labels with the same random state
import numpy as np

np.random.seed(2)

pts = np.random.uniform(-1, 1, (400, 2))
lab = ((pts[:, 0] > 0) != (pts[:, 1] > 0)).astype(float).reshape(-1, 1)

syn0 = np.random.randn(2, 8)
b0 = np.zeros((1, 8))
syn1 = np.random.randn(8, 1)
b1 = np.zeros((1, 1))

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

alpha = 0.5
for epoch in range(150):
    # same RNG state for both calls -> the same permutation for points and labels
    state = np.random.get_state()
    np.random.shuffle(pts)
    np.random.set_state(state)
    np.random.shuffle(lab)
    for k in range(0, 400, 20):
        l0 = pts[k:k + 20]
        l1 = np.tanh(l0.dot(syn0) + b0)
        l2 = sigmoid(l1.dot(syn1) + b1)
        l2_delta = (l2 - lab[k:k + 20]) / 20
        l1_delta = l2_delta.dot(syn1.T) * (1 - l1 ** 2)
        syn1 -= alpha * l1.T.dot(l2_delta)
        b1 -= alpha * l2_delta.sum(axis=0, keepdims=True)
        syn0 -= alpha * l0.T.dot(l1_delta)
        b0 -= alpha * l1_delta.sum(axis=0, keepdims=True)
    if epoch % 30 == 0:
        out = sigmoid(np.tanh(pts.dot(syn0) + b0).dot(syn1) + b1)
        loss = -np.mean(lab * np.log(out + 1e-9) + (1 - lab) * np.log(1 - out + 1e-9))
        print("epoch", epoch, "loss", round(loss, 4), "accuracy", np.mean((out > 0.5) == lab))

out = sigmoid(np.tanh(pts.dot(syn0) + b0).dot(syn1) + b1)
print("final accuracy", np.mean((out > 0.5) == lab))
