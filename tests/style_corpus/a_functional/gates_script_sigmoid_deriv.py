import numpy as np

# learn (a AND b) OR c with a small two-layer network
np.random.seed(4)

def sigmoid(x):
    return 1 / (1 + np.exp(-x))

def sigmoid_derivative(x):
    return x * (1 - x)

inputs = np.array([[a, b, c] for a in (0, 1) for b in (0, 1) for c in (0, 1)], dtype=float)
outputs = np.array([[(a and b) or c] for a, b, c in inputs.astype(int)], dtype=float)

hidden_weights = np.random.uniform(-1, 1, (3, 5))
hidden_bias = np.random.uniform(-1, 1, (1, 5))
output_weights = np.random.uniform(-1, 1, (5, 1))
output_bias = np.random.uniform(-1, 1, (1, 1))
lr = 0.5

for epoch in range(5000):
    hidden_layer_output = sigmoid(np.dot(inputs, hidden_weights) + hidden_bias)
    predicted_output = sigmoid(np.dot(hidden_layer_output, output_weights) + output_bias)

    # backpropagation
    error = outputs - predicted_output
    d_predicted_output = error * sigmoid_derivative(error)
    error_hidden_layer = d_predicted_output.dot(output_weights.T)
    d_hidden_layer = error_hidden_layer * sigmoid_derivative(hidden_layer_output)

    output_weights += hidden_layer_output.T.dot(d_predicted_output) * lr
    output_bias += np.sum(d_predicted_output, axis=0, keepdims=True) * lr
    hidden_weights += inputs.T.dot(d_hidden_layer) * lr
    hidden_bias += np.sum(d_hidden_layer, axis=0, keepdims=True) * lr

    if epoch % 1000 == 0:
        print("epoch", epoch, "mean squared error", np.mean(np.square(error)))

print("targets:    ", outputs.ravel())
print("predictions:", predicted_output.ravel().round(2))
