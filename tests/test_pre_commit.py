"""The pre-commit hooks end to end, with the real pre-commit: a temporary git repository uses
this checkout's hooks at its current commit; a buggy script and a buggy notebook stop the commit
with the finding, their fixed versions pass, and the nncheck-fix hook fixes a file in place.

pre-commit builds the hook's environment with pip (about a minute the first time); where that
cannot be done offline the test is skipped, saying why.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

pytestmark = pytest.mark.slow


def _git(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _notebook(script: str) -> str:
    """The script as a notebook: a Markdown cell, then its code split into cells at blank-line
    pairs, with a magic at the top as notebooks have."""
    blocks = [block.strip("\n") for block in script.split("\n\n\n") if block.strip()]
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# A network"]}]
    for number, block in enumerate(blocks, 1):
        text = ("%matplotlib inline\n" if number == 1 else "") + block
        parts = text.split("\n")
        cells.append({
            "cell_type": "code", "execution_count": number, "metadata": {}, "outputs": [],
            "source": [part + "\n" for part in parts[:-1]] + [parts[-1]],
        })
    data = {"cells": cells, "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(data, indent=1) + "\n"


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    rev = head.stdout.strip()
    repo = tmp_path_factory.mktemp("precommit") / "repo"
    repo.mkdir()
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "NNCHECK_")) and key not in ("NO_COLOR", "FORCE_COLOR")
    }
    env.update(
        PRE_COMMIT_HOME=str(repo.parent / "cache"),
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_NOSYSTEM="1", HOME=str(repo.parent),
        PATH=os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""),
    )
    _git("init", "-q", cwd=repo, env=env)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: nncheck\n", encoding="utf-8"
    )
    _git("add", ".pre-commit-config.yaml", cwd=repo, env=env)
    _git("commit", "-q", "--no-verify", "-m", "config", cwd=repo, env=env)
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--install-hooks"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=900,
    )
    if installed.returncode != 0:
        tail = " ".join((installed.stdout + installed.stderr).split()[-40:])
        pytest.skip(f"pre-commit could not build the hook's environment offline: {tail}")
    return repo, env


def _commit(repo: Path, env: dict, *files: str) -> subprocess.CompletedProcess:
    _git("add", *files, cwd=repo, env=env)
    return _git("commit", "-m", "change", cwd=repo, env=env)


def test_a_buggy_script_is_blocked_and_the_fixed_one_passes(hook_repo) -> None:
    repo, env = hook_repo
    (repo / "net.py").write_text((FIXTURES / "question_leaky.py").read_text(encoding="utf-8"), encoding="utf-8")
    blocked = _commit(repo, env, "net.py")
    assert blocked.returncode != 0
    assert "net.py:31:30: NN302" in blocked.stdout + blocked.stderr
    (repo / "net.py").write_text((FIXTURES / "question_fixed.py").read_text(encoding="utf-8"), encoding="utf-8")
    passed = _commit(repo, env, "net.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_a_buggy_notebook_is_blocked_and_the_fixed_one_passes(hook_repo) -> None:
    repo, env = hook_repo
    (repo / "net.ipynb").write_text(_notebook((FIXTURES / "question_leaky.py").read_text(encoding="utf-8")), encoding="utf-8")
    blocked = _commit(repo, env, "net.ipynb")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0
    assert "net.ipynb:cell " in output and "NN302" in output and "NN900" not in output
    (repo / "net.ipynb").write_text(_notebook((FIXTURES / "question_fixed.py").read_text(encoding="utf-8")), encoding="utf-8")
    passed = _commit(repo, env, "net.ipynb")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_the_fix_hook_fixes_in_place(hook_repo) -> None:
    repo, env = hook_repo
    config = repo / ".pre-commit-config.yaml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("- id: nncheck\n", "- id: nncheck-fix\n"), encoding="utf-8")
    try:
        (repo / "fixme.py").write_text((FIXTURES / "bias_inside_product.py").read_text(encoding="utf-8"), encoding="utf-8")
        blocked = _commit(repo, env, "fixme.py", ".pre-commit-config.yaml")
        assert blocked.returncode != 0  # the hook changed the file: the commit is stopped for review
        assert "files were modified by this hook" in blocked.stdout + blocked.stderr
        fixed = (repo / "fixme.py").read_text(encoding="utf-8")
        assert fixed != (FIXTURES / "bias_inside_product.py").read_text(encoding="utf-8")
    finally:
        config.write_text(original, encoding="utf-8")
