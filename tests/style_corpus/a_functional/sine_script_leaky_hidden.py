import numpy as np

np.random.seed(10)

# noisy sine wave, 1 input -> 16 hidden (leaky relu) -> 1 linear output
X = np.random.uniform(-3, 3, (120, 1))
Y = np.sin(X) + 0.05 * np.random.randn(120, 1)


def leaky(x):
    return x if x > 0 else 0.01 * x


def leaky_slope(x):
    return 1.0 if x > 0 else 0.01


w0 = np.random.randn(1, 16)
c0 = np.zeros((1, 16))
w1 = np.random.randn(16, 1) * 0.25
c1 = np.zeros((1, 1))
rate = 0.01

for step in range(3000):
    pre = X.dot(w0) + c0
    hid = leaky(pre)
    out = hid.dot(w1) + c1

    out_err = out - Y
    hid_err = out_err.dot(w1.T) * leaky_slope(pre)

    w1 -= rate * hid.T.dot(out_err) / len(X)
    c1 -= rate * out_err.mean(axis=0, keepdims=True)
    w0 -= rate * X.T.dot(hid_err) / len(X)
    c0 -= rate * hid_err.mean(axis=0, keepdims=True)

    if step % 500 == 0:
        print("step", step, "mse", float(np.mean(out_err ** 2)))

print("sin(1) predicted:", leaky(np.array([[1.0]]).dot(w0) + c0).dot(w1) + c1)
