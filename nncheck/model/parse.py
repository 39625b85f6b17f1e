"""Parse stage: text → libcst Module with the metadata the model needs, resolved once per file.

A file is first compiled by CPython itself, so that what Python refuses (a syntax error, 1000
nested parentheses, an expression too deep for its compiler) is reported with Python's own
message, even where libcst would accept it. Only then is it parsed by libcst, whose parser runs
in native code that nothing can interrupt, and whose time and memory grow with the number of
tokens and, much faster (cubically), with the length of a chain of operators in one expression
(`a + a + ... + a`, `x[0][0]...[0]`). So the cost of that parse is estimated first from the
tokens, and a file over the budget is not parsed by libcst at all: `parse` then says why
(`Unparsed`), and the engine reports that in one line instead of running out of time or memory.
"""
from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import CodePosition, CodeRange, MetadataWrapper, PositionProvider

from nncheck.diagnostics import Position

if TYPE_CHECKING:
    from nncheck.budget import Budget


@dataclass(frozen=True)
class SyntaxProblem:
    """Why a file did not parse, and where (1-based line and column)."""

    reason: str
    position: Position


@dataclass(frozen=True)
class Unparsed(SyntaxProblem):
    """Python compiles the file, but nncheck did not parse it further: over the parse budget,
    or libcst cannot read it. Not the user's mistake: reported as a note, not as NN900.
    (A SyntaxProblem still, so that code that only knows "parsed or not" stays right.)
    `syntax` says how far Python's syntax check went."""

    syntax: str = "its syntax was checked"


@dataclass(frozen=True)
class ParseCost:
    """What parsing a text with libcst will cost, estimated from its tokens: `tokens` (strings
    count as one), `chain` (the longest run of operators and trailers in one expression at one
    bracket depth) and `units`, the two together in tokens' worth of work."""

    tokens: int
    chain: int
    units: int


# A chain of n operators costs libcst about n**3 / CHAIN_SCALE tokens' worth of work (measured
# with libcst 1.9: `x[0]` repeated 1000 times parses in 1 s, as about 50,000 plain tokens do).
CHAIN_SCALE = 20_000
# A file over the budget's size is compiled statement group by statement group, so that memory
# stays bounded (CPython needs about 150 bytes per byte of source to compile it).
CHUNK_SIZE = 256 * 1024
CHUNK_LIMIT = 2 << 20

_STRING = r"""(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'[^'\\\r\n]*(?:\\[\s\S][^'\\\r\n]*)*'|"[^"\\\r\n]*(?:\\[\s\S][^"\\\r\n]*)*")"""
# One token per match: a string, a comment, a newline, a line continuation, a name or number,
# or one operator character (multi-character operators count once per character: an estimate).
_TOKEN = re.compile(_STRING + r"""|\#[^\r\n]*|\r\n|\r|\n|\\\r?\n|\w+|[^\s\w]""")
_CHAIN_WORDS = frozenset({"if", "else", "lambda", "not", "and", "or", "in", "is", "await"})
_CHAIN_CHARACTERS = frozenset("+-*/%@|&^~<>.!")
_OPEN, _CLOSE = "([{", ")]}"
_ENDS_RUN = frozenset({",", ";", "=", "\n", "\r", "\r\n"})


def parse_cost(text: str, token_limit: int | None = None) -> ParseCost:
    """Estimate what libcst will take on. Linear in the text; with `token_limit`, a text found
    to have more tokens than that is not measured further (it is over any budget anyway)."""
    if token_limit is not None:
        tokens = sum(1 for _ in _TOKEN.finditer(text))
        if tokens > token_limit:
            return ParseCost(tokens, 0, tokens)
    tokens = longest = penalty = 0
    runs = [0]  # the length of the current chain at each bracket depth
    for match in _TOKEN.finditer(text):
        token = match.group()
        tokens += 1
        first = token[0]
        if first in _OPEN:
            runs[-1] += 1  # a call or subscript chains like an operator (f()()(), x[0][0])
            runs.append(0)
        elif first in _CLOSE:
            if len(runs) > 1:
                ended = runs.pop()
                longest = max(longest, ended)
                penalty += ended ** 3 // CHAIN_SCALE
        elif token in _ENDS_RUN:
            if token[0] in "\r\n" and len(runs) > 1:
                continue  # a newline inside brackets ends nothing
            longest = max(longest, runs[-1])
            penalty += runs[-1] ** 3 // CHAIN_SCALE
            runs[-1] = 0
        elif first in _CHAIN_CHARACTERS or token in _CHAIN_WORDS:
            runs[-1] += 1
    for run in runs:
        longest = max(longest, run)
        penalty += run ** 3 // CHAIN_SCALE
    return ParseCost(tokens, longest, tokens + penalty)


def parse(text: str, *, budget: "Budget | None" = None) -> MetadataWrapper | SyntaxProblem:
    """The parsed file, or why not: a SyntaxProblem (Python refuses it: NN900), or Unparsed
    (Python compiles it, or did not refuse it within the budget, but nncheck did not parse it,
    for the reason it gives). Without a budget, everything is parsed."""
    if budget is None:
        problem = python_syntax_problem(text)
        return problem if problem is not None else _libcst(text)
    limits = budget.limits
    if len(text) > limits.parse_bytes:
        reason = f"it is {_size(len(text))}, over the budget of {_size(limits.parse_bytes)} per file"
        problem, checked = _syntax_in_groups(text, budget)
        return problem if problem is not None else Unparsed(reason, Position(1, 1), checked)
    problem = python_syntax_problem(text)
    if problem is not None:
        return problem
    cost = parse_cost(text, limits.parse_cost)
    if cost.units > limits.parse_cost:
        return Unparsed(_over_budget(cost, limits.parse_cost), Position(1, 1))
    return _libcst(text)


def _libcst(text: str) -> MetadataWrapper | Unparsed:
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        reason = str(error).splitlines()[0] if str(error) else "invalid syntax"
        return Unparsed(
            f"nncheck's parser (libcst) cannot read it, though Python can: {reason}",
            Position(error.raw_line, error.raw_column + 1),
        )
    except (RecursionError, MemoryError) as error:
        return Unparsed(f"it is nested too deeply for nncheck's parser ({type(error).__name__})", Position(1, 1))
    except Exception as error:  # noqa: BLE001 - libcst's own failures (e.g. a KeyError on 3000 elifs)
        return Unparsed(f"nncheck's parser (libcst) failed on it ({type(error).__name__})", Position(1, 1))
    # unsafe_skip_copy: the tree is ours alone, and node identity must stay stable so that the
    # model's facts (keyed by node) and the positions agree.
    return MetadataWrapper(module, unsafe_skip_copy=True)


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 1024:.0f} KiB"


def _over_budget(cost: ParseCost, max_cost: int) -> str:
    if cost.units - cost.tokens > cost.tokens:
        return (f"it has an expression of {cost.chain:,} chained operations: {cost.units:,} tokens' "
                f"worth of parsing, over the budget of {max_cost:,} per file")
    return f"it has {cost.tokens:,} tokens, over the budget of {max_cost:,} per file"


def python_syntax_problem(text: str) -> SyntaxProblem | None:
    """What CPython's compiler says about the text, or None when it compiles."""
    return _compile(text, 0)


def _syntax_in_groups(text: str, budget: "Budget") -> tuple[SyntaxProblem | None, str]:
    """Python's syntax check of a large text, in groups of top-level statements so that memory
    stays bounded (see `_statement_groups`), for as long as the budget's time lasts. Returns the
    problem found, if any, and what was checked, in words."""
    import time

    # Wall time: the compiling happens in other threads, whose CPU time the budget's clock
    # does not see.
    deadline = time.monotonic() + budget.limits.seconds
    groups = _statement_groups(text)
    index = 0
    while index < len(groups):
        start, end, first_line = groups[index]
        if time.monotonic() > deadline:
            return None, f"its syntax was checked up to line {first_line - 1:,}, as far as the time budget allowed"
        problem = _compile(text[start:end], first_line - 1)
        if problem is None:
            index += 1
            continue
        # Confirm with the next group joined on: an error that only a cut made (a string or a
        # bracket that goes on in the next group) changes or goes away; a real one stays.
        if index + 1 == len(groups):
            return problem, ""
        joined_end = groups[index + 1][1]
        if _compile(text[start:joined_end], first_line - 1) == problem:
            return problem, ""
        if joined_end - start > CHUNK_LIMIT:
            return None, f"its syntax was checked up to line {first_line - 1:,} (a statement there is too long to check)"
        groups[index + 1] = (start, joined_end, first_line)
        index += 1
    return None, "its syntax was checked"


def _compile(text: str, line_offset: int) -> SyntaxProblem | None:
    # In a thread of its own: CPython's compiler gives up on deep nesting at a depth that counts
    # the Python frames already on the stack, and the script, when Python runs it, is compiled
    # with none. A fresh thread starts from none too.
    outcome: list[SyntaxProblem | None] = [None]
    thread = threading.Thread(target=_compile_here, args=(text, line_offset, outcome), name="nncheck-compile")
    thread.start()
    thread.join()
    return outcome[0]


def _compile_here(text: str, line_offset: int, outcome: list) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings are the user's code, not ours to print
            compile(text, "<nncheck>", "exec", dont_inherit=True)
    except SyntaxError as error:
        if error.lineno is None:  # e.g. NUL bytes: Python says what, not where
            line, column = _position_of_nul(text)
        else:
            line, column = error.lineno, max(error.offset or 1, 1)
        outcome[0] = SyntaxProblem(error.msg, Position(line + line_offset, column))
    except ValueError as error:  # NUL bytes, before Python 3.11.4
        line, column = _position_of_nul(text)
        outcome[0] = SyntaxProblem(str(error), Position(line + line_offset, column))
    except (RecursionError, MemoryError, OverflowError) as error:
        # Too deep or too complex for CPython's compiler: Python itself cannot run the file.
        reason = str(error) or type(error).__name__
        outcome[0] = SyntaxProblem(f"{reason} ({type(error).__name__})", Position(1 + line_offset, 1))


def _position_of_nul(text: str) -> tuple[int, int]:
    where = max(text.find("\0"), 0)
    line = len(_NEWLINE.findall(text, 0, where)) + 1
    column = where - max(text.rfind("\n", 0, where), text.rfind("\r", 0, where))
    return line, column


_NEWLINE = re.compile(r"\r\n|\r|\n")
_GROUP_START = re.compile(r"^(?=[A-Za-z_@])(?!(?:else|elif|except|finally)\b)", re.MULTILINE)


def _statement_groups(text: str) -> list[tuple[int, int, int]]:
    """(start, end, first line) of pieces of about CHUNK_SIZE characters, each cut before a line
    that starts a new top-level statement (a name, a keyword or a decorator in column 0, and not
    the `else`/`except` of the statement before it), never between a decorator and its def."""
    groups = []
    start, line = 0, 1
    while start < len(text):
        cut = len(text)
        for match in _GROUP_START.finditer(text, start + CHUNK_SIZE):
            candidate = match.start()
            previous = text.rfind("\n", 0, candidate - 1) + 1
            if not text.startswith("@", previous):
                cut = candidate
                break
        groups.append((start, cut, line))
        line += text.count("\n", start, cut) + text.count("\r", start, cut) - text.count("\r\n", start, cut)
        start = cut
    return groups or [(0, 0, 1)]


class ParsedSource:
    """The parsed file without the network model: what a rule that needs no model reads (its
    path, text, tree and the positions of its nodes), and what runs when the model is over
    budget."""

    def __init__(self, wrapper: MetadataWrapper, path: str, source: str) -> None:
        self.wrapper = wrapper
        self.module: cst.Module = wrapper.module
        self.path = path
        self.source = source

    def span(self, node: cst.CSTNode) -> tuple[Position, Position]:
        code_range = self.wrapper.resolve(PositionProvider)[node]
        return (
            Position(code_range.start.line, code_range.start.column + 1),
            Position(code_range.end.line, code_range.end.column + 1),
        )

    def line(self, node: cst.CSTNode) -> int:
        return self.wrapper.resolve(PositionProvider)[node].start.line


class Positions:
    """The positions of a parsed file's nodes (libcst's PositionProvider ranges), computed one
    top-level statement at a time, on first need.

    libcst computes positions by generating the code of the whole module; a file's findings sit
    in a few of its statements, so here only the statements that hold an asked-for node are
    generated, each alone, and shifted to the line where Python's own (fast) parser puts it.
    `parents` maps each node to its parent (the model's links; the module is the parent of the
    top-level statements). Anything this cannot place (no parents, a node outside the tree, a source whose
    statements Python counts otherwise) is looked up in libcst's own table, computed then for
    the whole module: the answers are the same either way (tests/test_positions.py)."""

    def __init__(self, wrapper: MetadataWrapper, source: str, parents: dict | None = None) -> None:
        self.wrapper = wrapper
        self.module: cst.Module = wrapper.module
        self.source = source
        self.parents = parents
        self._lines: dict | None = None
        self._tables: dict = {}
        self._whole = None

    def __getitem__(self, node: cst.CSTNode):
        statement = self._statement_of(node)
        anchors = self._anchor_lines() if statement is not None else None
        if not anchors or statement not in anchors:
            return self._whole_table()[node]
        table = self._tables.get(statement)
        if table is None:
            table = self._tables[statement] = self._table(statement, *anchors[statement])
        found, offset = table
        code_range = found[node]
        if not offset:
            return code_range
        return CodeRange(CodePosition(code_range.start.line + offset, code_range.start.column),
                         CodePosition(code_range.end.line + offset, code_range.end.column))

    def _whole_table(self):
        if self._whole is None:
            self._whole = self.wrapper.resolve(PositionProvider)
        return self._whole

    def _statement_of(self, node: cst.CSTNode) -> cst.CSTNode | None:
        parents = self.parents
        if parents is None:
            return None
        current = node
        for _ in range(100_000):
            parent = parents.get(current)
            if parent is None:
                return None
            if parent is self.module:
                return current
            current = parent
        return None

    def _anchor_lines(self) -> dict:
        """Each top-level statement -> (the node whose line Python's parser gives, that line)."""
        if self._lines is None:
            self._lines = _anchor_lines(self.module, self.source)
        return self._lines

    def _table(self, statement: cst.CSTNode, anchor: cst.CSTNode, line: int) -> tuple:
        alone = self.module.with_changes(body=[statement], header=(), footer=())
        found = MetadataWrapper(alone, unsafe_skip_copy=True).resolve(PositionProvider)
        return found, line - found[anchor].start.line


def _anchor_lines(module: cst.Module, source: str) -> dict:
    import ast

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    lines = [statement.lineno for statement in tree.body]
    anchors: dict = {}
    index = 0
    for statement in module.body:
        if isinstance(statement, cst.SimpleStatementLine):
            anchor, count = statement.body[0], len(statement.body)
        else:
            anchor, count = statement, 1
        if index >= len(lines):
            return {}
        anchors[statement] = (anchor, lines[index])
        index += count
    return anchors if index == len(lines) else {}
