"""The subprocess side of `--run` and `--gradcheck`. Never imported by the checker itself.

    python child.py run SCRIPT RESULT.json PRIVATE
    python child.py gradcheck SCRIPT RESULT.json PRIVATE CONFIG.json

It imports nothing from nncheck (only the standard library, its sibling confine.py, and NumPy
for gradcheck). It confines itself to the private folder PRIVATE (confine.py) before anything of
the script runs, runs the script (a copy inside PRIVATE) as `__main__` with the script's folder
first on sys.path, and writes what happened to RESULT.json: "finished", "exit" (SystemExit) or
"raised" with the exception and the script's own frames, plus what the sandbox refused and which
of its layers held. The parent (sandboxed.py) starts it with a timeout, resource limits, no
stdin and the private copy of the script's folder as working directory.

gradcheck instruments the script's syntax tree before compiling it, at places the parent found
in the static model:

* the loop that performs the updates (`for ... in ITER`) iterates over `__nncheck_loop__(ITER)`,
  a generator that yields ITER's first item again and again: once for the real update, then
  once per perturbed parameter element;
* the error term (`y - out`) becomes `__nncheck_err__(y, out)`, which records both arrays and
  returns the difference, so each pass tells the output the script computed.

Before the first pass the generator snapshots every float array and float scalar reachable from
the loop's frame (locals, globals, and one or two levels of attributes, dicts and lists:
`self.W`, `params['W1']`, `layers[0].weights`, a bias `self.b = 0.0`) and NumPy's global random
state. After it, the difference of the parameters
the parent named is the script's update. Then, for up to MAX_ELEMENTS elements of each
parameter, it restores every array and the random state, perturbs the element by ±H and lets the
loop body run once more, reading the output at the error term: the loss of those outputs gives
the centred numerical gradient of the loss the script computes. Then it stops the script with
an exception of its own (a BaseException, which `except Exception:` in the script cannot catch).
"""
from __future__ import annotations

import ast
import json
import os
import sys
import traceback

MAX_ELEMENTS = 24
H = 1e-5


class _Done(BaseException):
    pass


def _frames(error: BaseException, script: str) -> list[dict]:
    found = []
    for frame, line in traceback.walk_tb(error.__traceback__):
        if os.path.abspath(frame.f_code.co_filename) == script:
            found.append({"line": line, "function": frame.f_code.co_name})
    return found


# ---------------------------------------------------------------------------------------------
# gradcheck
# ---------------------------------------------------------------------------------------------


def _instrument(tree: ast.Module, config: dict) -> tuple[ast.Module, list[str]]:
    problems = []
    loop_line = config["loop_line"]
    wanted_error = ast.dump(ast.parse(config["error_code"], mode="eval").body)
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For) and n.lineno == loop_line]
    if not loops:
        problems.append(f"no for loop at line {loop_line}")
    for loop in loops[:1]:
        loop.iter = ast.Call(ast.Name("__nncheck_loop__", ast.Load()), [loop.iter], [])
    errors = 0

    class _Errors(ast.NodeTransformer):
        def visit_BinOp(self, node):
            nonlocal errors
            self.generic_visit(node)
            if isinstance(node.op, ast.Sub) and node.lineno == config["error_line"] \
                    and ast.dump(node) == wanted_error:
                errors += 1
                return ast.Call(ast.Name("__nncheck_err__", ast.Load()),
                                [node.left, node.right], [])
            return node

    tree = _Errors().visit(tree)
    if not errors:
        problems.append(f"no error term `{config['error_code']}` at line {config['error_line']}")
    ast.fix_missing_locations(tree)
    return tree, problems


class _Probe:
    def __init__(self, config: dict) -> None:
        import numpy as np

        self.np = np
        self.config = config
        self.recorded = None
        self.labels_left = config["labels_left"]

    def error(self, left, right):
        if self.recorded is None:
            np = self.np
            labels, output = (left, right) if self.labels_left else (right, left)
            self.recorded = (np.array(output, dtype=float), np.array(labels, dtype=float))
        return left - right

    # -- reachable state -----------------------------------------------------------------------
    def _reach(self, frame) -> tuple[dict, dict]:
        """Float arrays (changed in place) and float scalars (rebound, so each has a setter)
        reachable from the loop's frame: path -> getter, path -> (getter, setter)."""
        np = self.np
        arrays: dict[str, object] = {}
        scalars: dict[str, tuple] = {}
        seen: set[int] = set()
        module_level = frame.f_globals is frame.f_locals

        def add(path, value, getter, setter, depth):
            if isinstance(value, np.ndarray):
                if value.dtype.kind == "f" and id(value) not in seen:
                    seen.add(id(value))
                    arrays[path] = getter
                return
            if isinstance(value, float) and setter is not None:
                scalars[path] = (getter, setter)
                return
            if depth >= 3 or id(value) in seen:
                return
            if isinstance(value, dict):
                seen.add(id(value))
                for key, item in list(value.items())[:200]:
                    if isinstance(key, (str, int)):
                        add(f"{path}[{key!r}]", item,
                            (lambda g, k: lambda: g()[k])(getter, key),
                            (lambda g, k: lambda v: g().__setitem__(k, v))(getter, key),
                            depth + 1)
            elif isinstance(value, (list, tuple)) and len(value) <= 200:
                seen.add(id(value))
                for index, item in enumerate(value):
                    add(f"{path}[{index}]", item,
                        (lambda g, i: lambda: g()[i])(getter, index),
                        (lambda g, i: lambda v: g().__setitem__(i, v))(getter, index)
                        if isinstance(value, list) else None,
                        depth + 1)
            elif hasattr(value, "__dict__") and not isinstance(value, type) and \
                    type(value).__module__ == "__main__":
                seen.add(id(value))
                for key, item in list(vars(value).items())[:200]:
                    add(f"{path}.{key}", item,
                        (lambda g, k: lambda: getattr(g(), k))(getter, key),
                        (lambda g, k: lambda v: setattr(g(), k, v))(getter, key),
                        depth + 1)

        for name, value in list(frame.f_locals.items()):
            add(name, value, (lambda n: lambda: frame.f_locals[n])(name),
                (lambda n: lambda v: frame.f_globals.__setitem__(n, v))(name)
                if module_level else None, 0)
        if not module_level:
            for name, value in list(frame.f_globals.items()):
                if not name.startswith("__"):
                    add(name, value, (lambda n: lambda: frame.f_globals[n])(name),
                        (lambda n: lambda v: frame.f_globals.__setitem__(n, v))(name), 0)
        return arrays, scalars

    def loop(self, iterable):
        np = self.np
        iterator = iter(iterable)
        try:
            first = next(iterator)
        except StopIteration:
            return
        frame = sys._getframe(1)
        arrays, scalars = self._reach(frame)
        before = {path: get().copy() for path, get in arrays.items()}
        before_scalars = {path: pair[0]() for path, pair in scalars.items()}
        random_state = np.random.get_state()
        self.recorded = None
        yield first  # the script's own update
        if self.recorded is None:
            raise _Done({"status": "no-error", "detail": "the error term was not reached in "
                                                           "one pass of the loop"})
        output0, labels = self.recorded

        def current(path):
            try:
                if path in arrays:
                    return arrays[path]()
                return scalars[path][0]()
            except (KeyError, IndexError, AttributeError, TypeError):
                return None

        def tail_of(path):
            tail = path.rsplit(".", 1)[-1]
            return tail.split("[")[-1].strip("]'\"") if tail.endswith("]") else tail

        names = self.config["params"]
        params = []
        for path in list(arrays) + list(scalars):
            value = current(path)
            if tail_of(path) not in names or value is None:
                continue
            if path in arrays and (not isinstance(value, np.ndarray)
                                   or value.shape != before[path].shape):
                continue
            if path in scalars and not isinstance(value, float):
                continue
            params.append(path)
        after = {path: np.array(current(path), dtype=float) for path in params}

        def restore():
            for path, saved in before.items():
                value = current(path)
                if isinstance(value, np.ndarray) and value.shape == saved.shape \
                        and value.dtype.kind == "f":
                    value[...] = saved
            for path, saved in before_scalars.items():
                try:
                    scalars[path][1](saved)
                except (KeyError, IndexError, AttributeError, TypeError):
                    pass
            np.random.set_state(random_state)

        def perturb(path, k, amount):
            if path in arrays:
                arrays[path]().flat[k] += amount
            else:
                scalars[path][1](before_scalars[path] + amount)

        def loss_of():
            if self.recorded is None:
                return float("nan")
            out, y = self.recorded
            with np.errstate(all="ignore"):
                if self.config["loss"] == "bce":
                    p = np.clip(out, 1e-12, 1 - 1e-12)
                    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
                if self.config["loss"] == "cce":
                    return float(-np.sum(y * np.log(np.clip(out, 1e-12, None))))
                return float(0.5 * np.sum((y - out) ** 2))

        rng = np.random.default_rng(0)
        report = []
        for path in params:
            start = np.array(before[path] if path in before else before_scalars[path],
                             dtype=float)
            delta = after[path] - start
            count = start.size
            chosen = np.arange(count) if count <= MAX_ELEMENTS else \
                np.sort(rng.choice(count, MAX_ELEMENTS, replace=False))
            grads = []
            for k in chosen:
                values = []
                for sign in (1.0, -1.0):
                    restore()
                    perturb(path, int(k), sign * H)
                    self.recorded = None
                    yield first
                    values.append(loss_of())
                grads.append((values[0] - values[1]) / (2 * H))
            report.append({
                "path": path,
                "shape": list(start.shape),
                "delta": delta.ravel()[chosen].tolist(),
                "grad": grads,
                "sampled": int(len(chosen)),
                "size": int(count),
            })
        restore()
        raise _Done({"status": "checked", "params": report,
                     "output_shape": list(output0.shape)})


def _load_confine():
    # Loaded from this file's folder under a name of its own: the script's folder comes first on
    # sys.path later, and a `confine.py` of the user's must stay theirs.
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_nncheck_confine", os.path.join(os.path.dirname(os.path.abspath(__file__)), "confine.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    mode, script, result_path, private = argv[1], os.path.abspath(argv[2]), argv[3], argv[4]
    # Everything the child needs from outside its private folder is opened before it confines
    # itself: the result file, the gradcheck configuration, the script, this file's helpers.
    output = open(result_path, "w", encoding="utf-8")
    dumps = json.dumps
    config = {}
    if mode == "gradcheck":
        with open(argv[5], encoding="utf-8") as handle:
            config = json.load(handle)
    try:
        with open(script, "rb") as handle:
            source = handle.read()  # bytes: compile() reads its coding line, as Python does
    except OSError as error:
        output.write(dumps({"status": "unreadable", "detail": str(error)}))
        output.close()
        return 0
    confine = _load_confine()
    attempts = confine.Attempts()
    layers = confine.confine(private, attempts)
    sys.argv = [script]
    sys.path[0] = os.path.dirname(script)
    namespace = {"__name__": "__main__", "__file__": script, "__builtins__": __builtins__}
    result: dict = {"status": "finished"}
    try:
        if mode == "gradcheck":
            tree, problems = _instrument(ast.parse(source, script), config)
            if problems:
                result = {"status": "not-instrumented", "detail": "; ".join(problems)}
                raise _Done(result)
            probe = _Probe(config)
            namespace["__nncheck_loop__"] = probe.loop
            namespace["__nncheck_err__"] = probe.error
            code = compile(tree, script, "exec", dont_inherit=True)
        else:
            code = compile(source, script, "exec", dont_inherit=True)
        exec(code, namespace)  # noqa: S102 - this whole process exists to run the script
        if mode == "gradcheck":
            result = {"status": "no-loop", "detail": "the script finished without entering "
                                                     "the training loop"}
    except _Done as done:
        result = done.args[0]
    except SystemExit as error:
        result = {"status": "exit", "code": error.code if isinstance(error.code, int) else 1}
    except BaseException as error:  # noqa: BLE001 - whatever the script raised is the result
        result = {
            "status": "raised",
            "type": type(error).__name__,
            "message": str(error).splitlines()[0] if str(error) else "",
            "frames": _frames(error, script),
        }
    result["blocked"] = list(attempts.items)
    result["layers"] = layers
    output.write(dumps(result))
    output.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
