from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Applicability, Edit, Position, Severity
from nncheck.model import code, data, key_name
from nncheck.rules.base import Invalid, Rule, Valid
from nncheck.rules.fixes import edit, fix

_DATA = (
    "import numpy as np\n"
    "X = np.random.randn(200, 2)\n"
    "y = (X[:, :1] > 0).astype(float)\n"
)
_SPLIT = (
    "X_train, y_train = X[:150], y[:150]\n"
    "X_test, y_test = X[150:], y[150:]\n"
)


class UnpairedShuffle(Rule):
    """
    ## What it does
    Finds inputs and labels reordered by two separate random draws: `np.random.shuffle(X)`
    followed by `np.random.shuffle(y)` (or `rng.shuffle`), or `X[np.random.permutation(n)]` and
    `y[np.random.permutation(n)]` with two permutations (or two `np.random.choice` batches). The two arrays must be used row for row
    elsewhere (split or batched with the same slice, zipped, passed side by side to one call,
    or the network's input and the labels of its error), so that two unrelated arrays shuffled
    side by side are not reported. One permutation indexing both
    arrays, and two shuffles made identical with `np.random.get_state()`/`set_state()`, are
    correct and not reported.

    ## Why is this bad?
    Each draw is a different order. After the two shuffles, row `i` of the inputs no longer
    belongs with label `i`: the network is trained on random labels, the loss stalls near its
    starting value and the accuracy stays at chance, with no error anywhere.

    ## Example
    ```python
    np.random.shuffle(X_train)
    np.random.shuffle(y_train)
    ```

    ## Use instead
    ```python
    order = np.random.permutation(len(X_train))
    X_train, y_train = X_train[order], y_train[order]
    ```

    ## Fix safety
    Unsafe (applied with `--fix --unsafe-fixes`): it changes which order the data is visited in.
    The first draw is kept in a new name and indexes both arrays (in place, `X[:] = X[order]`,
    where the arrays were shuffled in place).
    """

    code = "NN504"
    name = "unpaired-shuffle"
    severity = Severity.ERROR
    summary = "inputs and labels shuffled by two separate random draws"
    fix_availability = "sometimes"

    VALID = [
        Valid(_DATA + "order = np.random.permutation(len(X))\nX, y = X[order], y[order]\n" + _SPLIT),
        Valid(
            _DATA
            + "state = np.random.get_state()\n"
            "np.random.shuffle(X)\n"
            "np.random.set_state(state)\n"
            "np.random.shuffle(y)\n" + _SPLIT
        ),
        # two arrays that are never used together
        Valid(
            "import numpy as np\n"
            "colours = np.random.rand(10, 3)\n"
            "sizes = np.arange(20)\n"
            "np.random.shuffle(colours)\n"
            "np.random.shuffle(sizes)\n"
            "print(colours[0])\n"
            "print(sizes[:3])\n"
        ),
        # train and test inputs shuffled apart: never used row for row
        Valid(
            _DATA + _SPLIT
            + "np.random.shuffle(X_train)\n"
            "np.random.shuffle(X_test)\n"
            "print(X_train.shape, X_test.shape)\n"
        ),
        # a fresh generator with the same seed gives the same order twice
        Valid(
            _DATA
            + "X = X[np.random.default_rng(0).permutation(len(X))]\n"
            "y = y[np.random.default_rng(0).permutation(len(y))]\n" + _SPLIT
        ),
        Valid(
            "import numpy as np\n"
            "class Net:\n"
            "    def train(self, X, y, epochs=10):\n"
            "        for epoch in range(epochs):\n"
            "            idx = np.random.permutation(len(X))\n"
            "            X_epoch, y_epoch = X[idx], y[idx]\n"
            "            for i in range(0, len(X), 16):\n"
            "                self.step(X_epoch[i:i + 16], y_epoch[i:i + 16])\n"
            "    def step(self, xb, yb):\n"
            "        pass\n"
        ),
    ]
    INVALID = [
        Invalid(
            _DATA + "np.random.shuffle(X)\nnp.random.shuffle(y)\n" + _SPLIT,
            at="np.random.shuffle(y)",
            says=("`X`", "`y`", "two separate", "one permutation"),
            fixed=_DATA
            + "order = np.random.permutation(len(X))\nX[:] = X[order]\ny[:] = y[order]\n" + _SPLIT,
        ),
        Invalid(
            _DATA + "n = len(X)\nX = X[np.random.permutation(n)]\ny = y[np.random.permutation(n)]\n" + _SPLIT,
            at="y = y[np.random.permutation(n)]",
            says=("`X`", "`y`"),
            fixed=_DATA
            + "n = len(X)\norder = np.random.permutation(n)\nX = X[order]\ny = y[order]\n" + _SPLIT,
        ),
        Invalid(
            "import numpy as np\n"
            "rng = np.random.default_rng(0)\n"
            "X = rng.normal(size=(300, 2))\n"
            "y = (X[:, 0] > X[:, 1]).astype(int)\n"
            "for epoch in range(10):\n"
            "    X_shuf = X[rng.permutation(len(X))]\n"
            "    y_shuf = y[rng.permutation(len(y))]\n"
            "    for start in range(0, len(X), 30):\n"
            "        xb = X_shuf[start:start + 30]\n"
            "        yb = y_shuf[start:start + 30]\n",
            at="y_shuf = y[rng.permutation(len(y))]",
            says=("`X_shuf`", "`y_shuf`"),
        ),
        # a mini-batch drawn twice, and the arrays paired by the network itself (input, labels)
        Invalid(
            "import numpy as np\n"
            "x_train = np.random.rand(1000, 4)\n"
            "t_train = (x_train[:, :1] > 0.5).astype(float)\n"
            "W = np.random.randn(4, 1) * 0.1\n"
            "for i in range(100):\n"
            "    batch_mask = np.random.choice(1000, 32)\n"
            "    x_batch = x_train[batch_mask]\n"
            "    t_batch = t_train[np.random.choice(1000, 32)]\n"
            "    out = 1 / (1 + np.exp(-(x_batch @ W)))\n"
            "    W -= 0.1 * x_batch.T @ (out - t_batch)\n",
            at="t_batch = t_train[np.random.choice(1000, 32)]",
            says=("`x_batch`", "`t_batch`"),
        ),
    ]

    def check(self):
        model = self.model
        for first, second in data(model).unpaired_shuffles:
            a, b = key_name(first.key), key_name(second.key)
            if first.kind == "in-place":
                how = f"`{code(first.index)}` and `{code(second.index)}`"
            else:
                how = f"`{code(first.draw)}` and `{code(second.draw)}`" if first.draw is not second.draw else ""
            yield self.report(
                second.statement,
                f"`{a}` and `{b}` are shuffled by two separate random draws ({how}): their rows no "
                f"longer match, and the network learns from random labels; draw one permutation and "
                f"index both with it",
                fix=self._fix(first, second),
            )

    def _fix(self, first, second):
        model = self.model
        name = next(
            (n for n in ("order", "perm", "shuffle_order") if not model.defs(("global", n))
             and n not in model.module_scope.assigned and not any(n in s.assigned for s in model.scopes)),
            None,
        )
        if name is None or first.scope is not second.scope:
            return None
        try:
            start = model.span(first.statement)[0]
            indent = " " * (start.column - 1)
            line_start = Position(start.line, 1)
            if first.kind == "in-place" and second.kind == "in-place":
                receiver = first.index.func.value
                if code(receiver) != code(second.index.func.value):
                    return None
                one, two = code(first.source), code(second.source)
                edits = [
                    edit(model, first.statement,
                         f"{name} = {code(receiver)}.permutation(len({one}))\n{indent}{one}[:] = {one}[{name}]"),
                    edit(model, second.statement, f"{two}[:] = {two}[{name}]"),
                ]
            elif first.kind == "indexed" and second.kind == "indexed" and isinstance(first.draw, cst.Call) \
                    and first.draw is first.index and second.draw is second.index:
                edits = [
                    Edit(line_start, line_start, f"{indent}{name} = {code(first.draw)}\n"),
                    edit(model, first.index, name),
                    edit(model, second.index, name),
                ]
            else:
                return None
        except (KeyError, AttributeError):
            return None
        return fix("Draw one permutation and index both arrays with it", edits, Applicability.UNSAFE)
