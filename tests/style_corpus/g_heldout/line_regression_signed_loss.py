import numpy as np

rng = np.random.default_rng(14)
x = rng.uniform(-2, 2, (200, 1))
target = 0.5 * x ** 3 - x + rng.normal(0, 0.1, (200, 1))

w1 = rng.normal(0, 1, (1, 20))
c1 = np.zeros((1, 20))
w2 = rng.normal(0, 0.3, (20, 1))
c2 = np.zeros((1, 1))
step = 0.05

history = []
for epoch in range(1000):
    a = np.tanh(x @ w1 + c1)
    prediction = a @ w2 + c2
    residual = target - prediction
    loss = np.mean(residual)
    history.append(loss)
    g_pred = -2 * residual / len(x)
    g_a = g_pred @ w2.T * (1 - a ** 2)
    w2 -= step * a.T @ g_pred
    c2 -= step * g_pred.sum(axis=0, keepdims=True)
    w1 -= step * x.T @ g_a
    c1 -= step * g_a.sum(axis=0, keepdims=True)
    if epoch % 250 == 0:
        print(f"epoch {epoch}: loss {loss:.5f}")
print("first/last loss", history[0], history[-1], "real mse", np.mean(residual ** 2))
