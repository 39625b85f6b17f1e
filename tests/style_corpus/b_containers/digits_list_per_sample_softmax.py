# 8x8 "digit" bitmaps (four hand-drawn patterns, pixel values 0..255 with noise),
# list-of-layers network trained one image at a time; every vector is a column (64, 1)
import numpy as np

np.random.seed(0)

patterns = {
    0: ["..####..", ".#....#.", "#......#", "#......#", "#......#", "#......#", ".#....#.", "..####.."],
    1: ["...##...", "..###...", ".#.##...", "...##...", "...##...", "...##...", "...##...", ".######."],
    7: ["########", "......#.", ".....#..", "....#...", "...#....", "..#.....", ".#......", "#......."],
    4: ["#.....#.", "#.....#.", "#.....#.", "########", "......#.", "......#.", "......#.", "......#."],
}
classes = sorted(patterns)
templates = {d: np.array([[255.0 if c == "#" else 0.0 for c in row] for row in rows]) for d, rows in patterns.items()}

images, labels = [], []
for _ in range(60):
    for k, d in enumerate(classes):
        img = np.roll(templates[d], np.random.randint(-1, 2), axis=1) + np.random.normal(0, 40, (8, 8))
        images.append(np.clip(img, 0, 255))
        labels.append(k)
data = np.array([im.ravel() for im in images]) / 255.0        # scale pixels to [0, 1]
labels = np.array(labels)
table = np.hstack([data, labels[:, None]])
np.random.shuffle(table)
train, test = table[:200], table[200:]

sizes = [64, 20, len(classes)]
weights = [np.random.randn(n, m) * 0.1 for m, n in zip(sizes[:-1], sizes[1:])]
biases = [np.zeros((n, 1)) for n in sizes[1:]]


def softmax(v):
    e = np.exp(v - np.max(v))
    return e / np.sum(e)


def feedforward(a):
    acts = [a]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = w @ acts[-1] + b
        acts.append(softmax(z) if i == len(weights) - 1 else np.tanh(z))
    return acts


def evaluate(rows):
    hits = sum(int(np.argmax(feedforward(r[:64].reshape(64, 1))[-1]) == r[64]) for r in rows)
    return hits / len(rows)


eta = 0.05
for epoch in range(10):
    total = 0.0
    for row in train:
        x = row[:64].reshape(64, 1)
        y = np.zeros((len(classes), 1))
        y[int(row[64])] = 1.0
        acts = feedforward(x)
        total -= np.log(acts[-1][int(row[64]), 0] + 1e-12)
        delta = acts[-1] - y
        nabla = [(delta @ acts[1].T, delta)]
        delta = (weights[1].T @ delta) * (1 - acts[1] ** 2)
        nabla.insert(0, (delta @ x.T, delta))
        weights = [w - eta * nw for w, (nw, _) in zip(weights, nabla)]
        biases = [b - eta * nb for b, (_, nb) in zip(biases, nabla)]
    print("epoch %d  mean loss %.4f  test accuracy %.3f" % (epoch, total / len(train), evaluate(test)))
