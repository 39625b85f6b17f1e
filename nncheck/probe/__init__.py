"""The runtime probe: a reference NumPy network that can train "as written" (network.py), the
`--demo` that trains a network as written and as corrected (demo.py), the recovery of a user's
network from the static model without running it (recover.py, with the restricted evaluator
evaluate.py), the loss plot (plot.py), text rendering (render.py), and `--run` / `--gradcheck`,
which run the user's script in a subprocess (sandboxed.py, child.py). Importing this package
loads nothing heavy; `demo` loads the rules when it runs."""
