import numpy as np

np.random.seed(23)

# 3 classes, 256 training points, mini-batches of 32
n_classes, batch_size = 3, 32
means = np.array([[0, 0], [3, 0], [1.5, 2.6]])
y_train = np.random.randint(0, n_classes, 256)
X_train = means[y_train] + np.random.randn(256, 2) * 0.6
y_test = np.random.randint(0, n_classes, 60)
X_test = means[y_test] + np.random.randn(60, 2) * 0.6

layer_sizes = [2, 16, n_classes]
weights = [np.random.randn(a, b) * np.sqrt(2.0 / a) for a, b in zip(layer_sizes[:-1], layer_sizes[1:])]
biases = [np.zeros((batch_size, b)) for b in layer_sizes[1:]]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def forward(x):
    acts = [x]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = acts[-1] @ w + b
        acts.append(softmax(z) if i == len(weights) - 1 else np.maximum(0, z))
    return acts


lr = 0.1
for epoch in range(20):
    perm = np.random.permutation(len(X_train))
    for k in range(0, len(X_train), batch_size):
        idx = perm[k:k + batch_size]
        acts = forward(X_train[idx])
        delta = (acts[-1] - np.eye(n_classes)[y_train[idx]]) / batch_size
        grads_w, grads_b = [], []
        for i in range(len(weights) - 1, -1, -1):
            grads_w.insert(0, acts[i].T @ delta)
            grads_b.insert(0, delta)
            if i > 0:
                delta = (delta @ weights[i].T) * (acts[i] > 0)
        weights = [w - lr * g for w, g in zip(weights, grads_w)]
        biases = [b - lr * g for b, g in zip(biases, grads_b)]
    if epoch % 5 == 0:
        p = forward(X_train[:batch_size])[-1]
        print("epoch", epoch, "loss on first batch", -np.mean(np.log(p[np.arange(batch_size), y_train[:batch_size]] + 1e-12)))

test_pred = forward(X_test)[-1].argmax(axis=1)
print("test accuracy:", np.mean(test_pred == y_test))
