from __future__ import annotations

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.model import call_name, code, CREATION_FUNCTIONS, key_name, shapes
from nncheck.rules.base import Invalid, Rule, Valid

_DETERMINISTIC = CREATION_FUNCTIONS | {"array", "asarray", "eye", "identity", "arange", "linspace"}

_DATA = (
    "import numpy as np\n"
    "X = np.random.rand(30, 3)\n"
    "y = np.random.rand(30, 1)\n"
    "W = np.random.randn(3, 1)\n"
    "b = np.zeros((1, 1))\n"
)


def _loop(setup: str) -> str:
    return (
        _DATA
        + "for epoch in range(20):\n"
        + setup
        + "    for x_i, y_i in zip(X, y):\n"
        "        err = x_i @ W + b - y_i\n"
        "        gW += np.outer(x_i, err)\n"
        "        gb += err\n"
        "    W -= 0.01 * gW\n"
        "    b -= 0.01 * gb\n"
    )


class AliasedAccumulators(Rule):
    """
    ## What it does
    Finds one NumPy array bound to several names by a chained assignment
    (`dW = db = np.zeros(...)`, `self.m = self.v = np.zeros_like(W)`) when two or more of
    those names are then updated in place (`+=`, `-=`, `*=`, `name[...] = ...`).

    ## Why is this bad?
    A chained assignment does not copy: every name holds the same array. Each in-place update
    through one name changes all of them, so two gradient accumulators, two optimiser moments
    or two weight matrices that should be independent add up each other's updates and stay
    identical. Nothing raises; the network just learns the wrong thing.

    ## Example
    ```python
    grad_w = grad_b = np.zeros((n_out, 1))
    ```

    ## Use instead
    ```python
    grad_w = np.zeros((n_out, 1))
    grad_b = np.zeros((n_out, 1))
    ```
    """

    code = "NN503"
    name = "aliased-accumulators"
    severity = Severity.ERROR
    summary = "several names bound to one array (`a = b = np.zeros(...)`) and updated in place"
    fix_availability = "always"

    VALID = [
        Valid(_loop("    gW = np.zeros((3, 1))\n    gb = np.zeros((1, 1))\n")),
        # an int counter and a float total: immutable values may be chained
        Valid(
            "import numpy as np\n"
            "scores = np.random.rand(50)\n"
            "total = count = 0\n"
            "for s in scores:\n"
            "    total += s\n"
            "    count += 1\n"
            "print(total / count)\n"
        ),
        # two names for one array on purpose: only one of them is ever updated
        Valid(
            "import numpy as np\n"
            "class Layer:\n"
            "    def __init__(self, n_in, n_out):\n"
            "        self.W = W = np.random.randn(n_in, n_out) * 0.1\n"
            "        print('initial norm', np.linalg.norm(W))\n"
            "    def step(self, grad):\n"
            "        self.W -= 0.1 * grad\n"
        ),
        # rebinding (`a = a + ...`) makes a new array: no aliasing left to break
        Valid(
            "import numpy as np\n"
            "m = v = np.zeros(4)\n"
            "for g in np.random.randn(10, 4):\n"
            "    m = 0.9 * m + 0.1 * g\n"
            "    v = 0.99 * v + 0.01 * g ** 2\n"
            "print(m, v)\n"
        ),
    ]
    INVALID = [
        Invalid(
            _loop("    gW = gb = np.zeros((3, 1))\n"),
            at="gW = gb = np.zeros((3, 1))",
            says=("'gW' and 'gb'", "`gW += ...`", "gb = np.zeros((3, 1))"),
            fixed=_loop("    gW = np.zeros((3, 1))\n    gb = np.zeros((3, 1))\n"),
        ),
        Invalid(
            "import numpy as np\n"
            "class Adam:\n"
            "    def __init__(self, params):\n"
            "        self.params = params\n"
            "        self.m = self.v = np.zeros_like(params)\n"
            "    def update(self, grad, lr=0.001):\n"
            "        self.m *= 0.9\n"
            "        self.m += 0.1 * grad\n"
            "        self.v *= 0.999\n"
            "        self.v += 0.001 * grad ** 2\n"
            "        self.params -= lr * self.m / (np.sqrt(self.v) + 1e-8)\n",
            at="self.m = self.v = np.zeros_like(params)",
            says=("'self.m' and 'self.v'",),
            fixed=(
                "import numpy as np\n"
                "class Adam:\n"
                "    def __init__(self, params):\n"
                "        self.params = params\n"
                "        self.m = np.zeros_like(params)\n"
                "        self.v = np.zeros_like(params)\n"
                "    def update(self, grad, lr=0.001):\n"
                "        self.m *= 0.9\n"
                "        self.m += 0.1 * grad\n"
                "        self.v *= 0.999\n"
                "        self.v += 0.001 * grad ** 2\n"
                "        self.params -= lr * self.m / (np.sqrt(self.v) + 1e-8)\n"
            ),
        ),
        # random weights: the fix keeps the values and copies them
        Invalid(
            "import numpy as np\n"
            "def train(X, T, hidden=5, epochs=100):\n"
            "    V = U = np.random.randn(X.shape[1], X.shape[1]) * 0.1\n"
            "    for _ in range(epochs):\n"
            "        H = np.tanh(X @ V)\n"
            "        O = H @ U\n"
            "        dO = (O - T) / len(X)\n"
            "        U -= 0.1 * H.T @ dO\n"
            "        V -= 0.1 * X.T @ ((dO @ U.T) * (1 - H ** 2))\n"
            "    return V, U\n",
            at="V = U = np.random.randn(X.shape[1], X.shape[1]) * 0.1",
            says=("'V' and 'U'", "U = V.copy()"),
            fixed=(
                "import numpy as np\n"
                "def train(X, T, hidden=5, epochs=100):\n"
                "    V = np.random.randn(X.shape[1], X.shape[1]) * 0.1\n"
                "    U = V.copy()\n"
                "    for _ in range(epochs):\n"
                "        H = np.tanh(X @ V)\n"
                "        O = H @ U\n"
                "        dO = (O - T) / len(X)\n"
                "        U -= 0.1 * H.T @ dO\n"
                "        V -= 0.1 * X.T @ ((dO @ U.T) * (1 - H ** 2))\n"
                "    return V, U\n"
            ),
        ),
    ]

    def check(self):
        model = self.model
        in_place = self._updated_in_place()
        for chain in shapes(model).chains:
            if not self._is_new_array(chain.value):
                continue
            if any(
                d.statement is not chain.statement
                for key in chain.keys for d in model.defs(key) if d.augmented is None
            ):
                continue  # a name rebound elsewhere may hold its own array there
            mutated = [key for key in chain.keys if key in in_place]
            if len(mutated) < 2:
                continue
            first, second = key_name(mutated[0]), key_name(mutated[1])
            statement = in_place[mutated[0]]
            replacement = self._separate(chain)
            yield self.report(
                chain.statement,
                f"'{first}' and '{second}' are one array: `{code(chain.statement)}` binds the same "
                f"array to both names, so `{first} {_operator(statement)} ...` also changes "
                f"'{second}'; create one array per name: `{_second_line(replacement)}`",
                fix=self.replace(chain.statement, replacement, "Create one array per name"),
            )

    def _is_new_array(self, value: cst.BaseExpression) -> bool:
        model = self.model
        if model.creation_call(value) is not None:
            return True
        return isinstance(value, cst.Call) and model.literal(value, model.scope_of(value)) is not None

    def _updated_in_place(self) -> dict:
        """Key → the first statement that changes its array in place (`k += ...`, `k[i] = ...`)."""
        model = self.model
        found: dict = {}
        for node, scope in model.nodes(cst.AugAssign, cst.Assign):
            if isinstance(node, cst.AugAssign):
                targets = [node.target]
            elif isinstance(node, cst.Assign):
                targets = [t.target for t in node.targets if isinstance(t.target, cst.Subscript)]
            else:
                continue
            for target in targets:
                key = model.key(target, scope)
                if key is None or (key[0] == "item" and not isinstance(node, cst.AugAssign)):
                    if isinstance(target, cst.Subscript):
                        key = model.key(target.value, scope)
                if key is not None:
                    found.setdefault(key, node)
        return found

    def _separate(self, chain) -> str:
        """`a = value` then `b = value` (fresh zeros) or `b = a.copy()` (same random values)."""
        model = self.model
        value = cst.Module([]).code_for_node(chain.value).strip()
        creation = model.creation_call(chain.value)
        name = (call_name(creation) if creation is not None else call_name(chain.value)) or ""
        repeat = name.split(".")[-1] in _DETERMINISTIC
        names = [code(target) for target in chain.targets]
        lines = [f"{names[0]} = {value}"]
        lines += [f"{other} = {value if repeat else names[0] + '.copy()'}" for other in names[1:]]
        line = model.parent(chain.statement)
        if isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1:
            start, _ = model.span(chain.statement)
            return ("\n" + " " * (start.column - 1)).join(lines)
        return "; ".join(lines)


def _operator(statement) -> str:
    if isinstance(statement, cst.AugAssign):
        return cst.Module([]).code_for_node(statement.operator).strip()
    return "[...] ="


def _second_line(replacement: str) -> str:
    parts = [p.strip() for p in replacement.replace(";", "\n").splitlines()]
    return parts[1] if len(parts) > 1 else parts[0]
