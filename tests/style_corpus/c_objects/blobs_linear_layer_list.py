import numpy as np

np.random.seed(31)

# 3 classes, 4 features (think: small tabular data set, already standardised)
n_per = 70
means = np.array([[1, 0, 0, 1], [0, 1, 1, 0], [-1, -1, 0, 0]], dtype=float)
X = np.vstack([m + 0.7 * np.random.randn(n_per, 4) for m in means])
labels = np.repeat([0, 1, 2], n_per)
targets = np.eye(3)[labels]


class LinearLayer:
    def __init__(self, in_features, out_features):
        self.weight = np.random.randn(in_features, out_features) * np.sqrt(2 / (in_features + out_features))
        self.bias = np.zeros((1, out_features))

    def forward(self, inputs):
        self.inputs = inputs
        return inputs @ self.weight + self.bias

    def backward(self, grad_output):
        self.grad_weight = self.inputs.T @ grad_output
        self.grad_bias = grad_output.sum(axis=0, keepdims=True)
        return grad_output @ self.weight


class ReLULayer:
    def forward(self, inputs):
        self.inputs = inputs
        return np.maximum(inputs, 0.0)

    def backward(self, grad_output):
        return grad_output * (self.inputs > 0)


class Network:
    def __init__(self):
        self.layers = []

    def add(self, layer):
        self.layers.append(layer)
        return self

    def predict_logits(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def fit_step(self, X, T, lr):
        logits = self.predict_logits(X)
        logits = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        loss = -np.sum(T * np.log(probs + 1e-12)) / len(X)
        grad = (probs - T) / len(X)
        for layer in self.layers[::-1]:
            grad = layer.backward(grad)
        for layer in self.layers:
            if isinstance(layer, LinearLayer):
                layer.weight -= lr * layer.grad_weight
                layer.bias -= lr * layer.grad_bias
        return loss, probs


net = Network().add(LinearLayer(4, 20)).add(ReLULayer()).add(LinearLayer(20, 3))
for epoch in range(500):
    loss, probs = net.fit_step(X, targets, lr=0.2)
    if epoch % 100 == 0:
        print("epoch", epoch, "loss %.4f" % loss, "accuracy %.3f" % np.mean(probs.argmax(axis=1) == labels))
