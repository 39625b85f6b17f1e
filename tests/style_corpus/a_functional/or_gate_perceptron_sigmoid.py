import numpy as np

# single sigmoid neuron learning the OR gate

np.random.seed(0)

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
targets = np.array([[0, 1, 1, 1]]).T

weights = np.random.uniform(-1, 1, (2, 1))
bias = np.random.uniform(-1, 1, (1, 1))
lr = 0.5

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

for it in range(2000):
    output = sigmoid(np.dot(inputs, weights) + bias)
    error = targets - output
    adjust = error * output * (1 - output)
    weights += lr * np.dot(inputs.T, adjust)
    bias += lr * np.sum(adjust)
    if it % 400 == 0:
        print("iteration", it, "squared error", np.sum(error ** 2))

print(output)
print("correct:", int(np.sum((output > 0.5) == targets)), "of 4")
