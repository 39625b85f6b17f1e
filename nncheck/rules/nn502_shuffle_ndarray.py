from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import code, positional_args, shapes, show
from nncheck.rules.base import Invalid, Rule, Valid

_DATA = (
    "import random\n"
    "import numpy as np\n"
    "X = np.random.rand(100, 3)\n"
    "y = (X.sum(axis=1, keepdims=True) > 1.5).astype(float)\n"
    "data = np.hstack((X, y))\n"
)


class ShuffleNdarray(Rule):
    """
    ## What it does
    Finds the standard library's `random.shuffle` called on a NumPy array with two or more
    dimensions (a data matrix, or features and labels stacked side by side). It stays silent
    on `np.random.shuffle`, `rng.shuffle`, a permutation index, a Python list, and 1-D arrays
    (whose elements are copied scalars, so they shuffle correctly).

    ## Why is this bad?
    `random.shuffle` swaps elements with `x[i], x[j] = x[j], x[i]`. For a 2-D array, `x[j]` is
    a view of a row, not a copy: after `x[i] = x[j]` the view of the old row `i` already shows
    row `j`, so the swap writes the same row twice. Rows are duplicated and others vanish; the
    data set silently shrinks to copies of a few samples and the network trains on garbage.

    ## Example
    ```python
    random.shuffle(data)
    ```

    ## Use instead
    ```python
    np.random.shuffle(data)
    ```
    """

    code = "NN502"
    name = "shuffle-ndarray"
    severity = Severity.ERROR
    summary = "random.shuffle on a 2-D NumPy array duplicates rows and loses others"
    fix_availability = "sometimes"

    VALID = [
        Valid(_DATA + "np.random.shuffle(data)\n"),
        Valid(_DATA + "order = np.random.permutation(len(X))\nX, y = X[order], y[order]\n"),
        Valid(
            "import random\n"
            "import numpy as np\n"
            "samples = [(np.random.rand(3), k % 2) for k in range(40)]\n"
            "random.shuffle(samples)\n"
            "indices = list(range(40))\n"
            "random.shuffle(indices)\n"
        ),
        Valid(
            "import random\n"
            "import numpy as np\n"
            "order = np.arange(64)\n"
            "random.shuffle(order)\n"
            "rng = np.random.default_rng(0)\n"
            "batch = np.zeros((64, 8))\n"
            "rng.shuffle(batch)\n"
        ),
    ]
    INVALID = [
        Invalid(
            _DATA + "for epoch in range(5):\n    random.shuffle(data)\n    inputs, labels = data[:, :3], data[:, 3:]\n",
            at="random.shuffle(data)",
            says=("'data'", "(100, 4)", "`np.random.shuffle(data)`"),
            fixed=_DATA + "for epoch in range(5):\n    np.random.shuffle(data)\n    inputs, labels = data[:, :3], data[:, 3:]\n",
        ),
        Invalid(
            "from random import shuffle\n"
            "import numpy\n"
            "table = numpy.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]])\n"
            "shuffle(table)\n"
            "inputs, targets = table[:, :2], table[:, 2:]\n",
            at="shuffle(table)",
            says=("'table'", "(4, 3)", "`numpy.random.shuffle(table)`"),
            fixed=(
                "from random import shuffle\n"
                "import numpy\n"
                "table = numpy.array([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]])\n"
                "numpy.random.shuffle(table)\n"
                "inputs, targets = table[:, :2], table[:, 2:]\n"
            ),
        ),
        Invalid(
            "import random as rnd\n"
            "import numpy as np\n"
            "class Trainer:\n"
            "    def __init__(self, n_samples, n_features):\n"
            "        self.images = np.random.rand(n_samples, n_features)\n"
            "    def epoch(self):\n"
            "        rnd.shuffle(self.images)\n"
            "        return self.images.mean(axis=0)\n",
            at="rnd.shuffle(self.images)",
            says=("'self.images'", "(n_samples, n_features)"),
        ),
    ]

    def check(self):
        model = self.model
        modules, functions = self._stdlib_random_names()
        if not modules and not functions:
            return
        numpy_alias = self._numpy_alias()
        analysis = shapes(model)
        for call, scope in model.calls:
            func = call.func
            if isinstance(func, cst.Attribute) and func.attr.value == "shuffle" and isinstance(func.value, cst.Name):
                if func.value.value not in modules or model.key(func.value, scope) != ("global", func.value.value):
                    continue
            elif isinstance(func, cst.Name):
                if func.value not in functions or model.key(func, scope) != ("global", func.value):
                    continue
            else:
                continue
            args = positional_args(call)
            if len(args) != 1 or len(call.args) != 1:
                continue
            shape = analysis.shape_of(args[0], scope)
            if shape is None or len(shape) < 2:
                continue
            array = code(args[0])
            fix = None
            better = f"np.random.shuffle({array})"
            if numpy_alias is not None:
                better = f"{numpy_alias}.random.shuffle({array})"
                fix = self.replace(func, f"{numpy_alias}.random.shuffle", f"Use `{better}`")
            yield self.report(
                call,
                f"`{code(call)}` on the {len(shape)}-D NumPy array '{array}' of shape {show(shape)} swaps rows "
                f"through views: some rows are duplicated and others lost; use `{better}` "
                f"(or index with a permutation)",
                fix=fix,
            )

    def _imports(self):
        for node, _ in self.model.nodes(cst.Import, cst.ImportFrom):
            if isinstance(node, (cst.Import, cst.ImportFrom)):
                yield node

    def _stdlib_random_names(self) -> tuple[set[str], set[str]]:
        """Module-level names bound to the `random` module, and to `random.shuffle`; a name also
        bound to anything else (an assignment, another import) is left out."""
        model = self.model
        modules, functions, other = set(), set(), set()
        for node in self._imports():
            if isinstance(node, cst.Import):
                for alias in node.names:
                    bound = alias.evaluated_alias or alias.evaluated_name.split(".")[0]
                    (modules if alias.evaluated_name == "random" else other).add(bound)
            elif not isinstance(node.names, cst.ImportStar):
                source = code(node.module) if node.module is not None else ""
                for alias in node.names:
                    bound = alias.evaluated_alias or alias.evaluated_name
                    if source == "random" and not node.relative and alias.evaluated_name == "shuffle":
                        functions.add(bound)
                    else:
                        other.add(bound)
        clash = {name for name in modules | functions if model.defs(("global", name))}
        return modules - other - clash, functions - other - clash

    def _numpy_alias(self) -> str | None:
        for node in self._imports():
            if isinstance(node, cst.Import):
                for alias in node.names:
                    if alias.evaluated_name == "numpy":
                        return alias.evaluated_alias or "numpy"
        return None
