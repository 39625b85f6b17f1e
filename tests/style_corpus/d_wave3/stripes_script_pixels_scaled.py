# horizontal or vertical stripe?  4x4 grayscale images, pixel values 0..255
import numpy as np

np.random.seed(4)

def nonlin(x, deriv=False):
    if deriv == True:
        return x * (1 - x)
    return 1 / (1 + np.exp(-x))

n = 300
imgs = np.random.randint(0, 90, size=(n, 4, 4))
kind = np.random.randint(0, 2, size=n)          # 0 = horizontal, 1 = vertical
pos = np.random.randint(0, 4, size=n)
for i in range(n):
    if kind[i] == 0:
        imgs[i, pos[i], :] = np.random.randint(200, 256, size=4)
    else:
        imgs[i, :, pos[i]] = np.random.randint(200, 256, size=4)

X = imgs.reshape(n, 16) / 255.0      # pixels to 0..1
y = kind.reshape(n, 1)

syn0 = 2 * np.random.random((16, 20)) - 1
bias0 = np.zeros((1, 20))
syn1 = 2 * np.random.random((20, 1)) - 1
bias1 = np.zeros((1, 1))

for it in range(4000):
    l0 = X
    l1 = nonlin(np.dot(l0, syn0) + bias0)
    l2 = nonlin(np.dot(l1, syn1) + bias1)

    l2_error = y - l2
    if it % 1000 == 0:
        print("Error: " + str(np.mean(np.abs(l2_error))))

    l2_delta = l2_error * nonlin(l2, deriv=True)
    l1_delta = l2_delta.dot(syn1.T) * nonlin(l1, deriv=True)

    syn1 += 0.02 * l1.T.dot(l2_delta)
    bias1 += 0.02 * l2_delta.sum(axis=0, keepdims=True)
    syn0 += 0.02 * l0.T.dot(l1_delta)
    bias0 += 0.02 * l1_delta.sum(axis=0, keepdims=True)

print("Error: " + str(np.mean(np.abs(l2_error))))
print("accuracy:", np.mean((l2 > 0.5) == y))
