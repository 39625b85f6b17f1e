"""The shape of the package: imports run one way down the pipeline (no module imports, even
lazily or only for type checking, a module that imports it back) and no module takes another
module's private names. Read statically from the source, so a lazy import hidden in a function
counts as much as one at the top."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nncheck"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path, modules: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """(imported module, names taken from it, line) for every nncheck import in the file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module not in modules:
                continue
            names = []
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in modules:
                    found.append((submodule, [], node.lineno))
                else:
                    names.append(alias.name)
            if names:
                found.append((node.module, names, node.lineno))
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _, _ in _imports(path, modules):
            # A package's __init__ that only re-exports is a face, not a step of the pipeline.
            if target != name and not (name.startswith(target + ".") or target.startswith(name + ".")):
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_no_module_takes_another_modules_private_names():
    modules = _modules()
    private = []
    for name, path in modules.items():
        for target, names, line in _imports(path, modules):
            for imported in names:
                if imported.startswith("_") and not imported.startswith("__"):
                    private.append(f"{path.relative_to(PACKAGE.parent)}:{line} takes {target}.{imported}")
    assert private == []


# A function past this many branches is doing several things; split it (the issue "One semantic
# model" sets the bar). Measured with Ruff's mccabe (C901), the test extra's reference linter.
MAX_COMPLEXITY = 30


def test_no_function_is_too_complex():
    import re
    import shutil
    import subprocess

    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff (the test extra) is not installed")
    result = subprocess.run(
        [ruff, "check", "--isolated", "--select", "C901", "--output-format", "concise",
         "--config", f"lint.mccabe.max-complexity={MAX_COMPLEXITY}", str(PACKAGE)],
        capture_output=True, text=True, cwd=PACKAGE.parent,
    )
    too_complex = []
    for line in result.stdout.splitlines():
        match = re.match(r"(?P<path>[^:]+):\d+:\d+: C901 `(?P<name>[^`]+)` is too complex \((?P<n>\d+) >", line)
        if match is None:
            continue
        path = Path(match["path"]).resolve().relative_to(PACKAGE.parent).as_posix()
        measure = int(match["n"])
        too_complex.append(f"{path}: {match['name']} ({measure})")
    assert result.returncode in (0, 1), result.stderr
    assert too_complex == []


# The rules read the model through its face only (the issue "One semantic model"): `nncheck.model`
# and what it lists in __all__, plus the rules' own base, the fix helpers and the diagnostics.
RULE_MAY_IMPORT = {"nncheck.model", "nncheck.rules.base", "nncheck.rules.fixes", "nncheck.diagnostics"}


def _rule_modules() -> list[Path]:
    return [p for p in sorted((PACKAGE / "rules").glob("*.py")) if p.name != "__init__.py"]


def _boundary_breaches(path: Path, face: set[str]) -> list[str]:
    """What a rule module takes from below the model's face, or from another object's privates."""
    breaches = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            breaches += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name.startswith("nncheck")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nncheck"):
            if node.module not in RULE_MAY_IMPORT:
                breaches.append(f"line {node.lineno}: from {node.module}")
            elif node.module == "nncheck.model":
                breaches += [f"line {node.lineno}: nncheck.model.{a.name} is not in its __all__"
                             for a in node.names if a.name not in face]
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                breaches.append(f"line {node.lineno}: {ast.unparse(node)} (another object's private)")
        elif isinstance(node, ast.Attribute) and node.attr == "builder":
            breaches.append(f"line {node.lineno}: {ast.unparse(node)} (the model's builder: ask the model)")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            breaches.append(f"line {node.lineno}: setattr (cache with NetworkModel.facts)")
    return breaches


def test_rules_read_the_model_through_its_face_only():
    import nncheck.model

    face = set(nncheck.model.__all__)
    breaches = {
        path.name: found for path in _rule_modules() if (found := _boundary_breaches(path, face))
    }
    assert breaches == {}, (
        "rules import the model's facts from `nncheck.model` only: add a new fact to the face "
        "(nncheck/model/__init__.py and its __all__), and make what a rule needs public on the model"
    )


def test_the_boundary_check_sees_a_breach(tmp_path):
    rule = tmp_path / "nn999_example.py"
    rule.write_text(
        "from nncheck.model.network import NetworkModel\n"
        "from nncheck.model import not_a_fact\n"
        "def check(model):\n"
        "    setattr(model, 'x', 1)\n"
        "    return model._positions, model.builder.calls\n"
    )
    found = _boundary_breaches(rule, {"NetworkModel"})
    assert sorted(b.split(":")[0] for b in found) == ["line 1", "line 2", "line 4", "line 5", "line 5"]
