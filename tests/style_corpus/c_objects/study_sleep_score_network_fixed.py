import numpy as np

# X = (hours studied, hours slept), y = score on the test
X = np.array([[4, 6], [1, 7], [9, 3], [6, 8], [7, 5], [2, 4], [8, 7], [5, 5], [3, 9]], dtype=float)
y = np.array([[72], [58], [84], [91], [86], [55], [95], [77], [70]], dtype=float)

# scale everything into [0, 1]
X = X / np.amax(X, axis=0)
y = y / 100


class Neural_Network(object):
    def __init__(self, inputLayerSize=2, hiddenLayerSize=3, outputLayerSize=1):
        self.inputLayerSize = inputLayerSize
        self.hiddenLayerSize = hiddenLayerSize
        self.outputLayerSize = outputLayerSize
        np.random.seed(0)
        self.W1 = np.random.randn(self.inputLayerSize, self.hiddenLayerSize)
        self.b1 = np.zeros((1, self.hiddenLayerSize))
        self.W2 = np.random.randn(self.hiddenLayerSize, self.outputLayerSize)
        self.b2 = np.zeros((1, self.outputLayerSize))

    def forward(self, X):
        self.z2 = np.dot(X, self.W1) + self.b1
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.dot(self.a2, self.W2) + self.b2
        yHat = self.sigmoid(self.z3)
        return yHat

    def sigmoid(self, z):
        return 1 / (1 + np.exp(-z))

    def sigmoidPrime(self, z):
        return np.exp(-z) / ((1 + np.exp(-z)) ** 2)

    def costFunction(self, X, y):
        self.yHat = self.forward(X)
        return 0.5 * np.sum((y - self.yHat) ** 2)

    def costFunctionPrime(self, X, y):
        self.yHat = self.forward(X)
        delta3 = np.multiply(-(y - self.yHat), self.sigmoidPrime(self.z3))
        dJdW2 = np.dot(self.a2.T, delta3)
        dJdb2 = np.sum(delta3, axis=0, keepdims=True)
        delta2 = np.dot(delta3, self.W2.T) * self.sigmoidPrime(self.z2)
        dJdW1 = np.dot(X.T, delta2)
        dJdb1 = np.sum(delta2, axis=0, keepdims=True)
        return dJdW1, dJdb1, dJdW2, dJdb2


NN = Neural_Network()
learning_rate = 2.0
for i in range(5000):
    dJdW1, dJdb1, dJdW2, dJdb2 = NN.costFunctionPrime(X, y)
    NN.W1 = NN.W1 - learning_rate * dJdW1
    NN.b1 = NN.b1 - learning_rate * dJdb1
    NN.W2 = NN.W2 - learning_rate * dJdW2
    NN.b2 = NN.b2 - learning_rate * dJdb2
    if i % 1000 == 0:
        print("iteration", i, "cost", NN.costFunction(X, y))

print("predicted scores:", (NN.forward(X) * 100).ravel().round(1))
print("actual scores:   ", (y * 100).ravel())
