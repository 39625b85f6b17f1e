from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Edit, Fix, Position, Severity
from nncheck.model import bare, code, training_of
from nncheck.rules.base import Invalid, Rule, Valid

_HEAD = (
    "import numpy as np\n"
    "X = np.random.rand(64, 3)\n"
    "y = np.random.rand(64, 1)\n"
    "W1 = np.random.randn(3, 8) * 0.5\n"
    "W2 = np.random.randn(8, 1) * 0.5\n"
    "for epoch in range(500):\n"
    "    a1 = np.tanh(X @ W1)\n"
    "    out = a1 @ W2\n"
    "    d2 = (out - y) / len(X)\n"
)


class StaleWeightsInBackprop(Rule):
    """
    ## What it does
    Finds a hidden delta computed with a weight matrix that was already updated earlier in the
    same training step: `W2 -= lr * a1.T @ d2` and only then `d1 = (d2 @ W2.T) * f'(z1)`. It
    looks at the order of the statements in one function (or the module body), in every style:
    plain names, `self.W2`, `weights[i]` or `params["W" + str(l)]` in a backward loop, a layer
    object whose `backward` steps its weights before returning `grad @ self.W.T`.

    ## Why is this bad?
    Backpropagation sends the error back through the weights that produced the output. After
    the step, `W2` holds different numbers: the hidden delta mixes the new weights with the
    activations of the old forward pass, so it is no longer the gradient of the loss. The error
    is small with a small learning rate and grows with it; training becomes erratic or
    diverges where the correct order converges.

    ## Example
    ```python
    W2 -= lr * a1.T @ d2
    d1 = (d2 @ W2.T) * (1 - a1 ** 2)
    W1 -= lr * X.T @ d1
    ```

    ## Use instead
    Compute every delta before any update (the fix, unsafe because it changes the training,
    moves the delta's statement above the update when nothing in between touches what it reads
    or writes):
    ```python
    d1 = (d2 @ W2.T) * (1 - a1 ** 2)
    W2 -= lr * a1.T @ d2
    W1 -= lr * X.T @ d1
    ```
    """

    code = "NN213"
    name = "stale-weights-in-backprop"
    severity = Severity.WARNING
    summary = "a hidden delta is computed with weights already updated in the same step"
    fix_availability = "sometimes"

    VALID = [
        # every delta before any update
        Valid(
            _HEAD
            + "    d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "    W2 -= 0.1 * a1.T @ d2\n"
            "    W1 -= 0.1 * X.T @ d1\n"
        ),
        # a copy of the weights taken before the step
        Valid(
            _HEAD
            + "    W2_old = W2.copy()\n"
            "    W2 -= 0.1 * a1.T @ d2\n"
            "    d1 = (d2 @ W2_old.T) * (1 - a1 ** 2)\n"
            "    W1 -= 0.1 * X.T @ d1\n"
        ),
        # a layer object that sends the gradient back before stepping
        Valid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_in, n_out) * 0.1\n"
            "    def forward(self, x):\n"
            "        self.x = x\n"
            "        return x @ self.W\n"
            "    def backward(self, grad, lr):\n"
            "        grad_x = grad @ self.W.T\n"
            "        self.W -= lr * self.x.T @ grad\n"
            "        return grad_x\n"
        ),
        # the step and the read in different branches
        Valid(
            _HEAD
            + "    if epoch % 2:\n"
            "        W2 -= 0.1 * a1.T @ d2\n"
            "    else:\n"
            "        d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "        W1 -= 0.1 * X.T @ d1\n"
        ),
    ]
    INVALID = [
        Invalid(
            _HEAD
            + "    W2 -= 0.1 * a1.T @ d2\n"
            "    d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "    W1 -= 0.1 * X.T @ d1\n",
            at="d1 = (d2 @ W2.T)",
            says=("`W2`", "line 10", "`d2 @ W2.T`"),
            fixed=_HEAD
            + "    d1 = (d2 @ W2.T) * (1 - a1 ** 2)\n"
            "    W2 -= 0.1 * a1.T @ d2\n"
            "    W1 -= 0.1 * X.T @ d1\n",
        ),
        # a layer object that steps first and then sends the gradient back
        Invalid(
            "import numpy as np\n"
            "class Dense:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = np.random.randn(n_in, n_out) * 0.1\n"
            "    def forward(self, x):\n"
            "        self.x = x\n"
            "        return x @ self.W\n"
            "    def backward(self, grad, lr):\n"
            "        self.W -= lr * self.x.T @ grad\n"
            "        return grad @ self.W.T\n",
            at="return grad @ self.W.T",
            says=("`self.W`",),
        ),
        # a backward loop over a dict of parameters, samples as columns
        Invalid(
            "import numpy as np\n"
            "X = np.random.rand(3, 100)\n"
            "Y = np.random.rand(1, 100)\n"
            "dims = [3, 8, 1]\n"
            "params = {}\n"
            "for l in range(1, 3):\n"
            "    params['W' + str(l)] = np.random.randn(dims[l], dims[l - 1]) * 0.1\n"
            "for i in range(200):\n"
            "    A1 = np.maximum(0, params['W1'] @ X)\n"
            "    A2 = params['W2'] @ A1\n"
            "    cache = {'A0': X, 'A1': A1}\n"
            "    dZ = (A2 - Y) / 100\n"
            "    for l in range(2, 0, -1):\n"
            "        params['W' + str(l)] -= 0.1 * dZ @ cache['A' + str(l - 1)].T\n"
            "        if l > 1:\n"
            "            dZ = (params['W' + str(l)].T @ dZ) * (A1 > 0)\n",
            at="dZ = (params['W' + str(l)].T @ dZ)",
            says=("`params['W' + str(l)]`", "line 14"),
        ),
    ]

    def check(self):
        training = training_of(self.model)
        for read in training.stale_reads:
            step = read.step
            weight = step.text
            yield self.report(
                read.statement,
                f"`{code(bare(read.product))}` sends the delta back through `{weight}`, which was already "
                f"updated on line {self.model.line(step.statement)} (`{code(step.statement)}`): the "
                f"hidden delta uses the new weights, not those of the forward pass; compute every "
                f"delta before any update",
                fix=self._fix(read),
            )

    def _fix(self, read):
        """Move the delta's statement line above the update's, when they are lines of one block
        and the lines between neither write what it reads nor touch what it writes."""
        model = self.model
        line_r, line_s = model.parent(read.statement), model.parent(read.step.statement)
        if not isinstance(line_r, cst.SimpleStatementLine) or not isinstance(line_s, cst.SimpleStatementLine):
            return None
        if len(line_r.body) != 1 or not isinstance(read.statement, cst.Assign):
            return None
        block = model.parent(line_r)
        if block is None or model.parent(line_s) is not block:
            return None
        body = list(block.body)
        start, end = body.index(line_s), body.index(line_r)
        between = body[start:end]
        if not all(isinstance(line, cst.SimpleStatementLine) for line in between):
            return None
        reads = {code(n) for n in model.walk(read.statement.value) if isinstance(n, (cst.Name, cst.Attribute, cst.Subscript))}
        writes = {code(t.target) for t in read.statement.targets}
        for line in between:
            for small in line.body:
                targets = []
                if isinstance(small, cst.Assign):
                    targets = [t.target for t in small.targets]
                elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
                    targets = [small.target]
                if small is not read.step.statement and {code(t) for t in targets} & reads:
                    return None
                if {code(n) for n in model.walk(small)} & writes:
                    return None
        lines = model.source.splitlines(keepends=True)
        first, last = model.span(line_r)[0].line, model.span(line_r)[1].line
        if not lines[last - 1].endswith("\n"):
            return None
        text = "".join(lines[first - 1:last])
        target = model.span(line_s)[0].line
        return Fix(
            "Compute the delta before the update",
            (
                Edit(Position(target, 1), Position(target, 1), text),
                Edit(Position(first, 1), Position(last + 1, 1), ""),
            ),
            Applicability.UNSAFE,
        )
