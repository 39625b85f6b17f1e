"""Jupyter notebooks: their code cells as one program for the engine, and the way back.

As Ruff reads them:

- The code cells, in order, form one program (a later cell sees the names of the earlier ones).
  Markdown and raw cells are left out, and so is a code cell that starts with a cell magic whose
  body is not Python (`%%bash`, `%%writefile`, `%%html`, ...); `%%time`, `%%timeit`,
  `%%capture`, `%%prun`, `%%debug`, `%%python`, `%%python3` and `%%pypy` cells are Python.
- IPython syntax is masked, not reported as a syntax error: a line magic (`%matplotlib inline`),
  a shell escape (`!pip install numpy`), an assignment from either (`files = !ls`) and a help
  request (`np.exp?`) become `pass` (or `name = ...`) on the same line, so every other line
  and column stays where it was.
- Positions are given as `file.ipynb:cell N:row:col`, N counting every cell from 1 (Markdown
  ones too, as Jupyter and Ruff number them) and row counting lines within the cell.

The engine itself never knows it checked a notebook: it receives `Notebook.program`. Between
two cells the program holds one comment line (`# <nncheck-cell K>`), and each masked line ends
with a comment that names it (`# <nncheck-magic K>`). Fixes are applied to the program as to any
file; `Notebook.rebuild` then cuts the fixed program back into cells at those comments, puts the
magics back, and writes each changed cell's `source` into the original JSON text in place, so
outputs, metadata, key order, indentation and every byte outside the edited cells stay as they
were. A fix that would touch a masked line or cross a cell boundary is never offered
(`protect`), and one that did anyway makes `rebuild` refuse rather than guess.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from nncheck.diagnostics import Diagnostic, FileResult, Position

SUFFIX = ".ipynb"

# Cell magics whose body is Python (the cell is checked); any other cell magic makes the whole
# cell another language (measured against Ruff 0.17).
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy"})

_BOUNDARY = "# <nncheck-cell {}>"
_MASK_TAG = "# <nncheck-magic {}>"
_BOUNDARY_LINE = re.compile(r"# <nncheck-cell (\d+)>")
_MASK_LINE = re.compile(r".*# <nncheck-magic (\d+)>")
_PROTECTED = re.compile(r"# <nncheck-(?:cell|magic) \d+>$")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_ASSIGNED_MAGIC = re.compile(
    r"(?P<target>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[%!]"
)
_DECODER = json.JSONDecoder()
# "line 36" in a message (not "lines 3, 4", which rules do not write, nor a word ending in "line").
_LINE_MENTION = re.compile(r"(?<![\w-])line (\d+)\b")


class NotebookError(Exception):
    """The file is not a notebook nncheck can read or write back (one line, no traceback)."""


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split where Python's tokenizer splits them (not at form feeds
    or other characters that str.splitlines also takes for line breaks)."""
    lines, position = [], 0
    for match in _NEWLINE.finditer(text):
        lines.append(text[position : match.end()])
        position = match.end()
    if position < len(text):
        lines.append(text[position:])
    return lines


def is_notebook(name: str) -> bool:
    return name.lower().endswith(SUFFIX)


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One code cell that is part of the program."""

    number: int  # 1-based among all cells
    text: str  # its source, as written
    first_line: int  # the program line of its row 1
    rows: int  # how many program lines it has
    span: tuple[int, int]  # offsets of its "source" value in the notebook's JSON text
    added_newline: bool  # the program ends the cell with a newline the cell does not have


@dataclass(frozen=True)
class Mask:
    """IPython syntax replaced in the program: `lines` as written, `masked` as the program has them."""

    cell: int  # index into Notebook.cells
    lines: tuple[str, ...]
    masked: tuple[str, ...]


@dataclass
class Notebook:
    raw: str  # the JSON text as read
    program: str  # the code cells as one program (what the engine checks)
    cells: tuple[Cell, ...] = ()
    masks: dict[int, Mask] = field(default_factory=dict)
    ensure_ascii: bool = False  # the file escapes non-ASCII characters (\\u00e9)
    # program line (1-based) -> (index into cells, row); boundary lines map to the cell before.
    _lines: list[tuple[int, int]] = field(default_factory=list, repr=False)

    # -- positions ---------------------------------------------------------------------------

    def locate(self, position: Position) -> tuple[int, Position]:
        """The cell number and the position within that cell of a program position."""
        if not self.cells:
            return 1, position
        line = min(max(position.line, 1), len(self._lines)) if self._lines else 1
        if not self._lines:
            return self.cells[0].number, position
        index, row = self._lines[line - 1]
        if position.line > len(self._lines):  # the very end of the program
            row += position.line - len(self._lines)
        return self.cells[index].number, Position(row, position.column)

    def where(self, position: Position) -> str:
        """`cell N:row:col`, as Ruff prints a notebook position after the file name."""
        number, inner = self.locate(position)
        return f"cell {number}:{inner.line}:{inner.column}"

    def physical(self, position: Position) -> Position:
        """Where the character at a program position is in the notebook's JSON text: what
        tools that annotate the file itself (GitHub, SARIF viewers) need."""
        if not self.cells:
            return Position(1, 1)
        number, inner = self.locate(position)
        cell = next(cell for cell in self.cells if cell.number == number)
        starts = [0] + [match.end() for match in _NEWLINE.finditer(cell.text)]
        row = min(inner.line, len(starts))
        index = min(starts[row - 1] + inner.column - 1, len(cell.text))
        offset = _raw_offset(self.raw, cell.span, index)
        line = self.raw.count("\n", 0, offset) + 1
        column = offset - (self.raw.rfind("\n", 0, offset) + 1) + 1
        return Position(line, column)

    def cell_lines(self, position: Position) -> tuple[int, int, list[str]]:
        """The cell number, the row and the cell's lines as written, for showing the source."""
        number, inner = self.locate(position)
        cell = next(cell for cell in self.cells if cell.number == number)
        return number, inner.line, [line.rstrip("\r\n") for line in split_lines(cell.text)]

    def localize(self, message: str) -> str:
        """A finding's message with the program lines it names (`at line 36`) said as the
        notebook's reader sees them (`at cell 4, line 15`)."""

        def cell_line(match: re.Match[str]) -> str:
            number = int(match.group(1))
            if not 1 <= number <= len(self._lines):
                return match.group(0)
            cell, inner = self.locate(Position(number, 1))
            return f"cell {cell}, line {inner.line}"

        return _LINE_MENTION.sub(cell_line, message)

    # -- writing back --------------------------------------------------------------------------

    def cell_texts(self, program: str) -> list[str]:
        """Cut a (fixed) program back into the cells' texts, magics restored. Raises
        NotebookError when the program no longer has this notebook's cell structure."""
        lines = split_lines(program)
        groups: list[list[str]] = [[]]
        for line in lines:
            match = _BOUNDARY_LINE.fullmatch(line.rstrip("\r\n"))
            if match:
                if int(match.group(1)) != len(groups):
                    raise NotebookError("a fix moved the boundary between two cells; not fixed")
                groups.append([])
            else:
                groups[-1].append(line)
        if len(groups) != max(len(self.cells), 1):
            raise NotebookError("a fix removed the boundary between two cells; not fixed")
        texts = []
        seen: set[int] = set()
        for index, group in enumerate(groups[: len(self.cells)]):
            out: list[str] = []
            k = 0
            while k < len(group):
                match = _MASK_LINE.fullmatch(group[k].rstrip("\r\n"))
                if match is None:
                    out.append(group[k])
                    k += 1
                    continue
                number = int(match.group(1))
                mask = self.masks.get(number)
                count = len(mask.masked) if mask else 0
                found = [line.rstrip("\r\n") for line in group[k : k + count]]
                if mask is None or mask.cell != index or number in seen or found != list(mask.masked):
                    raise NotebookError("a fix changed a line with IPython syntax; not fixed")
                seen.add(number)
                endings = [line[len(line.rstrip("\r\n")):] for line in group[k : k + count]]
                out.extend(original + ending for original, ending in zip(mask.lines, endings))
                k += count
            text = "".join(out)
            if self.cells[index].added_newline and text.endswith("\n"):
                text = text[:-1]
            texts.append(text)
        if seen != set(self.masks):
            raise NotebookError("a fix removed a line with IPython syntax; not fixed")
        return texts

    def rebuild(self, program: str) -> str:
        """The notebook's JSON text with the cells of a fixed program: only the `source` values
        of the cells that changed are rewritten; every other byte is kept."""
        texts = self.cell_texts(program)
        out, position = [], 0
        for cell, text in zip(self.cells, texts):
            if text == cell.text:
                continue
            start, end = cell.span
            out.append(self.raw[position:start])
            out.append(_source_json(self.raw, cell.span, text, self.ensure_ascii))
            position = end
        out.append(self.raw[position:])
        return "".join(out)

    def diff(self, program: str, name: str) -> str:
        """A unified diff per changed cell, headed `name:cell N` (as Ruff shows notebook fixes)."""
        parts = []
        for cell, text in zip(self.cells, self.cell_texts(program)):
            if text == cell.text:
                continue
            label = f"{name}:cell {cell.number}"
            before = _lines_for_diff(cell.text)
            after = _lines_for_diff(text)
            parts.append("".join(difflib.unified_diff(before, after, fromfile=label, tofile=label)))
        return "".join(parts)


def _lines_for_diff(text: str) -> list[str]:
    # A cell's last line has no newline in the file, which is not a change worth showing.
    lines = split_lines(text)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


def read_notebook(raw: str, display: str = "<notebook>") -> Notebook:
    """Parse a notebook's JSON text. Raises NotebookError with one line that says what is wrong."""
    if not raw.strip():
        raise NotebookError(f"{display}: not a valid Jupyter notebook: the file is empty")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise NotebookError(
            f"{display}: not a valid Jupyter notebook: invalid JSON ({error.msg} at line "
            f"{error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise NotebookError(f"{display}: not a valid Jupyter notebook: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise NotebookError(f"{display}: not a valid Jupyter notebook: the JSON is not an object")
    version = data.get("nbformat")
    if version != 4:
        shown = "missing" if version is None else repr(version)
        raise NotebookError(
            f"{display}: not a Jupyter notebook in nbformat 4 (nbformat is {shown}); nncheck "
            "reads nbformat 4, which `jupyter nbconvert --to notebook` writes"
        )
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise NotebookError(f"{display}: not a valid Jupyter notebook: 'cells' is not a list")
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict) or not isinstance(cell.get("cell_type"), str):
            raise NotebookError(f"{display}: not a valid Jupyter notebook: cell {number} has no cell_type")
        source = cell.get("source", "")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise NotebookError(
                f"{display}: not a valid Jupyter notebook: the source of cell {number} is not text"
            )
    spans = _source_spans(raw)
    if len(spans) != len(cells):
        raise NotebookError(f"{display}: not a valid Jupyter notebook: cannot locate the cells' sources")
    ensure_ascii = not any(ord(char) > 127 for char in raw) and bool(re.search(r"\\u[0-9a-fA-F]{4}", raw))
    if not _is_python(data.get("metadata")):
        return Notebook(raw=raw, program="", ensure_ascii=ensure_ascii)
    return _build(raw, cells, spans, ensure_ascii)


def _is_python(metadata: Any) -> bool:
    """A notebook whose metadata names another language (an R or Julia kernel) has no Python."""
    if not isinstance(metadata, dict):
        return True
    for table, key in (("language_info", "name"), ("kernelspec", "language")):
        value = metadata.get(table, {})
        name = value.get(key) if isinstance(value, dict) else None
        if isinstance(name, str) and name.lower() not in ("python", "python3", "ipython", "ipython3"):
            return False
    return True


def _build(raw: str, cells: list[dict], spans: list[tuple[int, int]], ensure_ascii: bool) -> Notebook:
    notebook = Notebook(raw=raw, program="", ensure_ascii=ensure_ascii)
    program: list[str] = []
    line_map: list[tuple[int, int]] = []
    code_cells: list[Cell] = []
    for number, (cell, span) in enumerate(zip(cells, spans), 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = source if isinstance(source, str) else "".join(source)
        if not _is_python_cell(text):
            continue
        index = len(code_cells)
        if index:
            program.append(_BOUNDARY.format(index) + "\n")
            line_map.append(line_map[-1] if line_map else (index - 1, 1))
        lines = split_lines(text)
        added = bool(lines) and not lines[-1].endswith(("\n", "\r"))
        if added:
            lines[-1] += "\n"
        first_line = len(program) + 1
        masked = _mask(lines, index, notebook.masks)
        program.extend(masked)
        line_map.extend((index, row) for row in range(1, len(masked) + 1))
        code_cells.append(Cell(number, text, first_line, len(masked), span, added))
    notebook.program = "".join(program)
    notebook.cells = tuple(code_cells)
    notebook._lines = line_map
    return notebook


def _is_python_cell(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    if not first.startswith("%%"):
        return True
    name = first[2:].split(None, 1)[0] if first[2:].strip() else ""
    return name in PYTHON_CELL_MAGICS


# -- masking IPython syntax ------------------------------------------------------------------


def _mask(lines: list[str], cell: int, masks: dict[int, Mask]) -> list[str]:
    """The cell's lines with IPython syntax masked (see the module docstring)."""
    out: list[str] = []
    state = _LexState()
    k = 0
    while k < len(lines):
        line = lines[k]
        body = line.rstrip("\r\n")
        if state.at_statement_start():
            replacement = _masked_line(body)
            if replacement is not None:
                group = [body]
                # A magic continued with a backslash takes its following lines along.
                while group[-1].endswith("\\") and k + len(group) < len(lines):
                    group.append(lines[k + len(group)].rstrip("\r\n"))
                number = len(masks) + 1
                tag = _MASK_TAG.format(number)
                masked = [f"{replacement}  {tag}"] + [f"{tag}" for _ in group[1:]]
                masks[number] = Mask(cell, tuple(group), tuple(masked))
                for original, new in zip(lines[k : k + len(group)], masked):
                    out.append(new + original[len(original.rstrip("\r\n")):])
                k += len(group)
                continue
        state.feed(line)
        out.append(line)
        k += 1
    return out


def _masked_line(body: str) -> str | None:
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    if not stripped or stripped.startswith("#"):
        return None
    if stripped[0] in "%!?":
        return indent + "pass"
    assigned = _ASSIGNED_MAGIC.match(stripped)
    if assigned and not stripped[assigned.end() - 1 :].startswith("!="):
        return f"{indent}{assigned.group('target')} = ..."
    code = _code_part(stripped)
    if code.endswith("?") and re.fullmatch(r"[\w.\[\]()'\"*]+\?{1,2}", code):
        return indent + "pass"
    return None


def _code_part(line: str) -> str:
    """The line without its comment (a `#` inside a string is not one)."""
    quote = None
    k = 0
    while k < len(line):
        char = line[k]
        if quote:
            if char == "\\":
                k += 1
            elif char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#":
            return line[:k].rstrip()
        k += 1
    return line.rstrip()


class _LexState:
    """Just enough of Python's lexer to know whether a line starts a statement: open brackets,
    open triple-quoted strings and backslash continuations."""

    def __init__(self) -> None:
        self.depth = 0
        self.triple: str | None = None
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.triple is None and not self.continued

    def feed(self, line: str) -> None:
        body = line.rstrip("\r\n")
        k, n = 0, len(body)
        self.continued = False
        while k < n:
            if self.triple:
                end = body.find(self.triple, k)
                while end != -1 and _escaped(body, end):
                    end = body.find(self.triple, end + 1)
                if end == -1:
                    return
                k = end + 3
                self.triple = None
                continue
            char = body[k]
            if char == "#":
                return
            if char in "'\"":
                if body.startswith(char * 3, k):
                    self.triple = char * 3
                    k += 3
                    continue
                k += 1
                while k < n and body[k] != char:
                    k += 2 if body[k] == "\\" else 1
                k += 1
                continue
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            k += 1
        self.continued = body.endswith("\\") and self.triple is None


def _escaped(text: str, index: int) -> bool:
    backslashes = 0
    while index - backslashes - 1 >= 0 and text[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


# -- protecting the masks from fixes ---------------------------------------------------------


def protected_lines(program: str) -> set[int]:
    """The program lines a fix must not touch: cell boundaries and masked IPython syntax."""
    return {
        number
        for number, line in enumerate(split_lines(program), 1)
        if _PROTECTED.search(line.rstrip("\r\n"))
    }


def _touches(diagnostic: Diagnostic, lines: set[int]) -> bool:
    for edit in diagnostic.fix.edits:
        for line in lines:
            inside = edit.start.line < line < edit.end.line
            starts_on = edit.start.line == line and edit.start.column > 1
            ends_on = edit.end.line == line and edit.end.column > 1 and edit.start.line <= line
            if inside or starts_on or ends_on:
                return True
    return False


def protect(result: FileResult, notebook: "Notebook | None" = None) -> FileResult:
    """Drop the fixes that would edit a cell boundary or a masked line: such a fix could not be
    written back into the notebook, so it is not offered (the finding itself stays). With the
    notebook, the program lines that messages name are said as cell lines."""
    if not result.diagnostics or result.source is None:
        return result
    if notebook is not None:
        result.diagnostics = [
            d if "line " not in d.message else replace(d, message=notebook.localize(d.message))
            for d in result.diagnostics
        ]
    lines = protected_lines(result.source)
    if not lines:
        return result
    result.diagnostics = [
        replace(d, fix=None) if d.fix is not None and _touches(d, lines) else d
        for d in result.diagnostics
    ]
    return result


# -- the JSON text ---------------------------------------------------------------------------


def _skip(raw: str, index: int) -> int:
    return _WHITESPACE.match(raw, index).end()


def _members(raw: str, index: int):
    """(key, value start, value end) of each member of the JSON object that starts at `index`."""
    index = _skip(raw, index)
    if raw[index : index + 1] != "{":
        return
    index = _skip(raw, index + 1)
    if raw[index : index + 1] == "}":
        return
    while True:
        key, index = json.decoder.scanstring(raw, index + 1)
        index = _skip(raw, index)
        index = _skip(raw, index + 1)  # the colon
        _, end = _DECODER.raw_decode(raw, index)
        yield key, index, end
        index = _skip(raw, end)
        if raw[index] == "}":
            return
        index = _skip(raw, index + 1)  # the comma


def _elements(raw: str, index: int):
    """(start, end) of each element of the JSON array that starts at `index`."""
    index = _skip(raw, index)
    if raw[index : index + 1] != "[":
        return
    index = _skip(raw, index + 1)
    if raw[index : index + 1] == "]":
        return
    while True:
        _, end = _DECODER.raw_decode(raw, index)
        yield index, end
        index = _skip(raw, end)
        if raw[index] == "]":
            return
        index = _skip(raw, index + 1)


def _source_spans(raw: str) -> list[tuple[int, int]]:
    """Where each cell's `source` value is in the text (the last one when a key repeats, as
    json.loads reads it); a cell without one gets an empty span where it would go."""
    cells_at = None
    for key, start, _ in _members(raw, 0):
        if key == "cells":
            cells_at = start
    if cells_at is None:
        return []
    spans = []
    for start, end in _elements(raw, cells_at):
        span = None
        for key, value_start, value_end in _members(raw, start):
            if key == "source":
                span = (value_start, value_end)
        spans.append(span if span is not None else (end - 1, end - 1))
    return spans


def _raw_offset(raw: str, span: tuple[int, int], index: int) -> int:
    """The offset in the JSON text of character `index` of the decoded source value."""
    start, end = span
    strings = list(_elements(raw, start)) if raw[start] == "[" else [(start, end)]
    seen = 0
    for literal_start, literal_end in strings:
        k = literal_start + 1
        while k < literal_end - 1:
            if seen == index:
                return k
            if raw[k] == "\\":
                if raw[k + 1] == "u":
                    code = int(raw[k + 2 : k + 6], 16)
                    k += 12 if 0xD800 <= code < 0xDC00 and raw.startswith("\\u", k + 6) else 6
                else:
                    k += 2
            else:
                k += 1
            seen += 1
        if seen == index:
            return literal_end - 1  # the end of this string (the position after its last character)
    return max(start, end - 1)


def _source_json(raw: str, span: tuple[int, int], text: str, ensure_ascii: bool) -> str:
    """The new `source` value, laid out as the old one was (a string, or a list of lines one per
    line at the old indentation, or on one line)."""
    start, end = span
    old = raw[start:end]

    def string(value: str) -> str:
        return json.dumps(value, ensure_ascii=ensure_ascii)

    if not old.startswith("["):
        return string(text)
    lines = split_lines(text)
    if not lines:
        return "[]"
    inner = old[1:-1]
    if "\n" in old:
        first = re.match(r"\[\r?\n([ \t]*)", old)
        closing = re.search(r"\n([ \t]*)\]$", old)
        newline = "\r\n" if "\r\n" in old else "\n"
        item = first.group(1) if first else None
        close = closing.group(1) if closing else ""
        if item is None:
            item = close + " "
        return "[" + newline + ("," + newline).join(item + string(line) for line in lines) + newline + close + "]"
    if inner.strip():
        separator = ", " if re.search(r'",\s', inner) else ","
        return "[" + separator.join(string(line) for line in lines) + "]"
    # An empty list before: lay the lines out as the rest of the file lays out its lists.
    line_start = raw.rfind("\n", 0, start) + 1
    indent = re.match(r"[ \t]*", raw[line_start:]).group()
    unit = _indent_unit(raw)
    if unit is None:
        return "[" + ",".join(string(line) for line in lines) + "]"
    item = indent + unit
    return "[\n" + ",\n".join(item + string(line) for line in lines) + "\n" + indent + "]"


def _indent_unit(raw: str) -> str | None:
    match = re.match(r"\{\r?\n([ \t]+)\"", raw)
    return match.group(1) if match else None


__all__ = [
    "Notebook",
    "NotebookError",
    "PYTHON_CELL_MAGICS",
    "is_notebook",
    "protect",
    "protected_lines",
    "read_notebook",
]
