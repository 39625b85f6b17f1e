"""Supervised worker processes: the hard backstop behind each file's budget.

The budget's watchdog (nncheck.budget) stops the model between two bytecodes; it cannot stop a
long call into native code, nor a process that crashes. So the command line checks its files in
forked worker processes that this module supervises: a worker that spends more than the hard
time limit on one file, or grows past the hard memory limit, is killed and replaced, and the file
gets a note instead of findings; a worker that dies (a crash in native code, the kernel's
out-of-memory killer) costs only the file it was checking. Workers are forked, so they inherit
everything the parent has loaded and configured, and they die with the parent (Linux).
"""
from __future__ import annotations

import collections
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Failure:
    """Why a worker gave no result for an item: "time" or "memory" (killed past the hard limit,
    `amount` the limit), or "died" (`detail` says how)."""

    kind: str
    detail: str
    amount: float = 0.0


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def supervised_map(
    function: Callable[[Any], Any],
    items: Sequence[Any],
    *,
    workers: int,
    seconds: float,
    memory: int | None,
    recycle: int | None = None,
    failed: Callable[[Any, Failure], Any],
    progress: Callable[[int], None] | None = None,
) -> list[Any]:
    """`[function(item) for item in items]`, computed in up to `workers` forked processes, each
    item within `seconds` of wall time and with the worker's resident memory under `memory`
    bytes (None: no limit); an item whose worker was killed or died gives `failed(item,
    failure)`. A worker left holding more than `recycle` bytes after an item is replaced (memory
    a process once took is rarely given back). `progress(done)` is called at least every
    POLL_SECONDS with the number of items finished. Raises OSError when no process can be started."""
    context = multiprocessing.get_context("fork")
    results: list[Any] = [None] * len(items)
    pending = collections.deque(range(len(items)))
    pool: list[_Worker] = []
    done = 0
    try:
        while pending or any(worker.index is not None for worker in pool):
            if progress is not None:
                progress(done)
            for worker in pool:
                if worker.index is None and pending:
                    worker.assign(pending.popleft(), items)
            while pending and len(pool) < workers:
                worker = _Worker(context, function)
                pool.append(worker)
                worker.assign(pending.popleft(), items)
            busy = [worker for worker in pool if worker.index is not None]
            ready = multiprocessing.connection.wait([worker.connection for worker in busy], POLL_SECONDS)
            for worker in busy:
                if worker.connection in ready:
                    try:
                        index, result = worker.connection.recv()
                    except (EOFError, OSError):
                        results[worker.index] = failed(items[worker.index], Failure("died", worker.exit_reason()))
                        pool.remove(worker)
                        done += 1
                        continue
                    if isinstance(result, _Raised):
                        result = failed(items[index], Failure("died", f"internal error: {result.detail}"))
                    results[index] = result
                    done += 1
                    worker.index = None
                    if recycle is not None and worker.memory() > recycle:
                        worker.retire()
                        pool.remove(worker)
                    continue
                failure = None
                if time.monotonic() - worker.started > seconds:
                    failure = Failure("time", "killed", seconds)
                elif memory is not None and worker.memory() > memory:
                    failure = Failure("memory", "killed", memory)
                if failure is not None:
                    done += 1
                    results[worker.index] = failed(items[worker.index], failure)
                    worker.kill()
                    pool.remove(worker)
    finally:
        for worker in pool:
            if worker.index is None:
                worker.retire()
            else:
                worker.kill()
    return results


class _Worker:
    def __init__(self, context, function: Callable[[Any], Any]) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(target=_serve, args=(child_end, function), daemon=True)
        self.process.start()
        child_end.close()
        self.connection = parent_end
        self.index: int | None = None
        self.started = 0.0

    def assign(self, index: int, items: Sequence[Any]) -> None:
        self.index = index
        self.started = time.monotonic()
        self.connection.send((index, items[index]))

    def memory(self) -> int:
        try:
            with open(f"/proc/{self.process.pid}/statm", "rb") as stream:
                return int(stream.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return 0  # not Linux: the worker's own watchdog is the only memory limit

    def exit_reason(self) -> str:
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            killer = " (the system's out-of-memory killer?)" if -code == signal.SIGKILL else ""
            return f"the process checking it was ended by {name}{killer}"
        return f"the process checking it ended unexpectedly (exit status {code})"

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()

    def retire(self) -> None:
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(1)
        if self.process.is_alive():
            self.kill()
        else:
            self.connection.close()


try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE = 4096


def _serve(connection, function: Callable[[Any], Any]) -> None:
    _die_with_parent()
    # A crash is reported by the parent in one line, not as faulthandler's dump on stderr.
    import faulthandler

    faulthandler.disable()
    # Ctrl-C reaches the whole process group: the parent handles it and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            result = function(item)
        except BaseException as error:  # noqa: BLE001 - said as one line by the parent, no traceback
            result = _Raised(f"{type(error).__name__}: {error}")
        connection.send((index, result))


@dataclass(frozen=True)
class _Raised:
    detail: str


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
