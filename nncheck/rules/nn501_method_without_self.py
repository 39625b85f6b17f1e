from __future__ import annotations

import builtins

import libcst as cst

from nncheck.diagnostics import Severity
from nncheck.rules.base import Invalid, Rule, Valid

_BUILTINS = frozenset(dir(builtins))


class MethodWithoutSelf(Rule):
    """
    ## What it does
    Finds a bare call `name(...)` inside a class, where `name` exists only as a method of that
    class: nothing at module level, no import, no builtin carries that name.

    ## Why is this bad?
    Inside a method, the class's other methods are reached through `self`. A bare `forward()`
    looks for a module-level function and raises `NameError` when the line runs, often only
    late (in `predict`, after training).

    ## Example
    ```python
    class Net:
        def forward(self, X):
            return sigmoid(X @ self.W)

        def predict(self, X):
            return forward(X) > 0.5
    ```

    ## Use instead
    ```python
        def predict(self, X):
            return self.forward(X) > 0.5
    ```
    """

    code = "NN501"
    name = "method-without-self"
    severity = Severity.ERROR
    summary = "a method of the class called without `self.`: NameError at run time"
    fix_availability = "always"

    VALID = [
        Valid(
            "class Net:\n"
            "    def forward(self, X):\n"
            "        return X\n"
            "    def predict(self, X):\n"
            "        return self.forward(X)\n"
        ),
        Valid(
            "def forward(X):\n"
            "    return X\n"
            "class Net:\n"
            "    def forward(self, X):\n"
            "        return forward(X)\n"
        ),
        Valid(
            "from model_utils import *\n"
            "class Net:\n"
            "    def train(self):\n"
            "        return train()\n"
        ),
        Valid(
            "class Net:\n"
            "    def sum(self, values):\n"
            "        return sum(values)\n"
        ),
        Valid(
            "class Net:\n"
            "    def step(self):\n"
            "        def step():\n"
            "            return 1\n"
            "        return step()\n"
        ),
    ]
    INVALID = [
        Invalid(
            "class Net:\n"
            "    def forward(self, X):\n"
            "        return X\n"
            "    def predict(self, X):\n"
            "        return forward(X) > 0.5\n",
            at="return forward(X)",
            says=("'forward'", "self.forward"),
            fixed=(
                "class Net:\n"
                "    def forward(self, X):\n"
                "        return X\n"
                "    def predict(self, X):\n"
                "        return self.forward(X) > 0.5\n"
            ),
        ),
        Invalid(
            "import numpy as np\n"
            "class MLP:\n"
            "    def sigmoid(self, z):\n"
            "        return 1 / (1 + np.exp(-z))\n"
            "    def feedforward(self, X):\n"
            "        self.a = sigmoid(X @ self.W)\n",
            at="self.a = sigmoid",
            says=("'sigmoid'", "NameError"),
        ),
        Invalid(
            "class Trainer:\n"
            "    def backprop(me):\n"
            "        pass\n"
            "    def fit(me, epochs):\n"
            "        for _ in range(epochs):\n"
            "            backprop()\n",
            at="backprop()",
            says=("`me.backprop(...)`",),
        ),
    ]

    def check(self):
        model = self.model
        if model.star_import:
            return
        module_names = model.module_scope.assigned | model.imported_names
        for call, scope in model.calls:
            if not isinstance(call.func, cst.Name):
                continue
            name = call.func.value
            method_scope = scope
            while method_scope is not None and method_scope.cls is None and not method_scope.is_module:
                method_scope = method_scope.parent
            if method_scope is None or method_scope.cls is None or method_scope.self_name is None:
                continue
            cls = method_scope.cls
            if name not in cls.methods or name in module_names or name in _BUILTINS:
                continue
            if model.key(call.func, scope) != ("global", name):
                continue  # bound in an enclosing function
            self_name = method_scope.self_name
            yield self.report(
                call.func,
                f"'{name}' is a method of class '{cls.name}' but is called without "
                f"'{self_name}.': this line raises NameError when it runs; call "
                f"`{self_name}.{name}(...)`",
                fix=self.replace(call.func, f"{self_name}.{name}", f"Call `{self_name}.{name}`"),
            )
