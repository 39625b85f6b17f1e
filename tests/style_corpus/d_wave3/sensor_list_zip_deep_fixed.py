# Four sensor readings -> fault (1) or ok (0).  Network with two hidden layers,
# weights and biases kept in lists, trained on mini-batches of column vectors.
import numpy as np

np.random.seed(13)

def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

def sigmoid_prime(z):
    return sigmoid(z) * (1.0 - sigmoid(z))

n = 400
readings = np.random.randn(n, 4)
fault = (readings[:, 0] * readings[:, 1] + readings[:, 2] ** 2 - readings[:, 3] > 0.5).astype(float)
data = [(r.reshape(4, 1), np.array([[f]])) for r, f in zip(readings, fault)]
train, test = data[:300], data[300:]

sizes = [4, 4, 4, 1]
biases = [np.zeros((k, 1)) for k in sizes[1:]]
weights = [np.random.randn(k, j) / np.sqrt(j) for j, k in zip(sizes[:-1], sizes[1:])]


def feedforward(a):
    for b, w in zip(biases, weights):
        a = sigmoid(np.dot(w, a) + b)
    return a


def backprop(x, y):
    nabla_b = [np.zeros(b.shape) for b in biases]
    nabla_w = [np.zeros(w.shape) for w in weights]
    activation = x
    activations = [x]
    zs = []
    for b, w in zip(biases, weights):
        z = np.dot(w, activation) + b
        zs.append(z)
        activation = sigmoid(z)
        activations.append(activation)
    # cross-entropy cost with a sigmoid output: delta is simply a - y
    delta = activations[-1] - y
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, activations[-2].T)
    for l in range(2, len(sizes)):
        delta = np.dot(weights[-l + 1].T, delta) * sigmoid_prime(zs[-l])
        nabla_b[-l] = delta
        nabla_w[-l] = np.dot(delta, activations[-l - 1].T)
    return nabla_b, nabla_w


def accuracy(dataset):
    return np.mean([((feedforward(x) > 0.5) == y).item() for x, y in dataset])


eta, mb = 1.0, 10
for epoch in range(60):
    np.random.shuffle(train)
    for k in range(0, len(train), mb):
        batch = train[k:k + mb]
        sum_b = [np.zeros(b.shape) for b in biases]
        sum_w = [np.zeros(w.shape) for w in weights]
        for x, y in batch:
            db, dw = backprop(x, y)
            sum_b = [s + d for s, d in zip(sum_b, db)]
            sum_w = [s + d for s, d in zip(sum_w, dw)]
        weights = [w - (eta / len(batch)) * s for w, s in zip(weights, sum_w)]
        biases = [b - (eta / len(batch)) * s for b, s in zip(biases, sum_b)]
    if epoch % 10 == 0 or epoch == 59:
        cost = -np.mean([(y * np.log(feedforward(x) + 1e-9) + (1 - y) * np.log(1 - feedforward(x) + 1e-9)).item()
                         for x, y in train])
        print("epoch %2d  cost %.4f  train acc %.3f  test acc %.3f" % (epoch, cost, accuracy(train), accuracy(test)))
