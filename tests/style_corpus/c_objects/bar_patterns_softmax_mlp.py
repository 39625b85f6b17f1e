import numpy as np

rng = np.random.RandomState(4)

# 6x6 "images" of four patterns: horizontal bar, vertical bar, diagonal, cross
# pixel values 0..16 like the small sklearn digits
def prototypes():
    h = np.zeros((6, 6)); h[2:4, :] = 16
    v = np.zeros((6, 6)); v[:, 2:4] = 16
    d = np.eye(6) * 16
    c = np.maximum(h, v)
    return [p.ravel() for p in (h, v, d, c)]


protos = prototypes()
images, labels = [], []
for label, proto in enumerate(protos):
    for _ in range(80):
        noisy = proto + rng.normal(0, 5, proto.shape)
        images.append(np.clip(noisy, 0, 16))
        labels.append(label)
X = np.array(images) / 16.0
y = np.array(labels)
Y = np.eye(4)[y]
print("X shape:", X.shape, "Y shape:", Y.shape)


class MLP:
    def __init__(self, sizes, lr=0.2):
        n_in, n_hidden, n_out = sizes
        self.W1 = rng.randn(n_in, n_hidden) * np.sqrt(2.0 / n_in)
        self.b1 = np.zeros((1, n_hidden))
        self.W2 = rng.randn(n_hidden, n_out) * np.sqrt(1.0 / n_hidden)
        self.b2 = np.zeros((1, n_out))
        self.lr = lr

    def softmax(self, z):
        z = z - np.max(z, axis=1, keepdims=True)
        ez = np.exp(z)
        return ez / np.sum(ez, axis=1, keepdims=True)

    def forward(self, X):
        self.z1 = X.dot(self.W1) + self.b1
        self.a1 = np.maximum(self.z1, 0)
        self.probs = self.softmax(self.a1.dot(self.W2) + self.b2)
        return self.probs

    def backward(self, X, Y):
        n = X.shape[0]
        dz2 = (self.probs - Y) / n
        dW2 = self.a1.T.dot(dz2)
        db2 = np.sum(dz2, axis=0, keepdims=True)
        dz1 = dz2.dot(self.W2.T) * (self.z1 > 0)
        dW1 = X.T.dot(dz1)
        db1 = np.sum(dz1, axis=0, keepdims=True)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2

    def train(self, X, Y, epochs=300):
        for epoch in range(epochs):
            probs = self.forward(X)
            self.backward(X, Y)
            if epoch % 50 == 0:
                loss = -np.sum(Y * np.log(probs + 1e-9)) / len(X)
                acc = np.mean(np.argmax(probs, axis=1) == np.argmax(Y, axis=1))
                print("epoch %3d  loss %.4f  acc %.3f" % (epoch, loss, acc))


net = MLP([36, 20, 4])
net.train(X, Y)
print("predicted classes of the clean prototypes:", np.argmax(net.forward(np.array(protos) / 16.0), axis=1))
