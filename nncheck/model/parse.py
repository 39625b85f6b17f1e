"""Parse stage: text → libcst Module with the metadata the model needs, resolved once per file."""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper

from nncheck.diagnostics import Position


@dataclass(frozen=True)
class SyntaxProblem:
    """Why a file did not parse, and where (1-based line and column)."""

    reason: str
    position: Position


def parse(text: str) -> MetadataWrapper | SyntaxProblem:
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        return _syntax_problem(text, error)
    # unsafe_skip_copy: the tree is ours alone, and node identity must stay stable so that the
    # model's facts (keyed by node) and the positions agree.
    return MetadataWrapper(module, unsafe_skip_copy=True)


def _syntax_problem(text: str, error: cst.ParserSyntaxError) -> SyntaxProblem:
    # Python's own parser words its reasons the way learners have already seen them
    # ("'(' was never closed", "expected ':'"), so prefer its message where it has one.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(text, "<nncheck>", "exec", dont_inherit=True)
    except SyntaxError as py_error:
        line = py_error.lineno or error.raw_line
        column = py_error.offset or (error.raw_column + 1)
        return SyntaxProblem(py_error.msg, Position(line, max(column, 1)))
    except (ValueError, OverflowError) as py_error:  # e.g. source with NUL bytes
        return SyntaxProblem(str(py_error), Position(error.raw_line, error.raw_column + 1))
    message = str(error).splitlines()[0] if str(error) else "invalid syntax"
    return SyntaxProblem(message, Position(error.raw_line, error.raw_column + 1))
