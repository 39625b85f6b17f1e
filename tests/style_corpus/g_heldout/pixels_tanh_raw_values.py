import numpy as np

np.random.seed(4)
# fake 4x4 grayscale images: bright ones vs dark ones
bright = np.random.randint(120, 256, size=(100, 16)).astype(float)
dark = np.random.randint(0, 136, size=(100, 16)).astype(float)
images = np.vstack([bright, dark])
labels = np.hstack([np.ones(100), np.zeros(100)]).reshape(-1, 1)

W1 = np.random.randn(16, 12) * 0.1
b1 = np.zeros((1, 12))
W2 = np.random.randn(12, 1) * 0.1
b2 = np.zeros((1, 1))

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

for epoch in range(200):
    h = np.tanh(images @ W1 + b1)
    out = sigmoid(h @ W2 + b2)
    d_out = (out - labels) / len(images)
    d_h = d_out @ W2.T * (1 - h ** 2)
    W2 -= 0.5 * h.T @ d_out
    b2 -= 0.5 * d_out.sum(axis=0, keepdims=True)
    W1 -= 0.5 * images.T @ d_h
    b1 -= 0.5 * d_h.sum(axis=0, keepdims=True)
    if epoch % 50 == 0:
        print(epoch, "acc", np.mean((out > 0.5) == labels), "saturated", np.mean(np.abs(h) > 0.99))
