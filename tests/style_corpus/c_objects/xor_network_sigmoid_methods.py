import numpy as np

np.random.seed(2)

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y = np.array([[0], [1], [1], [0]], dtype=float)


class NeuralNetwork:
    def __init__(self, input_size=2, hidden_size=4, output_size=1, learning_rate=1.0):
        self.W1 = np.random.uniform(-1, 1, (input_size, hidden_size))
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.uniform(-1, 1, (hidden_size, output_size))
        self.b2 = np.zeros((1, output_size))
        self.learning_rate = learning_rate

    def sigmoid(self, x):
        return 1 / (1 + np.exp(-x))

    def sigmoid_derivative(self, x):
        return x * (1 - x)

    def forward(self, X):
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = self.sigmoid(self.z2)
        return self.a2

    def backward(self, X, y):
        output_error = y - self.a2
        output_delta = output_error * self.sigmoid_derivative(self.z2)

        hidden_error = output_delta.dot(self.W2.T)
        hidden_delta = hidden_error * self.sigmoid_derivative(self.z1)

        self.W2 += self.learning_rate * self.a1.T.dot(output_delta)
        self.b2 += self.learning_rate * np.sum(output_delta, axis=0, keepdims=True)
        self.W1 += self.learning_rate * X.T.dot(hidden_delta)
        self.b1 += self.learning_rate * np.sum(hidden_delta, axis=0, keepdims=True)

    def train(self, X, y, epochs=10000):
        for epoch in range(epochs):
            self.forward(X)
            self.backward(X, y)
            if epoch % 2000 == 0:
                loss = np.mean(np.square(y - self.a2))
                print(f"Epoch {epoch}, Loss: {loss:.5f}")

    def predict(self, X):
        return (self.forward(X) > 0.5).astype(int)


nn = NeuralNetwork()
nn.train(X, y)
print("Output after training:")
print(nn.forward(X))
print("Predictions:", nn.predict(X).ravel(), "targets:", y.ravel().astype(int))
