"""`--run` against scripts that misbehave: each attack must fail, and the report must say what
the script tried. The kernel-level layers (Landlock, seccomp, namespaces) are tested where this
machine has them; the audit hooks everywhere."""
from __future__ import annotations

import os
import pathlib
import socket
import sys
import textwrap
import threading

import pytest

from nncheck.probe import sandboxed

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX sandbox")


def _run(folder: pathlib.Path, code: str, timeout: float = 20):
    script = folder / "attack.py"
    script.write_text(textwrap.dedent(code), encoding="utf-8")
    result = sandboxed.run_script(script, timeout=timeout)
    return result, "\n".join(sandboxed.describe_run(result, [], script))


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


def test_writing_outside_its_folder_fails_and_is_reported(tmp_path, project):
    victim = tmp_path / "victim.txt"
    result, text = _run(project, f"""
        open({str(victim)!r}, 'w').write('pwned')
    """)
    assert not victim.exists()
    assert result.status == "raised" and result.data["type"] == "PermissionError"
    assert f"the sandbox refused: write {victim} (outside its private folder)" in text


def test_writing_into_the_scripts_own_folder_changes_only_the_private_copy(project):
    (project / "data.csv").write_text("1,2\n", encoding="utf-8")
    result, text = _run(project, """
        import os
        open('data.csv', 'w').write('overwritten')
        os.remove('attack.py')
    """)
    assert result.status == "finished", text
    assert (project / "data.csv").read_text(encoding="utf-8") == "1,2\n"
    assert (project / "attack.py").exists()
    assert "it wrote in its private folder (deleted since): data.csv" in text


def test_os_system_fails_and_is_reported(tmp_path, project):
    marker = tmp_path / "marker"
    result, text = _run(project, f"""
        import os
        os.system('touch {marker}')
    """)
    assert not marker.exists()
    assert f"the sandbox refused: run a program (os.system 'touch {marker}')" in text


def test_subprocess_fails_and_is_reported(tmp_path, project):
    marker = tmp_path / "marker"
    result, text = _run(project, f"""
        import subprocess
        subprocess.run(['touch', {str(marker)!r}])
    """)
    assert not marker.exists()
    assert result.data["type"] == "PermissionError"
    assert f"the sandbox refused: run a program (subprocess 'touch {marker}')" in text


def test_a_socket_connection_fails_and_is_reported(project):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(15)
    port = listener.getsockname()[1]
    received: list[bytes] = []

    def accept() -> None:
        try:
            connection, _ = listener.accept()
            received.append(connection.recv(100))
            connection.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        result, text = _run(project, f"""
            import socket
            socket.create_connection(('127.0.0.1', {port}), timeout=5).sendall(b'stolen')
        """)
    finally:
        listener.close()
        thread.join(5)
    assert received == []
    assert f"the sandbox refused: connect to 127.0.0.1:{port} (no network)" in text


def test_a_fork_loop_fails_and_is_reported(project):
    result, text = _run(project, """
        import os
        children = 0
        while True:
            if os.fork() == 0:
                os._exit(0)
            children += 1
    """)
    assert result.status == "raised" and result.data["type"] == "PermissionError"
    assert "the sandbox refused: start a new process (os.fork)" in text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux kernel layers")
def test_what_goes_around_the_audit_hooks_meets_the_kernel(tmp_path, project):
    victim = tmp_path / "victim.txt"
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    result, text = _run(project, f"""
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        print('fork', libc.fork())
        print('write', libc.open({str(victim).encode()!r}, os.O_WRONLY | os.O_CREAT, 0o644))
        print('read', libc.open({str(secret).encode()!r}, os.O_RDONLY))
        print('socket', libc.socket(1, 1, 0))
    """)
    assert result.status == "finished", text
    layers = " ".join(result.layers)
    output = dict(line.split() for line in result.stdout.splitlines() if line.strip())
    if "seccomp" in layers:
        assert output["fork"] == "-1" and output["socket"] == "-1"
    if "landlock" in layers:
        assert output["write"] == "-1" and output["read"] == "-1"
        assert not victim.exists()
    if "seccomp" not in layers and "landlock" not in layers:
        pytest.skip("neither seccomp nor Landlock on this machine: the audit hooks are the guard")


def test_a_huge_allocation_fails_and_is_reported(project):
    result, text = _run(project, """
        import numpy as np
        weights = np.ones((200_000, 200_000))
    """)
    assert result.status == "raised" and result.data["type"] in ("MemoryError", "_ArrayMemoryError")
    assert "it raised" in text and "MemoryError" in text


def test_an_infinite_loop_is_stopped_and_reported(project):
    result, text = _run(project, """
        while True:
            pass
    """, timeout=2)
    assert result.status == "timeout" and result.seconds < 10
    assert "it was stopped after 2 s (--timeout): it was still running." in text


def test_reading_the_users_ssh_keys_fails_and_is_reported(tmp_path, project):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    key = home / ".ssh" / "id_rsa"
    key.write_text("PRIVATE KEY", encoding="utf-8")
    result, text = _run(project, f"""
        import os, pwd
        # ~ is the sandbox's own home: there is nothing there.
        print('home', os.path.exists(os.path.expanduser('~/.ssh')))
        for path in ({str(key)!r}, os.path.join(pwd.getpwuid(os.getuid()).pw_dir, '.ssh', 'id_rsa')):
            try:
                print(open(path).read())
            except OSError as error:
                print('refused', type(error).__name__)
        os.listdir({str(home / '.ssh')!r})
    """)
    assert "PRIVATE KEY" not in result.stdout
    assert "home False" in result.stdout
    assert result.stdout.count("refused PermissionError") == 2
    assert f"the sandbox refused: read {key} (outside its private folder and Python's libraries)" in text
    assert f"the sandbox refused: list {home / '.ssh'}" in text


def test_the_sandbox_layers_are_reported(project):
    result, text = _run(project, "x = 1\n")
    assert result.status == "finished"
    assert "audit hooks" in result.layers
    assert "sandbox: a private copy of its folder (1 file, " in text
    if sys.platform.startswith("linux") and os.uname().machine in ("x86_64", "aarch64"):
        assert "seccomp" in result.layers
