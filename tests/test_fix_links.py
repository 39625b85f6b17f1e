"""--fix through links: a symlink's target is fixed and the link stays; a hard-linked file is
fixed in place, so every name sees the fix (not atomic, and said so); concurrent fixes of one
hard-linked file never interleave; and a file is written back in its own encoding."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nncheck.cli import cli
from nncheck.fix import FixError, write_atomic

ROOT = Path(__file__).resolve().parent.parent
LEAKY = (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links and symlinks")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--isolated", *args], catch_exceptions=False)


def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(project: Path) -> None:
    (project / "real").mkdir()
    target = project / "real" / "net.py"
    target.write_text(LEAKY, encoding="utf-8")
    link = project / "net.py"
    link.symlink_to(target)
    result = invoke("--fix", "net.py")
    assert result.exit_code == 1 and "fixed" in result.stdout
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "np.dot(self.inputs, self.weights) + self.bias" in target.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_fix_of_a_hard_linked_file_reaches_every_name_and_says_it_was_not_atomic(project: Path) -> None:
    first = project / "net.py"
    first.write_text(LEAKY, encoding="utf-8")
    first.chmod(0o640)
    second = project / "copy_of_net.py"
    os.link(first, second)
    inode = first.stat().st_ino
    result = invoke("--fix", "net.py")
    assert result.exit_code == 1
    assert first.stat().st_ino == second.stat().st_ino == inode and first.stat().st_nlink == 2
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8") != LEAKY
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert result.stderr == (
        "nncheck: warning: net.py: it has 2 hard links, so it was fixed in place for all of them "
        "to see the fix; that is not one atomic step (a copy of the old content was kept beside "
        "it until the new one was on disk)\n"
    )
    assert sorted(p.name for p in project.iterdir()) == ["copy_of_net.py", "net.py"]  # no leftovers


def test_write_in_place_refuses_a_file_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "net.py"
    path.write_bytes(b"x = 1\n")
    os.link(path, tmp_path / "other.py")
    with pytest.raises(FixError, match="changed while it was being checked"):
        write_atomic(path, b"x = 2\n", expected=b"x = 0\n")
    assert path.read_bytes() == b"x = 1\n"
    note = write_atomic(path, b"x = 22\n", expected=b"x = 1\n")
    assert "2 hard links" in note and (tmp_path / "other.py").read_bytes() == b"x = 22\n"
    write_atomic(path, b"y\n", expected=b"x = 22\n")  # shorter: the rest is cut off
    assert (tmp_path / "other.py").read_bytes() == b"y\n"


@pytest.mark.slow
def test_concurrent_fixes_of_a_hard_linked_file_corrupt_nothing(tmp_path: Path) -> None:
    path = tmp_path / "net.py"
    path.write_text(LEAKY, encoding="utf-8")
    os.link(path, tmp_path / "other.py")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    runs = [subprocess.Popen([sys.executable, "-m", "nncheck", "--isolated", "--fix", "net.py"],
                             cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(4)]
    outputs = [run.communicate(timeout=180)[1].decode() for run in runs]
    fixed = path.read_text(encoding="utf-8")
    assert "np.dot(self.inputs, self.weights) + self.bias" in fixed
    assert (tmp_path / "other.py").read_text(encoding="utf-8") == fixed
    # Whoever came second found the file already fixed, and said so rather than write twice.
    assert all("Traceback" not in output for output in outputs)
    done = subprocess.run([sys.executable, "-m", "nncheck", "--isolated", "--fix", "net.py"],
                          cwd=tmp_path, env=env, capture_output=True)
    assert path.read_text(encoding="utf-8") == fixed, done.stderr


def test_fix_writes_back_in_the_files_own_encoding(project: Path) -> None:
    path = project / "latin.py"
    path.write_bytes(("# -*- coding: latin-1 -*-\n# données d'entraînement\n" + LEAKY).encode("latin-1"))
    invoke("--fix", "latin.py")
    data = path.read_bytes()
    assert data.startswith(b"# -*- coding: latin-1 -*-\n# donn\xe9es d'entra\xeenement\n")
    assert "self.weights) + self.bias" in data.decode("latin-1")
    bom = project / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbf" + LEAKY.encode("utf-8"))
    invoke("--fix", "bom.py")
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf") and b"self.weights) + self.bias" in bom.read_bytes()
