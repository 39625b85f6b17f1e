"""NetworkModel: parse tree + positions + the facts the rules read (filled in by the model modules)."""
from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from nncheck.diagnostics import Position


class NetworkModel:
    def __init__(self, wrapper: MetadataWrapper, path: str, source: str) -> None:
        self.wrapper = wrapper
        self.module: cst.Module = wrapper.module
        self.path = path
        self.source = source
        self._positions = wrapper.resolve(PositionProvider)

    @classmethod
    def build(cls, wrapper: MetadataWrapper, path: str, source: str) -> "NetworkModel":
        return cls(wrapper, path, source)

    def span(self, node: cst.CSTNode) -> tuple[Position, Position]:
        code_range = self._positions[node]
        return (
            Position(code_range.start.line, code_range.start.column + 1),
            Position(code_range.end.line, code_range.end.column + 1),
        )
