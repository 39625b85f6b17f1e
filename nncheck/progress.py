"""One line on stderr that says how far a long run has got, as pre-commit and pytest do.

Shown only on a terminal and only once the run has taken longer than `DELAY` seconds, so that
the quick run of a pre-commit hook prints nothing extra and logs (CI, a pipe, a file) never see
it; it is rewritten in place (carriage return) and erased when the run ends, before the report.
"""
from __future__ import annotations

import sys
import time
from typing import IO, Callable

DELAY = 2.0
INTERVAL = 0.2  # at most five updates a second


class Progress:
    def __init__(self, total: int, stream: IO[str] | None = None, *,
                 clock: Callable[[], float] = time.monotonic, delay: float = DELAY) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.delay = delay
        self.done = 0
        self._shown = False
        self._last = 0.0
        self._width = 0

    @classmethod
    def on_terminal(cls, total: int, stream: IO[str] | None = None) -> "Progress":
        """A progress line on `stream` (stderr by default) if it is a terminal, else one that
        prints nothing."""
        stream = sys.stderr if stream is None else stream
        try:
            terminal = stream is not None and stream.isatty()
        except (AttributeError, ValueError):
            terminal = False
        return cls(total, stream if terminal else None)

    def advance(self, done: int | None = None) -> None:
        """`done` files are finished (None: one more than before); redraw if it is time."""
        self.done = self.done + 1 if done is None else done
        self.tick()

    def tick(self) -> None:
        if self.stream is None:
            return
        now = self.clock()
        if now - self.start < self.delay or (self._shown and now - self._last < INTERVAL):
            return
        self._last = now
        self._write(f"nncheck: checked {self.done}/{self.total} files ({now - self.start:.0f} s)")

    def close(self) -> None:
        if self.stream is not None and self._shown:
            self._write("")
            self._shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write("\r" + text.ljust(self._width) + ("\r" if not text else ""))
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None  # a closed terminal: the run goes on without the line
            return
        self._width = max(self._width, len(text))
        self._shown = bool(text)
