"""nncheck: finds the mistakes in neural networks written by hand in NumPy."""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

__all__ = ["Diagnostic", "Fix", "Severity", "check_source", "check_text", "__version__"]

if TYPE_CHECKING:
    from nncheck.diagnostics import Diagnostic, Fix, Severity
    from nncheck.engine import check_source, check_text

# The library's names are imported on first use (PEP 562): `import nncheck.cli` for
# `nncheck --version` must not load the engine, the rules, libcst and NumPy.
_LAZY = {
    "Diagnostic": "nncheck.diagnostics",
    "Fix": "nncheck.diagnostics",
    "Severity": "nncheck.diagnostics",
    "check_source": "nncheck.engine",
    "check_text": "nncheck.engine",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'nncheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
