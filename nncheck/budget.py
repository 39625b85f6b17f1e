"""Per-file budgets: how much time, memory and model work checking one file may take.

Time is the CPU time of the thread that checks the file, so that what a file gets does not
depend on how busy the machine is. The engine creates one `Budget` per file from the run's `Limits` and hands it to the network
model (`NetworkModel.build(..., budget=budget)`). The model may count its work with
`budget.step()` and look at the clock with `budget.check()`; both raise `BudgetExceeded` once a
limit is passed, and the model may raise `BudgetExceeded("what it skipped and why")` itself.

Whatever the model does, the engine also runs model building and the rules under `guard(budget)`:
a watchdog thread that raises `BudgetExceeded` in the checking thread as soon as the file's time
or its memory growth passes the limit, in code that never calls `check()`. The exception is
raised asynchronously (CPython's PyThreadState_SetAsyncExc), so it lands between two bytecodes,
wherever they are: in a finalizer it is dropped by Python (so the watchdog fires again until the
block ends), and inside some C code it surfaces as another exception (so once the budget has run
out, the engine takes any exception for its consequence). It cannot stop one long call into
native code (libcst's parser, one NumPy operation): that is why the parse stage bounds its input
first (nncheck.model.parse) and why the command line also checks files in worker processes that
it kills past a hard wall-time limit (nncheck.workers).

`BudgetExceeded` derives from BaseException, as KeyboardInterrupt does, so that the model's and
the rules' `except Exception:` handlers do not swallow it.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The budget of every file of a run."""

    # CPU time for parsing, the network model and the rules that read it, per file. CPU time,
    # not wall time: a file's findings must not depend on how busy the machine is (the wall-time
    # backstop is `hard_seconds`).
    seconds: float = 5.0
    # Units of model work (the model decides what one step is: an expression evaluated, a
    # fixpoint iteration, ...).
    steps: int = 5_000_000
    # Growth of this process's resident memory while the model and rules run, per file.
    memory: int = 400 * MiB
    # What libcst and the model may take on, in tokens' worth of parse work (see
    # nncheck.model.parse.parse_cost): a hand-written network is a few thousand.
    parse_cost: int = 100_000
    # Characters of source: a file larger than this is not even tokenized (a hand-written
    # network is a few KiB); Python's syntax check still runs, in pieces, within `seconds`.
    parse_bytes: int = 2 * MiB
    # The command line's backstop: a worker process still on one file after this many seconds
    # of wall time is killed (None: 4 x `seconds` + 20 s, room for a busy machine).
    hard_seconds: float | None = None


DEFAULT_LIMITS = Limits()


class BudgetExceeded(BaseException):
    """A file's budget ran out. `reason` says what ran out, in words for the user ("more than 5 s
    of CPU time"); `kind` is one of "time", "memory", "steps", "depth", "size"."""

    def __init__(self, reason: str = "", kind: str = "time") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind


class Budget:
    """One file's budget: its limits and what has been used of them."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, clock: Callable[[], float] | None = None) -> None:
        self.limits = limits
        self._clock = clock or _cpu_clock_of_this_thread()
        self.started = self._clock()
        self.deadline = self.started + limits.seconds
        self.steps = 0
        # What is running (for the note): "the network model", "rule NN305", ...
        self.stage = "the network model"
        # Set when the budget ran out (by step/check, or by the watchdog).
        self.exceeded: BudgetExceeded | None = None

    @property
    def elapsed(self) -> float:
        return self._clock() - self.started

    def remaining(self) -> float:
        return self.deadline - self._clock()

    def step(self, count: int = 1) -> None:
        """Count `count` units of model work; raise BudgetExceeded past the step limit (and,
        every few thousand steps, past the time limit)."""
        before = self.steps
        self.steps += count
        if self.steps > self.limits.steps:
            self.exceed("steps", f"more than {self.limits.steps:,} steps of model work")
        if (before ^ self.steps) >> 12:
            self.check()

    def check(self) -> None:
        """Raise BudgetExceeded if the time is up."""
        if self._clock() > self.deadline:
            self.exceed("time", f"more than {self.limits.seconds:g} s of CPU time")

    def exceed(self, kind: str, reason: str) -> None:
        self.exceeded = BudgetExceeded(reason, kind)
        raise self.exceeded


# -- the watchdog ------------------------------------------------------------------------------


def resident_memory() -> int | None:
    """This process's resident memory in bytes, or None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:
        return None
    # Elsewhere only the peak is known (kilobytes on Linux, bytes on macOS); growth of the peak
    # is still growth.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


try:
    _PAGE = os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE = 4096


def _async_raiser() -> Callable[[int, type | None], int] | None:
    try:
        import ctypes

        set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
    except (ImportError, AttributeError):  # not CPython
        return None
    set_async.argtypes = (ctypes.c_ulong, ctypes.py_object)
    set_async.restype = ctypes.c_int

    def raise_in(thread_id: int, exception: type | None) -> int:
        # None clears an exception that was set but not raised yet.
        return set_async(thread_id, exception if exception is not None else ctypes.py_object())

    return raise_in


_RAISE_IN = _async_raiser()


class _Watchdog(threading.Thread):
    # After the first shot, fire again this often while the block still runs: an exception that
    # lands in a finalizer (__del__) or a gc callback is printed and dropped by Python.
    REFIRE_SECONDS = 0.25

    def __init__(self, budget: Budget, thread_id: int, interval: float) -> None:
        super().__init__(name="nncheck-budget", daemon=True)
        self.budget = budget
        self.thread_id = thread_id
        self.interval = interval
        self.base_memory = resident_memory()
        # Cleared by the checking thread, first thing, when its block ends (one attribute store:
        # no exception can land between the block's end and it).
        self.active = True
        self.lock = threading.Lock()
        self.fired = 0.0

    def run(self) -> None:
        limits = self.budget.limits
        while self.active:
            time.sleep(self.interval)
            if self.fired:
                if time.monotonic() - self.fired >= self.REFIRE_SECONDS:
                    self._fire(None, "")
                continue
            if self.budget.remaining() < 0:
                self._fire("time", f"more than {limits.seconds:g} s of CPU time")
            elif self.base_memory is not None and limits.memory:
                current = resident_memory()
                if current is not None and current - self.base_memory > limits.memory:
                    self._fire("memory", f"more than {limits.memory // MiB} MiB of memory")

    def _fire(self, kind: str | None, reason: str) -> None:
        with self.lock:
            if not self.active:
                return
            if kind is not None:
                # The exception raised in the checking thread is a bare class (the C API takes
                # no arguments): the budget keeps what ran out.
                self.budget.exceeded = BudgetExceeded(reason, kind)
            self.fired = time.monotonic()
            _RAISE_IN(self.thread_id, BudgetExceeded)

    def stop(self) -> None:
        self.active = False
        with self.lock:  # a shot being fired is fired; then no other
            if self.fired:
                _RAISE_IN(self.thread_id, None)  # set but not raised yet: it never will be


@contextmanager
def guard(budget: Budget) -> Iterator[None]:
    """Run the block under the budget's time and memory limits: BudgetExceeded is raised in
    this thread when either runs out (see the module's docstring for what it cannot stop)."""
    if _RAISE_IN is None:
        yield
        return
    interval = min(0.05, max(budget.limits.seconds / 20, 0.005))
    watchdog = _Watchdog(budget, threading.get_ident(), interval)
    watchdog.start()
    try:
        yield
    finally:
        watchdog.active = False
        watchdog.stop()


def exceeded_reason(budget: Budget, raised: BudgetExceeded) -> BudgetExceeded:
    """The BudgetExceeded that says why: the one raised with a reason, or, for the bare one the
    watchdog raises, the one it recorded on the budget."""
    if raised.reason:
        return raised
    return budget.exceeded or BudgetExceeded(f"more than {budget.limits.seconds:g} s of CPU time", "time")


def _cpu_clock_of_this_thread() -> Callable[[], float]:
    """A clock of the CPU time of the calling thread, readable from any thread (the watchdog
    reads it); the process's CPU time where threads have no clock of their own."""
    try:
        clock_id = time.pthread_getcpuclockid(threading.get_ident())
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.process_time
    return lambda: time.clock_gettime(clock_id)
