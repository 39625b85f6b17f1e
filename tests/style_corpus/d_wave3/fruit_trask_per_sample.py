# apple (0) or pear (1)?  two features: roundness and sweetness, both scaled to 0..1.
# plain script, one training example at a time, step once per pass over the data
import numpy as np

np.random.seed(1)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

n = 200
kind = np.random.randint(0, 2, n)
roundness = np.where(kind == 0, 0.75, 0.5) + np.random.normal(0, 0.12, n)
sweetness = np.where(kind == 0, 0.45, 0.6) + np.random.normal(0, 0.12, n)
data = np.column_stack([roundness, sweetness])
labels = kind.reshape(-1, 1)

syn0 = 2 * np.random.random((2, 6)) - 1
bias0 = np.zeros((1, 6))
syn1 = 2 * np.random.random((6, 1)) - 1
bias1 = np.zeros((1, 1))

syn0_grad = np.zeros_like(syn0)
bias0_grad = np.zeros_like(bias0)
syn1_grad = np.zeros_like(syn1)
bias1_grad = np.zeros_like(bias1)
alpha = 4.0

for epoch in range(300):
    total_error = 0
    for i in range(n):
        l0 = data[i:i + 1]
        l1 = sigmoid(np.dot(l0, syn0) + bias0)
        l2 = sigmoid(np.dot(l1, syn1) + bias1)

        l2_delta = l2 - labels[i:i + 1]
        l1_delta = l2_delta.dot(syn1.T) * l1 * (1 - l1)
        total_error += abs(l2_delta[0, 0])

        syn1_grad += l1.T.dot(l2_delta)
        bias1_grad += l2_delta
        syn0_grad += l0.T.dot(l1_delta)
        bias0_grad += l1_delta

    syn1 -= alpha * syn1_grad / n
    bias1 -= alpha * bias1_grad / n
    syn0 -= alpha * syn0_grad / n
    bias0 -= alpha * bias0_grad / n

    if epoch % 50 == 0:
        print("epoch", epoch, "mean abs error", round(total_error / n, 4))

out = sigmoid(sigmoid(data.dot(syn0) + bias0).dot(syn1) + bias1)
print("mean abs error", round(float(np.mean(np.abs(out - labels))), 4))
print("accuracy", np.mean((out > 0.5) == labels))
