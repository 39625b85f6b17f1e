import numpy as np

np.random.seed(1)

# three interleaved spiral arms, one class per arm
per_arm, n_classes = 100, 3
arms_X, arms_y = [], []
for arm in range(n_classes):
    radius = np.linspace(0.0, 1.0, per_arm)
    phase = 2 * np.pi * arm / n_classes
    angle = phase + 3.5 * radius + np.random.randn(per_arm) * 0.15
    arms_X.append(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
    arms_y.append(np.full(per_arm, arm))
X = np.concatenate(arms_X)
y = np.concatenate(arms_y)

hidden_units = 64
model = {
    'W1': 0.1 * np.random.randn(2, hidden_units), 'b1': np.zeros((1, hidden_units)),
    'W2': 0.1 * np.random.randn(hidden_units, n_classes), 'b2': np.zeros((1, n_classes)),
}


def loss(model, X, y, reg=1e-3):
    n = X.shape[0]
    h = np.maximum(0, X @ model['W1'] + model['b1'])
    logits = h @ model['W2'] + model['b2']

    # softmax probabilities
    z = np.exp(logits - np.max(logits, axis=1, keepdims=True))
    p = z / np.sum(z, axis=0, keepdims=True)

    nll = -np.log(p[np.arange(n), y] + 1e-12).mean()
    penalty = 0.5 * reg * (np.sum(model['W1'] ** 2) + np.sum(model['W2'] ** 2))

    dlogits = p.copy()
    dlogits[np.arange(n), y] -= 1
    dlogits /= n
    grads = {'W2': h.T @ dlogits + reg * model['W2'],
             'b2': dlogits.sum(axis=0, keepdims=True)}
    dh = dlogits @ model['W2'].T
    dh[h <= 0] = 0
    grads['W1'] = X.T @ dh + reg * model['W1']
    grads['b1'] = dh.sum(axis=0, keepdims=True)
    return nll + penalty, grads


learning_rate = 1.0
for it in range(3000):
    J, grads = loss(model, X, y)
    for name in model:
        model[name] -= learning_rate * grads[name]
    if it % 500 == 0:
        print("iter %4d  loss %.4f" % (it, J))

h = np.maximum(0, X @ model['W1'] + model['b1'])
pred = np.argmax(h @ model['W2'] + model['b2'], axis=1)
print('training accuracy: %.2f' % np.mean(pred == y))
