"""The network model: the facts about a NumPy network that every rule reads, built once per file."""
from nncheck.model.network import NetworkModel

__all__ = ["NetworkModel"]
