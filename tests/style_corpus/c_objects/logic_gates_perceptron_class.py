import numpy as np

np.random.seed(0)

# inputs and targets for AND (first column) and OR (second column)
inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
targets = np.array([[0, 0], [0, 1], [0, 1], [1, 1]], dtype=float)


class SigmoidPerceptron:
    """One layer of sigmoid units (no hidden layer), trained with the log loss."""

    def __init__(self, n_inputs, n_outputs, learning_rate=1.0):
        self.weights = np.random.normal(scale=0.1, size=(n_inputs, n_outputs))
        self.bias = np.zeros(n_outputs)
        self.learning_rate = learning_rate

    def activate(self, z):
        return 1 / (1 + np.exp(-z))

    def predict_proba(self, x):
        return self.activate(x @ self.weights + self.bias)

    def predict(self, x):
        return (self.predict_proba(x) >= 0.5).astype(int)

    def fit(self, x, t, epochs=1000):
        for epoch in range(epochs):
            out = self.predict_proba(x)
            error = out - t
            self.weights -= self.learning_rate * x.T @ error / len(x)
            self.bias -= self.learning_rate * error.mean(axis=0)
            if epoch % 250 == 0:
                o = np.clip(out, 1e-10, 1 - 1e-10)
                loss = -np.mean(t * np.log(o) + (1 - t) * np.log(1 - o))
                print(f"epoch {epoch}: loss {loss:.4f}")


gate = SigmoidPerceptron(2, 2, learning_rate=2.0)
gate.fit(inputs, targets)
print("x1 x2 | AND OR")
for row, pred in zip(inputs.astype(int), gate.predict(inputs)):
    print(f" {row[0]}  {row[1]} |  {pred[0]}   {pred[1]}")
print("all correct:", bool((gate.predict(inputs) == targets).all()))
