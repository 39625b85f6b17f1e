from __future__ import annotations

from nncheck.diagnostics import Diagnostic, Position, Severity
from nncheck.model import SyntaxProblem
from nncheck.rules.base import Invalid, Rule, Valid


class SyntaxErrorRule(Rule):
    """
    ## What it does
    Reports a file that Python cannot parse, with the parser's reason and position.

    ## Why is this bad?
    A file that does not parse cannot run, and nncheck cannot look at the network inside it.
    The other files of the run are still checked.

    ## Example
    ```python
    def sigmoid(x)
        return 1 / (1 + np.exp(-x))
    ```

    ## Use instead
    ```python
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))
    ```
    """

    code = "NN900"
    name = "syntax-error"
    severity = Severity.ERROR
    summary = "the file does not parse"

    VALID = [
        Valid("import numpy as np\nx = np.zeros(3)\n"),
        Valid("def sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"),
        Valid("match = 1\nprint(match)\n"),
    ]
    INVALID = [
        Invalid("def sigmoid(x)\n    return 1 / (1 + np.exp(-x))\n", at="def sigmoid(x)", says=("expected ':'",)),
        Invalid("W = np.random.randn(3, 4\nb = 0\n", at="W = np.random", says=("never closed",)),
        Invalid("for i in range(10):\nprint(i)\n", at="print(i)", says=("indented block",)),
    ]

    def check(self):
        # Parse failures never reach the rules: the engine turns them into this diagnostic.
        return iter(())

    @classmethod
    def diagnostic(cls, path: str, problem: SyntaxProblem) -> Diagnostic:
        return Diagnostic(
            code=cls.code,
            name=cls.name,
            message=f"syntax error: {problem.reason} (nncheck could not check this file)",
            severity=cls.severity,
            path=path,
            start=problem.position,
            end=Position(problem.position.line, problem.position.column + 1),
        )
