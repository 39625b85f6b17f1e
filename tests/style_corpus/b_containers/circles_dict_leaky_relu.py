import numpy as np

np.random.seed(12)


def generate_data(m=500):
    X = np.random.uniform(-1.5, 1.5, size=(2, m))
    Y = (np.sum(X ** 2, axis=0) < 1.0).astype(float).reshape(1, m)
    return X, Y


def leaky_relu(Z, alpha=0.01):
    return np.where(Z > 0, Z, alpha * Z)


def leaky_relu_grad(Z, alpha=0.01):
    return np.where(Z > 0, 1.0, alpha)


def sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def model(X, Y, layers, lr=0.3, iterations=2500):
    parameters = {}
    for l in range(1, len(layers)):
        parameters[f"W{l}"] = np.random.randn(layers[l], layers[l - 1]) * np.sqrt(2 / layers[l - 1])
        parameters[f"b{l}"] = np.zeros((layers[l], 1))
    L = len(layers) - 1
    m = X.shape[1]

    for i in range(iterations):
        # forward pass, keeping Z and A of every layer
        A = {0: X}
        Z = {}
        for l in range(1, L + 1):
            Z[l] = parameters[f"W{l}"] @ A[l - 1] + parameters[f"b{l}"]
            A[l] = sigmoid(Z[l]) if l == L else leaky_relu(Z[l])

        cost = np.sum(Y - A[L]) / m

        # backward pass
        grads = {}
        dZ = A[L] - Y
        for l in range(L, 0, -1):
            grads[f"dW{l}"] = dZ @ A[l - 1].T / m
            grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
            if l > 1:
                dZ = (parameters[f"W{l}"].T @ dZ) * leaky_relu_grad(Z[l - 1])
        for l in range(1, L + 1):
            parameters[f"W{l}"] -= lr * grads[f"dW{l}"]
            parameters[f"b{l}"] -= lr * grads[f"db{l}"]

        if i % 500 == 0:
            print(f"Cost after iteration {i}: {cost:.5f}")
    return parameters, A[L]


X, Y = generate_data()
parameters, AL = model(X, Y, [2, 16, 8, 1])
print("Training accuracy:", np.mean((AL > 0.5) == Y))
