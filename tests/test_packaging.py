"""Building from source: the sdist and the wheel build with no deprecation warning (the old
TOML-table `project.license` made setuptools warn that source builds stop working after
2027-02-18), and the license is an SPDX expression in the metadata."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_sdist_and_wheel_build_without_deprecation_warnings(tmp_path: Path) -> None:
    pytest.importorskip("build")
    source = tmp_path / "src"
    # A copy of the project's own files, so nothing is written into the checkout.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "*.egg-info", "build", "dist",
                                                                 "__pycache__", ".pytest_cache", ".hypothesis"))
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0 and ("Could not find a version" in output or "No matching distribution" in output):
        pytest.skip("the build backend cannot be installed offline")
    assert done.returncode == 0, output[-2000:]
    assert "deprecat" not in output.lower(), [line for line in output.splitlines() if "eprecat" in line]
    wheel = next((tmp_path / "dist").glob("nncheck-*.whl"))
    assert next((tmp_path / "dist").glob("nncheck-*.tar.gz"))
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode("utf-8")
    assert "License-Expression: MIT" in text
