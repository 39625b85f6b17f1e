"""What the command line imports before it knows what it will do.

`nncheck --version` and `--help` run on every pre-commit install and in every CI log; they must
not pay for the rules, the model, libcst's parser, NumPy, the fixer or the worker pool. Checked
in a fresh interpreter, through sys.modules, since this test process has them all loaded.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "numpy",
    "libcst",
    "nncheck.engine",
    "nncheck.rules",
    "nncheck.model",
    "nncheck.fix",
    "nncheck.runner",
    "nncheck.config",
    "multiprocessing",
    "tomllib",
    "pathspec",
)

PROBE = """
import json, sys
from nncheck.cli import main
try:
    main({args!r})
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True, text=True, timeout=60, check=True,
    )
    return set(json.loads(completed.stderr.strip().splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(name + ".") for module in modules)


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("rule", "--help")])
def test_the_cheap_answers_import_nothing_heavy(args: tuple[str, ...]) -> None:
    modules = modules_after(*args)
    assert "click" in modules  # the probe did run the command line
    assert [name for name in HEAVY if loaded(modules, name)] == []


def test_library_names_are_still_there() -> None:
    # The lazy package still gives the library's entry points, and `from nncheck import *` works.
    code = (
        "import nncheck, sys; assert 'nncheck.engine' not in sys.modules;"
        "from nncheck import check_source, Diagnostic, Severity, Fix, check_text;"
        "ns = {}; exec('from nncheck import *', ns);"
        "assert {'check_source', 'Diagnostic'} <= set(ns);"
        "print(len(check_source('x = 1\\n')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "0"


@pytest.mark.parametrize("args", [("--demo",), ("fixtures/question.py",)])
def test_pathspec_is_loaded_only_to_match_patterns(args: tuple[str, ...]) -> None:
    # The built-in demo and a check of a named file match no path against a pattern: they run
    # where only NumPy, libcst and click are installed (the README's main command).
    from pathlib import Path

    args = tuple(str(Path(__file__).resolve().parent.parent / a) if a.endswith(".py") else a for a in args)
    modules = modules_after(*args)
    assert loaded(modules, "nncheck.model")  # the probe did check something
    assert not loaded(modules, "pathspec")
