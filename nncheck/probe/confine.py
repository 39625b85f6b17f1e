"""The confinement of `--run` and `--gradcheck`, applied by child.py to its own process before
the user's script runs. Standard library only: child.py imports nothing from nncheck.

Layers, each applied where the system offers it (`confine` returns the names of those that
hold, and the parent reports them):

* "user+network namespace" (Linux, unprivileged user namespaces): the process has a network
  stack of its own with no interface up, so nothing can be reached.
* "landlock" (Linux 5.13+): the kernel lets the process write only inside its private folder,
  read only there, in Python's installation and libraries and a few system files, and (ABI 4+)
  neither connect nor bind TCP sockets; (ABI 6+) signal no process outside itself.
* "seccomp" (Linux on x86-64 and AArch64): the kernel refuses new processes and programs
  (fork, vfork, clone without CLONE_THREAD, execve), sockets other than IPv4/IPv6 ones, connect,
  bind, listen, sends to an address, signals to other processes, ptrace and a few more. Threads
  still work.
* "audit hooks" (every platform, Python 3.8+): Python's own hooks see each attempt first, record
  what the script tried (the parent reports it) and refuse it with a PermissionError. They are a
  guard against accidents, not a boundary: ctypes or a C extension can go around them.

The layers that need no cooperation from the script (namespaces, Landlock, seccomp, and the
rlimits the parent sets) are inherited by everything the process does, ctypes included, and
cannot be lifted by it.
"""
from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys
import threading

# -- what the script may read ------------------------------------------------------------------


def readable_roots(private: str) -> list[str]:
    """Folders and files the script may read: its private folder, Python's installation and
    every folder on sys.path (the libraries it imports), the system's shared libraries and data,
    and the few files of /etc, /proc, /sys and /dev that Python, NumPy and matplotlib read."""
    roots = [private, sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(sys.executable), os.path.dirname(os.path.realpath(sys.executable))]
    roots += [entry for entry in sys.path if entry]
    roots += ["/usr", "/lib", "/lib64", "/lib32", "/opt/conda",
              "/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/matplotlibrc",
              "/etc/mime.types", "/etc/nsswitch.conf",
              f"/proc/{os.getpid()}", "/proc/cpuinfo", "/proc/meminfo", "/proc/stat",
              "/sys/devices/system/cpu", "/sys/fs/cgroup",
              "/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"]
    found = []
    for root in roots:
        real = os.path.realpath(root)
        if os.path.exists(real) and real not in found:
            found.append(real)
    return found


WRITABLE_DEVICES = ("/dev/null",)


# -- Landlock ----------------------------------------------------------------------------------

_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_ADD_RULE, _SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
_LANDLOCK_CREATE_RULESET_VERSION = 1
_LANDLOCK_RULE_PATH_BENEATH = 1
_PR_SET_NO_NEW_PRIVS = 38

_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_TRUNCATE, _FS_IOCTL_DEV = 1 << 14, 1 << 15
_FS_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1


def _libc():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    libc.prctl.restype = ctypes.c_int
    return libc


def _fs_rights(abi: int) -> int:
    rights = (1 << 13) - 1  # ABI 1: execute ... make_sym
    if abi >= 2:
        rights |= 1 << 13  # refer
    if abi >= 3:
        rights |= _FS_TRUNCATE
    if abi >= 5:
        rights |= _FS_IOCTL_DEV
    return rights


def landlock(private: str) -> str | None:
    """Restrict the filesystem (and, where the kernel can, TCP and signals). Returns the layer's
    name when it holds, None when the kernel has no Landlock."""
    if not sys.platform.startswith("linux"):
        return None
    libc = _libc()
    abi = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                       ctypes.c_uint32(_LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 1:
        return None
    handled = _fs_rights(abi)
    if abi >= 6:
        attr = struct.pack("=QQQ", handled, _NET_BIND_TCP | _NET_CONNECT_TCP,
                           _SCOPE_ABSTRACT_UNIX_SOCKET | _SCOPE_SIGNAL)
    elif abi >= 4:
        attr = struct.pack("=QQ", handled, _NET_BIND_TCP | _NET_CONNECT_TCP)
    else:
        attr = struct.pack("=Q", handled)
    buffer = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, buffer, ctypes.c_size_t(len(attr)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        return None
    try:
        read = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
        rules = [(path, read) for path in readable_roots(private)]
        rules += [(os.path.realpath(private), handled)]
        rules += [(device, _FS_READ_FILE | _FS_WRITE_FILE | (_FS_IOCTL_DEV if abi >= 5 else 0))
                  for device in WRITABLE_DEVICES if os.path.exists(device)]
        for path, rights in rules:
            try:
                descriptor = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    rights &= _FS_FILE_RIGHTS
                rights &= handled
                rule = ctypes.create_string_buffer(struct.pack("=Qi", rights, descriptor), 12)
                libc.syscall(_SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset),
                             ctypes.c_int(_LANDLOCK_RULE_PATH_BENEATH), rule, ctypes.c_uint32(0))
            finally:
                os.close(descriptor)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return None
        if libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return None
    finally:
        os.close(ruleset)
    return f"landlock (ABI {abi})"


# -- seccomp -----------------------------------------------------------------------------------

# System call numbers: (x86-64, AArch64). None: the call does not exist there.
_SYSCALLS = {
    "fork": (57, None), "vfork": (58, None), "execve": (59, 221), "execveat": (322, 281),
    "clone": (56, 220), "clone3": (435, 435), "socket": (41, 198), "connect": (42, 203),
    "bind": (49, 200), "listen": (50, 201), "sendto": (44, 206), "sendmsg": (46, 211),
    "sendmmsg": (307, 269), "kill": (62, 129), "tkill": (200, 130), "tgkill": (234, 131),
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271),
    "mount": (165, 40), "umount2": (166, 39), "pivot_root": (155, 41), "chroot": (161, 51),
    "unshare": (272, 97), "setns": (308, 268), "bpf": (321, 280), "perf_event_open": (298, 241),
    "keyctl": (250, 219), "add_key": (248, 217), "request_key": (249, 218),
    "io_uring_setup": (425, 425), "io_uring_enter": (426, 426), "io_uring_register": (427, 427),
    "userfaultfd": (323, 282), "kexec_load": (246, 104), "init_module": (175, 105),
    "finit_module": (313, 273), "delete_module": (176, 106), "reboot": (169, 142),
    "swapon": (167, 224), "swapoff": (168, 225), "acct": (163, 89),
}
_DENIED = ("fork", "vfork", "execve", "execveat", "connect", "bind", "listen", "sendmsg",
           "sendmmsg", "tkill", "ptrace", "process_vm_readv", "process_vm_writev", "mount",
           "umount2", "pivot_root", "chroot", "unshare", "setns", "bpf", "perf_event_open",
           "keyctl", "add_key", "request_key", "io_uring_setup", "io_uring_enter",
           "io_uring_register", "userfaultfd", "kexec_load", "init_module", "finit_module",
           "delete_module", "reboot", "swapon", "swapoff", "acct")
_ARCHES = {"x86_64": (0, 0xC000003E), "amd64": (0, 0xC000003E), "aarch64": (1, 0xC00000B7),
           "arm64": (1, 0xC00000B7)}

_BPF_LD_W_ABS, _BPF_JEQ_K, _BPF_JSET_K, _BPF_JGE_K, _BPF_RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
_RET_ALLOW, _RET_KILL_PROCESS, _RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000
_EPERM, _ENOSYS = 1, 38
_CLONE_THREAD = 0x00010000
_AF_INET, _AF_INET6 = 2, 10
_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2


def _seccomp_program(arch: str, pid: int) -> list[tuple[int, int, int, int]]:
    """The filter as classic BPF instructions (code, jump if true, jump if false, k), for the
    architecture `arch` and the process `pid`."""
    column, audit_arch = _ARCHES[arch]
    assembly: list[tuple] = []  # (code, k, label if true, label if false), or ("label", name)

    def op(code: int, k: int = 0, true: str | None = None, false: str | None = None) -> None:
        assembly.append((code, k, true, false))

    def label(name: str) -> None:
        assembly.append(("label", name))

    def number(name: str) -> int | None:
        return _SYSCALLS[name][column]

    op(_BPF_LD_W_ABS, 4)  # seccomp_data.arch: another ABI is another table of numbers
    op(_BPF_JEQ_K, audit_arch, false="kill")
    op(_BPF_LD_W_ABS, 0)  # seccomp_data.nr
    if column == 0:
        op(_BPF_JGE_K, 0x40000000, true="deny")  # the x32 ABI
    for name in _DENIED:
        if number(name) is not None:
            op(_BPF_JEQ_K, number(name), true="deny")
    op(_BPF_JEQ_K, number("clone3"), true="enosys")  # glibc falls back to clone, checked next
    # clone: threads only (CLONE_THREAD in the flags, the first argument).
    op(_BPF_JEQ_K, number("clone"), false="not-clone")
    op(_BPF_LD_W_ABS, 16)
    op(_BPF_JSET_K, _CLONE_THREAD, true="allow", false="deny")
    label("not-clone")
    # socket: IPv4 and IPv6 only, so that the audit hook can report the address the script
    # tried; connect, bind, listen and sendmsg are refused above, sendto to an address here.
    op(_BPF_JEQ_K, number("socket"), false="not-socket")
    op(_BPF_LD_W_ABS, 16)
    op(_BPF_JEQ_K, _AF_INET, true="allow")
    op(_BPF_JEQ_K, _AF_INET6, true="allow", false="deny")
    label("not-socket")
    op(_BPF_JEQ_K, number("sendto"), false="not-sendto")
    op(_BPF_LD_W_ABS, 16 + 8 * 4)  # the destination address, low and high words
    op(_BPF_JEQ_K, 0, false="deny")
    op(_BPF_LD_W_ABS, 16 + 8 * 4 + 4)
    op(_BPF_JEQ_K, 0, true="allow", false="deny")
    label("not-sendto")
    # kill and tgkill: this process itself (or its own process group, 0) only.
    for name in ("kill", "tgkill"):
        op(_BPF_JEQ_K, number(name), false=f"not-{name}")
        op(_BPF_LD_W_ABS, 16)
        op(_BPF_JEQ_K, pid & 0xFFFFFFFF, true="allow")
        op(_BPF_JEQ_K, 0, true="allow", false="deny")
        label(f"not-{name}")
    label("allow")
    op(_BPF_RET_K, _RET_ALLOW)
    label("deny")
    op(_BPF_RET_K, _RET_ERRNO | _EPERM)
    label("enosys")
    op(_BPF_RET_K, _RET_ERRNO | _ENOSYS)
    label("kill")
    op(_BPF_RET_K, _RET_KILL_PROCESS)

    positions: dict[str, int] = {}
    instructions: list[tuple] = []
    for item in assembly:
        if item[0] == "label":
            positions[item[1]] = len(instructions)
        else:
            instructions.append(item)
    program = []
    for index, (code, k, true, false) in enumerate(instructions):
        offsets = [positions[target] - index - 1 if target else 0 for target in (true, false)]
        if not all(0 <= offset <= 255 for offset in offsets):
            raise ValueError("a jump of the seccomp program is out of range")
        program.append((code, offsets[0], offsets[1], k))
    return program


def seccomp() -> str | None:
    """Install the filter; returns the layer's name when it holds, None where it is not
    available (another OS or architecture, or a kernel without seccomp)."""
    arch = platform.machine().lower()
    if not sys.platform.startswith("linux") or arch not in _ARCHES:
        return None
    try:
        program = _seccomp_program(arch, os.getpid())
    except ValueError:
        return None
    packed = b"".join(struct.pack("=HBBI", *instruction) for instruction in program)
    filters = ctypes.create_string_buffer(packed, len(packed))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(program), ctypes.cast(filters, ctypes.c_void_p))
    libc = _libc()
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return None
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return None
    return "seccomp"


# -- namespaces --------------------------------------------------------------------------------

_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


def network_namespace() -> str | None:
    """A user namespace (needed to make the others without privileges) and a network namespace
    of the process's own, where no interface is up. Must run while the process has one thread."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return None
    if _libc().unshare(_CLONE_NEWUSER | _CLONE_NEWNET) != 0:
        return None
    return "user+network namespace"


# -- audit hooks -------------------------------------------------------------------------------

_PROCESS_EVENTS = {
    "os.system": "run a program", "subprocess.Popen": "run a program", "os.exec": "run a program",
    "os.posix_spawn": "run a program", "os.spawn": "run a program", "os.startfile": "open a program",
    "os.fork": "start a new process", "os.forkpty": "start a new process",
    "webbrowser.open": "open a web browser",
}
_NETWORK_EVENTS = {
    "socket.connect": "connect to", "socket.bind": "listen on", "socket.sendto": "send to",
    "socket.sendmsg": "send to", "socket.getaddrinfo": "look up", "socket.gethostbyname": "look up",
    "socket.gethostbyname_ex": "look up", "socket.gethostbyaddr": "look up",
    "socket.getnameinfo": "look up", "urllib.Request": "open",
}
# Events whose arguments name files that are written (indices of those arguments).
_WRITE_EVENTS = {
    "os.remove": (0,), "os.rename": (0, 1), "os.rmdir": (0,), "os.mkdir": (0,), "os.chmod": (0,),
    "os.chown": (0,), "os.link": (0, 1), "os.symlink": (1,), "os.truncate": (0,),
    "os.utime": (0,), "os.chflags": (0,), "os.lchmod": (0,), "os.lchown": (0,), "os.lchflags": (0,),
    "os.setxattr": (0,), "os.removexattr": (0,), "shutil.rmtree": (0,), "shutil.copyfile": (1,),
    "shutil.copymode": (1,), "shutil.copystat": (1,), "shutil.copytree": (1,),
    "shutil.move": (0, 1), "shutil.chown": (0,), "shutil.make_archive": (0,),
    "shutil.unpack_archive": (1,), "os.mkfifo": (0,), "os.mknod": (0,),
}
_READ_EVENTS = {"os.listdir": (0,), "os.scandir": (0,)}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


class Attempts:
    """What the script tried that the sandbox refused, in its own words, each once."""

    LIMIT = 20

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if text not in self.items and len(self.items) < self.LIMIT:
            self.items.append(text)


def install_audit_hook(private: str, attempts: Attempts) -> None:
    private = os.path.realpath(private)
    readable = readable_roots(private)
    own_pid = os.getpid()
    busy = threading.local()

    def inside(path, roots) -> bool:
        try:
            real = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return True  # a descriptor or something that names no path
        return any(real == root or real.startswith(root.rstrip("/") + "/") for root in roots)

    def shown(path) -> str:
        try:
            return os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return repr(path)

    def refuse(what: str) -> None:
        attempts.add(what)
        raise PermissionError(f"nncheck --run: the sandbox refused: {what}")

    def hook(event: str, args: tuple) -> None:
        if getattr(busy, "active", False):
            return
        busy.active = True
        try:
            check(event, args)
        finally:
            busy.active = False

    def check(event: str, args: tuple) -> None:
        if event == "open":
            path, mode, flags = (tuple(args) + (None, None, None))[:3]
            if isinstance(path, int) or path is None:
                return
            writes = (isinstance(flags, int) and flags & _WRITE_FLAGS) or (
                isinstance(mode, str) and any(c in mode for c in "wax+"))
            if writes and not inside(path, [private, *WRITABLE_DEVICES]):
                refuse(f"write {shown(path)} (outside its private folder)")
            if not writes and not inside(path, readable):
                refuse(f"read {shown(path)} (outside its private folder and Python's libraries)")
        elif event in _READ_EVENTS:
            path = args[0] if args else "."
            if not isinstance(path, int) and not inside(path if path is not None else ".", readable):
                refuse(f"list {shown(path)} (outside its private folder and Python's libraries)")
        elif event in _WRITE_EVENTS:
            for index in _WRITE_EVENTS[event]:
                if index < len(args) and not isinstance(args[index], int) and args[index] is not None \
                        and not inside(args[index], [private]):
                    refuse(f"change {shown(args[index])} ({event}, outside its private folder)")
        elif event in _PROCESS_EVENTS:
            detail = _describe_command(event, args)
            refuse(f"{_PROCESS_EVENTS[event]}{detail}")
        elif event in _NETWORK_EVENTS:
            if event == "socket.getaddrinfo" and args and _numeric(args[0]):
                return  # no lookup: the connect that follows says where it was going
            refuse(f"{_NETWORK_EVENTS[event]} {_describe_address(event, args)} (no network)")
        elif event == "socket.__new__":
            return  # creating one is harmless; connecting, binding or sending is refused
        elif event in ("os.kill", "os.killpg"):
            target = args[0] if args else None
            if event == "os.kill" and target in (own_pid, 0):
                return
            refuse(f"send a signal to process {target}")

    sys.addaudithook(hook)


def _numeric(host) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(os.fsdecode(host) if isinstance(host, (str, bytes)) else host)
    except (TypeError, ValueError):
        return host in ("localhost", b"localhost")
    return True


def _describe_command(event: str, args: tuple) -> str:
    if event == "os.system" and args:
        return f" (os.system {os.fsdecode(args[0])!r})" if isinstance(args[0], (str, bytes)) else " (os.system)"
    if event == "subprocess.Popen" and len(args) > 1:
        command = args[1]
        if isinstance(command, (list, tuple)):
            command = " ".join(os.fsdecode(part) if isinstance(part, (str, bytes)) else str(part) for part in command)
        return f" (subprocess {str(command)!r})"
    if event in ("os.exec", "os.posix_spawn", "os.spawn") and args:
        path = args[1] if event == "os.spawn" and len(args) > 1 else args[0]
        return f" ({event} {os.fsdecode(path) if isinstance(path, (str, bytes)) else path!r})"
    return f" ({event})"


def _describe_address(event: str, args: tuple) -> str:
    if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg") and len(args) > 1:
        address = args[1]
        if isinstance(address, tuple) and len(address) >= 2:
            return f"{address[0]}:{address[1]}"
        return str(address)
    if event == "urllib.Request" and args:
        return str(args[0])
    if args:
        return str(args[0])
    return "the network"


def confine(private: str, attempts: Attempts) -> list[str]:
    """Apply every layer available, in the order that lets each be set up: namespaces (one
    thread), Landlock, seccomp (which forbids what the others need), then the audit hook.
    Returns the names of the layers that hold."""
    layers = []
    for layer in (network_namespace, lambda: landlock(private), seccomp):
        try:
            name = layer()
        except (OSError, AttributeError, ValueError):
            name = None
        if name:
            layers.append(name)
    install_audit_hook(private, attempts)
    layers.append("audit hooks")
    return layers
