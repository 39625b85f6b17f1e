"""nncheck: finds the mistakes in neural networks written by hand in NumPy."""
from nncheck.diagnostics import Diagnostic, Fix, Severity
from nncheck.engine import check_source, check_text

__version__ = "0.1.0"

__all__ = ["Diagnostic", "Fix", "Severity", "check_source", "check_text", "__version__"]
