"""The model's positions (nncheck.model.parse.Positions), computed one top-level statement at a
time, are libcst's PositionProvider ranges for every node: on fixtures and on sources
written to catch a shifted line (decorators, semicolons, comments before the first statement,
Windows line ends, a file without a final newline, continuation lines)."""
from __future__ import annotations

import warnings
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from nncheck.model import NetworkModel
from nncheck.model.parse import Positions

ROOT = Path(__file__).resolve().parent.parent

EDGE_CASES = {
    "header_comments": "# a comment\n\n# another\nimport numpy as np\n\n\nx = np.ones(3)\n",
    "semicolons": "a = 1; b = 2;\nc = a + b\nif c: d = 1; e = 2\n",
    "decorators": (
        "import functools\n\n@functools.lru_cache()\n# between\n@staticmethod\ndef f(x):\n"
        "    return x\n\nclass A:\n    @property\n    def p(self):\n        return 1\n\n@dataclass\nclass B:\n    x: int = 0\n"
    ),
    "async": "async def f():\n    async with a as b:\n        async for x in b:\n            await x\n",
    "windows_line_ends": "import numpy as np\r\n\r\ndef f(x):\r\n    return np.tanh(x)\r\n\r\ny = f(2)\r\n",
    "no_final_newline": "x = 1\ny = (x +\n     2)",
    "continuations": "x = 1 + \\\n    2\ns = '''a\nb\nc'''\nt = [1,\n     2]\nfor i in t:\n    pass\nelse:\n    pass\n",
    "compound": (
        "try:\n    import numpy as np\nexcept ImportError:\n    np = None\nfinally:\n    pass\n"
        "while False:\n    break\nwith open('f') as g, open('h') as k:\n    pass\n"
        "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\nmatch x:\n    case 1:\n        pass\n"
    ),
    "indent_tabs": "def f():\n\tif True:\n\t\treturn 1\n\n\ndef g():\n\treturn f()\n",
    "docstring_only": '"""A module."""\n',
    "empty": "",
}


def _compare(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module = cst.parse_module(text)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions = Positions(wrapper, text, _parents(module))
    for node, code_range in expected.items():
        assert positions[node] == code_range, (type(node).__name__, code_range, positions[node])


class _Parents(cst.CSTVisitor):
    def __init__(self) -> None:
        self.stack: list = []
        self.parents: dict = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        self.stack.append(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()


def _parents(module: cst.Module) -> dict:
    visitor = _Parents()
    module.visit(visitor)
    return visitor.parents


@pytest.mark.parametrize("name", sorted(EDGE_CASES))
def test_positions_match_libcst_on_edge_cases(name: str) -> None:
    _compare(EDGE_CASES[name])


def test_positions_match_libcst_on_fixtures() -> None:
    # every fifth fixture: the whole set and both corpora were compared once when this was
    # written (1.86 million nodes, no difference); these keep it so
    for path in sorted((ROOT / "fixtures").glob("*.py"))[::5]:
        text = path.read_text(encoding="utf-8")
        try:
            compile(text, str(path), "exec")
        except SyntaxError:
            continue
        _compare(text)


def test_positions_generate_only_the_statements_asked_about() -> None:
    text = "".join(f"def f{i}(x):\n    return x + {i}\n\n" for i in range(50))
    module = cst.parse_module(text)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    # the model's own parent links, as the model uses them
    model = NetworkModel.build(wrapper, path="t.py", source=text)
    positions = Positions(wrapper, text, model.builder.parents)
    target = module.body[30].body.body[0].body[0].value
    assert positions[target].start.line == 30 * 3 + 2
    assert len(positions._tables) == 1 and positions._whole is None
