"""Real notebooks: public from-scratch NumPy networks written as notebooks, read from local
copies of their repositories (never committed here; each test skips when its copy is absent).

- they are read, with no NN900 for their IPython magics;
- positions match Ruff's for the same cells: a test rule reports what Ruff's NPY002 reports
  (legacy `np.random.*` calls) at the same place, and the two lists of `cell N:row:col` agree;
- `--fix` changes no byte outside the cells it edits.

Where the copies are: NNCHECK_NOTEBOOK_MIRRORS (default /work/.mirror) holds one bare-ish git
repository per project as `<owner>+<name>/repo`, as the project's fetch tool leaves them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import libcst as cst
import pytest
from click.testing import CliRunner

from nncheck.cli import cli
from nncheck.diagnostics import Applicability, Diagnostic, Severity
from nncheck.discover import load_source
from nncheck.rules.base import Invalid, Rule, Valid

MIRRORS = Path(os.environ.get("NNCHECK_NOTEBOOK_MIRRORS", "/work/.mirror"))
NOTEBOOKS = [
    ("dennybritz+nn-from-scratch", "nn-from-scratch.ipynb"),
    ("tonyjoo974+Neural-Net-from-scratch", "neural_network.ipynb"),
    ("tonyjoo974+Neural-Net-from-scratch", "develop_neural_network.ipynb"),
    ("pablobordons+neural_network", "01_logic_gates.ipynb"),
]
LEGACY = {"seed", "rand", "randn", "randint", "random", "shuffle", "permutation", "normal", "uniform", "choice"}


def _copy(repo: str, path: str, folder: Path) -> Path:
    git_dir = MIRRORS / repo / "repo"
    if not git_dir.exists() or shutil.which("git") is None:
        pytest.skip(f"no local copy of {repo.replace('+', '/')} (see the module docstring)")
    shown = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], capture_output=True)
    if shown.returncode != 0 or not shown.stdout.strip():
        pytest.skip(f"{path} is not in the local copy of {repo.replace('+', '/')}")
    target = folder / f"{repo.split('+')[0]}__{path}"
    target.write_bytes(shown.stdout)
    return target


ids = [f"{repo.split('+')[0]}/{path}" for repo, path in NOTEBOOKS]
each = pytest.mark.parametrize(("repo", "path"), NOTEBOOKS, ids=ids)


class LegacyRandomRule(Rule):
    """
    ## What it does
    Flags legacy `np.random.*` calls where Ruff's NPY002 does (tests only).

    ## Why is this bad?
    It is not; Ruff reports the same places, which lets the tests compare positions.

    ## Example
    ```python
    np.random.randn(3)
    ```

    ## Use instead
    ```python
    np.random.default_rng(0).standard_normal(3)
    ```
    """

    code = "NN996"
    name = "test-legacy-random"
    severity = Severity.INFO
    summary = "a legacy np.random call (tests only)"
    fix_availability = "always"
    VALID = [Valid("x = 1\n")]
    INVALID = [Invalid("import numpy as np\nnp.random.randn(2)\n", at="np.random.randn", says=("legacy",))]

    def check(self) -> Iterator[Diagnostic]:
        found: list[cst.Attribute] = []

        class Finder(cst.CSTVisitor):
            def visit_Call(self, node: cst.Call) -> None:
                func = node.func
                if (
                    isinstance(func, cst.Attribute)
                    and func.attr.value in LEGACY
                    and isinstance(func.value, cst.Attribute)
                    and func.value.attr.value == "random"
                    and isinstance(func.value.value, cst.Name)
                    and func.value.value.value in ("np", "numpy")
                ):
                    found.append(func)

        self.model.module.visit(Finder())
        for node in found:
            # A fix that renames the call out of the legacy set, so that --fix edits every cell
            # with such a call (and a second pass finds nothing).
            yield self.report(
                node,
                f"legacy `np.random.{node.attr.value}`",
                fix=self.replace(node.attr, node.attr.value + "_legacy", "Rename", Applicability.SAFE),
            )


@pytest.fixture
def legacy_rule(monkeypatch: pytest.MonkeyPatch) -> type[Rule]:
    from conftest import _register

    _register(monkeypatch, LegacyRandomRule)
    return LegacyRandomRule


@each
def test_read_with_no_syntax_error_for_magics(tmp_path: Path, repo: str, path: str) -> None:
    notebook = _copy(repo, path, tmp_path)
    loaded = load_source(notebook)
    assert loaded.notebook is not None and loaded.notebook.cells
    result = CliRunner().invoke(cli, ["--select", "ALL", "--output-format", "json", str(notebook)])
    assert result.exit_code in (0, 1), result.output
    assert not [d for d in json.loads(result.stdout) if d["code"] == "NN900"]
    raw = json.loads(notebook.read_text(encoding="utf-8"))
    magic_lines = [
        line for cell in raw["cells"] if cell["cell_type"] == "code"
        for line in (cell["source"] if isinstance(cell["source"], list) else cell["source"].splitlines(True))
        if line.lstrip().startswith(("%", "!"))
    ]
    assert len(loaded.notebook.masks) >= len(magic_lines)


@each
def test_positions_match_ruffs(tmp_path: Path, repo: str, path: str, legacy_rule) -> None:
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed")
    notebook = _copy(repo, path, tmp_path)
    done = subprocess.run(
        [ruff, "check", "--no-cache", "--isolated", "--select", "NPY002", "--output-format", "json", str(notebook)],
        capture_output=True, text=True, timeout=120,
    )
    theirs = sorted(
        (d["cell"], d["location"]["row"], d["location"]["column"])
        for d in json.loads(done.stdout or "[]")
        if re.search(r"`np\.random\.(\w+)`", d["message"]).group(1) in LEGACY
    )
    if not theirs:
        pytest.skip("Ruff reports no legacy np.random call here (or does not read this notebook)")
    result = CliRunner().invoke(cli, ["--select", "NN996", "--output-format", "json", str(notebook)])
    ours = sorted((d["cell"], d["location"]["row"], d["location"]["column"]) for d in json.loads(result.stdout))
    assert ours == theirs


def _source_blocks(text: str) -> dict[int, range]:
    """Line ranges (0-based) of each cell's "source" value in a notebook as nbformat lays it out
    (one string per line): found here by reading lines, independently of nncheck's own parser."""
    blocks: dict[int, range] = {}
    lines = text.splitlines()
    cell = -1
    k = 0
    while k < len(lines):
        line = lines[k]
        if re.match(r'\s*"cell_type":', line):
            cell += 1
        match = re.match(r'(\s*)"source": \[\s*$', line)
        if match:
            end = k + 1
            while not re.match(rf'{match.group(1)}\](,)?\s*$', lines[end]):
                end += 1
            blocks[cell] = range(k, end + 1)
            k = end
        elif re.match(r'\s*"source": "', line):
            blocks[cell] = range(k, k + 1)
        k += 1
    return blocks


@each
def test_fix_changes_no_byte_outside_the_edited_cells(tmp_path: Path, repo: str, path: str, legacy_rule) -> None:
    notebook = _copy(repo, path, tmp_path)
    before = notebook.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["--select", "ALL,NN996", "--fix", "--unsafe-fixes", str(notebook)])
    assert result.exit_code in (0, 1), result.output
    after = notebook.read_text(encoding="utf-8")
    old, new = json.loads(before), json.loads(after)
    changed = {index for index, (a, b) in enumerate(zip(old["cells"], new["cells"])) if a["source"] != b["source"]}
    if not changed:
        pytest.skip("nothing to fix in this notebook")
    assert {k: v for k, v in old.items() if k != "cells"} == {k: v for k, v in new.items() if k != "cells"}
    for a, b in zip(old["cells"], new["cells"]):
        assert list(a) == list(b)
        assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}
    # Byte for byte: outside the "source" blocks of the changed cells, the lines are the same.
    old_blocks, new_blocks = _source_blocks(before), _source_blocks(after)
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)

    def outside(lines: list[str], blocks: dict[int, range]) -> list[str]:
        hidden = {line for cell in changed for line in blocks[cell]}
        return [line for number, line in enumerate(lines) if number not in hidden]

    assert outside(old_lines, old_blocks) == outside(new_lines, new_blocks)
    assert before.endswith("\n") == after.endswith("\n")
