"""Fix mode as a real process: killed with SIGKILL while it fixes many files, every file is either
its original or its fully fixed self; and the end-to-end proof that `nncheck --fix
--unsafe-fixes` turns the question's two scripts into networks that learn [0, 1, 0, 1]."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from nncheck.engine import check_text
from nncheck.fix import fix_text
from nncheck.rules import select_rules

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    (ROOT / "fixtures" / "question_leaky.py").read_text(encoding="utf-8"),
    (ROOT / "fixtures" / "question.py").read_text(encoding="utf-8"),
]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and POSIX file modes")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _expected(unsafe: bool = True) -> list[bytes]:
    rules = select_rules()
    return [
        fix_text(source, lambda text: check_text(text, "net.py", rules), unsafe=unsafe).text.encode("utf-8")
        for source in SOURCES
    ]


def _many_files(folder: Path, count: int) -> dict[Path, int]:
    """`count` scripts, alternating the two questions; each with the index of its source."""
    files = {}
    for number in range(count):
        path = folder / f"net_{number:03d}.py"
        path.write_text(SOURCES[number % 2], encoding="utf-8")
        files[path] = number % 2
    return files


def _states(files: dict[Path, int], fixed: list[bytes]) -> list[str]:
    states = []
    for path, index in files.items():
        data = path.read_bytes()
        if data == SOURCES[index].encode("utf-8"):
            states.append("original")
        elif data == fixed[index]:
            states.append("fixed")
        else:
            states.append(f"DAMAGED {path.name}")
    return states


def test_sigkill_while_fixing_leaves_each_file_original_or_fully_fixed(tmp_path: Path) -> None:
    fixed = _expected()
    files = _many_files(tmp_path, 16)
    originals = {path: path.read_bytes() for path in files}
    process = subprocess.Popen(
        [sys.executable, "-m", "nncheck", "--fix", "--unsafe-fixes", "."],
        cwd=tmp_path, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        # Kill it as soon as the first file has been replaced: the run is then in the middle of
        # checking, fixing and writing the others.
        while time.monotonic() < deadline and process.poll() is None:
            if any(path.read_bytes() != originals[path] for path in files):
                break
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    states = _states(files, fixed)
    assert not [state for state in states if state.startswith("DAMAGED")], states
    assert "fixed" in states and "original" in states, "the kill did not land in the middle of the run"
    # The survivors are still valid input: a second run finishes the job.
    done = subprocess.run(
        [sys.executable, "-m", "nncheck", "--fix", "--unsafe-fixes", *[p.name for p in files if p.read_bytes() == originals[p]][:2]],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


KILL_INSIDE_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    import nncheck.fix as fix

    real_replace = os.replace
    calls = []

    def replace_then_die(source, target):
        calls.append(target)
        if len(calls) == int(sys.argv[1]):
            # The temporary file is written and flushed to disk; die before the rename.
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(source, target)

    fix.os.replace = replace_then_die
    from nncheck.cli import main
    main(["--fix", "--unsafe-fixes", "."])
    """
)


def test_sigkill_between_the_temporary_file_and_the_rename(tmp_path: Path) -> None:
    fixed = _expected()
    work = tmp_path / "work"
    work.mkdir()
    files = _many_files(work, 6)
    driver = tmp_path / "driver.py"
    driver.write_text(KILL_INSIDE_WRITE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(driver), "3"], cwd=work, env=_env(), capture_output=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL
    assert _states(files, fixed) == ["fixed", "fixed", "original", "original", "original", "original"]
    # What a kill leaves behind is a hidden temporary file, never a half-written script.
    leftovers = [p.name for p in work.iterdir() if p not in files]
    assert len(leftovers) == 1 and leftovers[0].startswith(".net_002.py.") and leftovers[0].endswith(".nncheck")


# -- the end-to-end proof ----------------------------------------------------------------------


def _predictions(output: str) -> list[float]:
    """The last printed array (the scripts print their predictions at the end)."""
    start = output.rstrip().rfind("[[")
    assert start != -1, f"no predictions printed:\n{output}"
    return [float(number) for number in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", output[start:])]


@pytest.mark.parametrize("name", ["question.py", "question_leaky.py"])
def test_fixed_question_scripts_learn_the_labels(tmp_path: Path, name: str) -> None:
    script = tmp_path / name
    script.write_bytes((ROOT / "fixtures" / name).read_bytes())
    fixing = subprocess.run(
        [sys.executable, "-m", "nncheck", "--fix", "--unsafe-fixes", name],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120,
    )
    assert fixing.returncode == 0, fixing.stdout + fixing.stderr
    assert re.fullmatch(r"Found (\d+) problems \(\1 fixed, 0 remaining\)\.\n", fixing.stdout), fixing.stdout
    again = subprocess.run(
        [sys.executable, "-m", "nncheck", name], cwd=tmp_path, env=_env(), capture_output=True, text=True, timeout=120
    )
    assert (again.returncode, again.stdout) == (0, "All checks passed!\n")
    run = subprocess.run(
        [sys.executable, name], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    predictions = _predictions(run.stdout)
    assert len(predictions) == 4
    assert [int(p > 0.5) for p in predictions] == [0, 1, 0, 1], run.stdout
    if name == "question_leaky.py":
        # NN101's fix thresholds the printed predictions: they are the labels themselves.
        assert predictions == [0, 1, 0, 1], run.stdout
