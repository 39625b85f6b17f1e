"""Plain-text rendering for the probe: sparklines and compact numbers, no colour."""
from __future__ import annotations

import math
from typing import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
NAN_MARK = "×"
POS_INF_MARK = "↑"
NEG_INF_MARK = "↓"


def _sample(values: Sequence[float], width: int) -> list[float]:
    """At most `width` values: the first and the last exactly, and between them the mean of
    each of `width - 2` equal runs of epochs, so an oscillating loss is not aliased into a
    random pattern. A run holding a NaN or an infinity shows that value."""
    n = len(values)
    if n <= width:
        return list(values)
    if width <= 2:
        return [values[0], values[-1]][-width:]
    middle = values[1:-1]
    buckets = width - 2
    sampled = [values[0]]
    for k in range(buckets):
        run = middle[k * len(middle) // buckets:(k + 1) * len(middle) // buckets]
        bad = [v for v in run if not math.isfinite(v)]
        sampled.append(bad[0] if bad else math.fsum(run) / len(run))
    sampled.append(values[-1])
    return sampled


def sparkline(values: Sequence[float], width: int = 40, log: bool | None = None) -> str:
    """One character per value (long series are summarised, see _sample), low ▁ to high █.

    NaN shows as ×, +inf as ↑ and -inf as ↓. log=None picks a log scale when every finite value
    is positive and they span more than two orders of magnitude (a loss that falls from 1 to
    0.0001 is then still readable). A flat series is drawn at mid height.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    sampled = [float(v) for v in _sample(list(values), width)]
    finite = [v for v in sampled if math.isfinite(v)]
    if log is None:
        log = bool(finite) and min(finite) > 0 and max(finite) / min(finite) > 100
    if log and finite and min(finite) <= 0:
        log = False

    def scale(v: float) -> float:
        return math.log10(v) if log else v

    if finite:
        lo = min(scale(v) for v in finite)
        hi = max(scale(v) for v in finite)
    chars = []
    for v in sampled:
        if math.isnan(v):
            chars.append(NAN_MARK)
        elif math.isinf(v):
            chars.append(POS_INF_MARK if v > 0 else NEG_INF_MARK)
        elif hi == lo:
            chars.append(BLOCKS[len(BLOCKS) // 2 - 1])
        else:
            level = (scale(v) - lo) / (hi - lo)
            chars.append(BLOCKS[round(level * (len(BLOCKS) - 1))])
    return "".join(chars)


def number(value: float | None, digits: int = 4) -> str:
    """A short, stable rendering: 4 significant digits, 'nan'/'inf' spelled out."""
    if value is None:
        return "n/a"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{digits}g}"


def percent(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    if 0.995 <= value < 1.0:
        return "99%"  # 199 of 200 right is not "100%"
    return f"{100 * value:.0f}%"
