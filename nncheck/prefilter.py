"""The pre-filter: files that cannot hold a NumPy network skip libcst and the model.

Most of a large tree is not a neural network (setup scripts, utilities, tests of other things),
and for those the parse with libcst and the model are nearly all of nncheck's time. The facts
used here are read from the text alone, with one regular expression, and are deliberately
coarse, because a file wrongly skipped loses its findings silently:

- the model knows arrays only through NumPy, reached by the names `numpy` or `np` (an import
  such as `import numpy as N` or `from numpy import dot` still names `numpy`); a file in which
  neither word appears anywhere, code, strings or comments, has no array the model can see;
- the one rule that reads plain Python (NN501, a method called without `self.`) needs a class,
  so a file with a `class` statement is kept whatever it imports.

tests/test_prefilter.py checks, on every fixture, both corpora and every rule's examples, that
a file this lets through has no finding when it is checked in full.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"\bnumpy\b|\bnp\b|^[ \t]*class\b", re.MULTILINE)


def cannot_hold_network(text: str) -> bool:
    """True when no rule that reads the network model can find anything in `text`."""
    return _KEEP.search(text) is None
