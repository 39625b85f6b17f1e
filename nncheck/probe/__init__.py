"""The runtime probe: a reference NumPy network that can train "as written" (network.py), the
`--demo` that trains a network as written and as corrected (demo.py), and text rendering
(render.py). Importing this package loads nothing heavy; `demo` loads the rules when it runs."""
