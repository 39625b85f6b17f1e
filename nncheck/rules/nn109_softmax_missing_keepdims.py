from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import code, data
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import numpy as np\n"
    "X = np.random.randn(150, 4)\n"
    "Y = np.eye(3)[np.random.randint(0, 3, size=150)]\n"
    "W = np.random.randn(4, 3) * 0.1\n"
    "b = np.zeros((1, 3))\n"
)
_TRAIN = (
    "for step in range(200):\n"
    "    probs = softmax(X @ W + b)\n"
    "    W -= 0.1 * X.T @ (probs - Y) / 150\n"
    "    b -= 0.1 * (probs - Y).mean(axis=0, keepdims=True)\n"
)


def _softmax(total: str) -> str:
    return (
        "def softmax(z):\n"
        "    e = np.exp(z - np.max(z, axis=1, keepdims=True))\n"
        f"    return e / {total}\n"
    )


class SoftmaxMissingKeepdims(Rule):
    """
    ## What it does
    Finds a softmax that divides a 2-D batch of exponentials by its row sums taken without
    `keepdims`: `e / e.sum(axis=1)` or `e / np.sum(e, axis=-1)`, where `e` holds one row per
    sample (`X @ W + b`). The number of dimensions is followed from the data through the
    layers. A softmax of one sample (a 1-D vector, or a one-row batch `X[i:i + 1]`) and one with
    samples as columns (summed over axis 0) are correct without `keepdims` and are not reported.

    ## Why is this bad?
    `e.sum(axis=1)` has shape `(n_samples,)`. Dividing the `(n_samples, n_classes)` array by it
    broadcasts that vector along the *last* axis, the classes: NumPy raises "operands could not
    be broadcast together" when the two sizes differ, and when they are equal (a batch of 10
    with 10 classes) it silently divides each column by another sample's total, so the rows do
    not sum to 1 and the gradient `probs - Y` is wrong.

    ## Example
    ```python
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    probs = e / np.sum(e, axis=1)
    ```

    ## Use instead
    ```python
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    probs = e / np.sum(e, axis=1, keepdims=True)
    ```

    ## Fix safety
    Safe: `keepdims=True` only restores the intended shape `(n_samples, 1)`.
    """

    code = "NN109"
    name = "softmax-missing-keepdims"
    severity = Severity.ERROR
    summary = "softmax divides a 2-D batch by a row sum taken without keepdims"
    fix_availability = "always"

    VALID = [
        Valid(_DATA + _softmax("np.sum(e, axis=1, keepdims=True)") + _TRAIN),
        # samples as columns: the sum over axis 0 broadcasts along the samples, as it should
        Valid(
            "import numpy as np\n"
            "X = np.random.randn(2, 300)\n"
            "Y = np.eye(3)[:, np.random.randint(0, 3, size=300)]\n"
            "W = np.random.randn(3, 2) * 0.1\n"
            "def softmax(Z):\n"
            "    e = np.exp(Z - np.max(Z, axis=0))\n"
            "    return e / np.sum(e, axis=0)\n"
            "for i in range(100):\n"
            "    A = softmax(np.dot(W, X))\n"
            "    W -= 0.1 * np.dot(A - Y, X.T) / 300\n"
        ),
        # one sample at a time: a 1-D vector, summed over its only axis
        Valid(
            _DATA
            + "for epoch in range(5):\n"
            "    for i in np.random.permutation(len(X)):\n"
            "        x, t = X[i], Y[i]\n"
            "        z = x @ W + b[0]\n"
            "        e = np.exp(z - z.max())\n"
            "        p = e / e.sum(axis=-1)\n"
            "        W -= 0.05 * np.outer(x, p - t)\n"
        ),
        # online training on one-row batches: the (1,) row sum broadcasts correctly
        Valid(
            _DATA + _softmax("np.sum(e, axis=1)")
            + "for epoch in range(5):\n"
            "    for i in range(len(X)):\n"
            "        x, t = X[i:i + 1], Y[i:i + 1]\n"
            "        p = softmax(x @ W + b)\n"
            "        W -= 0.05 * x.T @ (p - t)\n"
        ),
        # rows normalised by something else than a sum of exponentials
        Valid(_DATA + "counts = np.random.rand(150, 3)\nshares = counts / counts.sum(axis=1, keepdims=True)\n"),
    ]
    INVALID = [
        Invalid(
            _DATA + _softmax("np.sum(e, axis=1)") + _TRAIN,
            at="return e / np.sum(e, axis=1)",
            says=("`e`", "`np.sum(e, axis=1)`", "keepdims=True"),
            fixed=_DATA + _softmax("np.sum(e, axis=1, keepdims=True)") + _TRAIN,
        ),
        Invalid(
            _DATA
            + "class Softmax:\n"
            "    def forward(self, inputs):\n"
            "        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))\n"
            "        self.output = exp_values / exp_values.sum(axis=-1)\n"
            "        return self.output\n"
            "act = Softmax()\n"
            "for step in range(100):\n"
            "    probs = act.forward(X @ W + b)\n"
            "    W -= 0.1 * X.T @ (probs - Y)\n",
            at="self.output = exp_values / exp_values.sum(axis=-1)",
            says=("`exp_values`",),
            fixed=_DATA
            + "class Softmax:\n"
            "    def forward(self, inputs):\n"
            "        exp_values = np.exp(inputs - np.max(inputs, axis=1, keepdims=True))\n"
            "        self.output = exp_values / exp_values.sum(axis=-1, keepdims=True)\n"
            "        return self.output\n"
            "act = Softmax()\n"
            "for step in range(100):\n"
            "    probs = act.forward(X @ W + b)\n"
            "    W -= 0.1 * X.T @ (probs - Y)\n",
        ),
        # mini-batches of 10 with 10 classes: no error, silently wrong
        Invalid(
            "import numpy as np\n"
            "rng = np.random.default_rng(8)\n"
            "X = rng.normal(0, 1, (1000, 16))\n"
            "Y = np.eye(10)[rng.integers(0, 10, 1000)]\n"
            "W = rng.normal(0, 0.1, (16, 10))\n"
            "for epoch in range(5):\n"
            "    order = rng.permutation(len(X))\n"
            "    for start in range(0, len(X), 10):\n"
            "        batch = order[start:start + 10]\n"
            "        xb, yb = X[batch], Y[batch]\n"
            "        e = np.exp(xb @ W)\n"
            "        p = e / e.sum(1)\n"
            "        W -= 0.1 * xb.T @ (p - yb)\n",
            at="p = e / e.sum(1)",
            says=("`e.sum(1)`",),
            fixed="import numpy as np\n"
            "rng = np.random.default_rng(8)\n"
            "X = rng.normal(0, 1, (1000, 16))\n"
            "Y = np.eye(10)[rng.integers(0, 10, 1000)]\n"
            "W = rng.normal(0, 0.1, (16, 10))\n"
            "for epoch in range(5):\n"
            "    order = rng.permutation(len(X))\n"
            "    for start in range(0, len(X), 10):\n"
            "        batch = order[start:start + 10]\n"
            "        xb, yb = X[batch], Y[batch]\n"
            "        e = np.exp(xb @ W)\n"
            "        p = e / e.sum(1, keepdims=True)\n"
            "        W -= 0.1 * xb.T @ (p - yb)\n",
        ),
    ]

    def check(self):
        for found in data(self.model).row_sums_without_keepdims:
            total = code(found.total)
            better = code(_with_keepdims(found.total))
            yield self.report(
                found.division,
                f"softmax divides the 2-D batch `{code(found.array)}` (one row per sample) by "
                f"`{total}`, a row sum without keepdims: its shape (n_samples,) broadcasts along "
                f"the classes, a broadcast error when n_samples != n_classes and silently wrong "
                f"when they are equal; use `{better}`",
                fix=self.replace(found.total, better, "Add keepdims=True to the row sum"),
            )


def _with_keepdims(call: cst.Call) -> cst.Call:
    args = list(call.args)
    for position, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == "keepdims":
            args[position] = arg.with_changes(value=cst.Name("True"))
            return call.with_changes(args=args)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    args.append(
        cst.Arg(
            value=cst.Name("True"),
            keyword=cst.Name("keepdims"),
            equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
        )
    )
    return call.with_changes(args=args)
