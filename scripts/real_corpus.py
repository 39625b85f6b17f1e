"""The real precision corpus: correct, public, from-scratch NumPy networks, and mutants of them.

tests/real_corpus/manifest.toml lists the files (repository, commit, path, styles, a note);
tests/real_corpus/mutations.toml lists single catalogue mistakes to inject into them. The
third-party code itself never enters this repository: it is read from local git mirrors and
written to a cache folder outside the repository.

    python scripts/real_corpus.py                 # materialise: copy the files into the cache
    python scripts/real_corpus.py mutate          # write every mutant into the cache
    python scripts/real_corpus.py check           # validate both tables (no mirrors needed)
    python scripts/real_corpus.py status          # which files are present, which are missing

Mirrors: $NNCHECK_MIRRORS (default /work/.mirror) holds one folder per repository,
`<owner>+<name>/repo`, which is a bare git directory or a checkout with `.git` inside.
Cache: $NNCHECK_REAL_CORPUS (default ~/.cache/nncheck/real-corpus), with
`files/<owner>+<name>/<path>` for the originals and `mutants/<mutant id>/<file name>`.

Exit status: 0 when everything asked for was written, 1 when some files or mutants could not be
(missing mirror, unknown commit, old text not on its line), 2 for a malformed table.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "real_corpus" / "manifest.toml"
MUTATIONS = ROOT / "tests" / "real_corpus" / "mutations.toml"
DEFAULT_MIRRORS = Path("/work/.mirror")
DEFAULT_CACHE = Path("~/.cache/nncheck/real-corpus")

# The catalogue's codes (/work/shared/rules.md). NN900 (syntax error) is the checker's own.
CATALOGUE = frozenset(
    [f"NN{n}" for n in range(101, 110)]
    + [f"NN{n}" for n in range(201, 215)]
    + [f"NN{n}" for n in range(301, 310)]
    + [f"NN{n}" for n in range(401, 406)]
    + [f"NN{n}" for n in range(501, 505)]
    + ["NN900"]
)
KINDS = frozenset(["correct", "buggy"])
STYLES = frozenset(
    [
        "functional", "script", "dict-loop", "list-zip", "class-mlp", "oo-layers",
        "activation-objects", "columns", "minibatch", "cs231n-loss", "notebook-export",
        "notebook",
    ]
)
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class TableError(Exception):
    """A manifest or mutation table that does not follow its format."""


@dataclass(frozen=True)
class CorpusFile:
    """One file of the precision corpus, as the manifest records it."""

    id: str
    repo: str
    commit: str
    path: str
    style: tuple[str, ...]
    kind: str
    note: str
    # Codes of off-by-default (info) rules that truly apply to this correct file, by the
    # catalogue's definitions: a checker that reports them is right, not noisy.
    info: tuple[str, ...] = ()
    # Codes whose findings here are arguable either way: counted neither as right nor as false.
    debatable: tuple[str, ...] = ()
    # kind "buggy": the catalogue mistakes this real file really contains.
    expect: tuple[str, ...] = ()
    python: int = 3

    @property
    def notebook(self) -> bool:
        return self.path.endswith(".ipynb")

    @property
    def scored(self) -> bool:
        """Python 2 files cannot be parsed as Python 3; everything else is scored."""
        return self.python == 3

    @property
    def mirror_name(self) -> str:
        return self.repo.replace("/", "+")

    def checked_text(self, cache: Path) -> str:
        """The text nncheck checks: the file, or for a notebook its code cells as one program,
        read the way `nncheck file.ipynb` reads them."""
        raw = self.cache_path(cache).read_text(encoding="utf-8")
        if not self.notebook:
            return raw
        from nncheck.notebook import read_notebook  # late: the tables need no nncheck

        return read_notebook(raw, self.path).program

    def cache_path(self, cache: Path) -> Path:
        return cache / "files" / self.mirror_name / self.path


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` on one line (1-based) of the original file. `new` may hold
    newlines (to insert lines) or be empty (the line becomes blank)."""

    line: int
    old: str
    new: str


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str
    expect: str
    note: str
    edits: tuple[Edit, ...]
    # Codes that the same single mistake necessarily also is, by the catalogue's definitions:
    # a checker must report them as well.
    also: tuple[str, ...] = ()
    why: str = ""
    # Codes that follow from the mistake further on (a wrong shape reaching later products or
    # updates): reporting them is right, leaving them out is fine.
    tolerate: tuple[str, ...] = ()

    @property
    def line(self) -> int:
        return self.edits[0].line

    def cache_path(self, cache: Path, file: CorpusFile) -> Path:
        return cache / "mutants" / self.id / Path(file.path).name


def mirrors_root() -> Path:
    return Path(os.environ.get("NNCHECK_MIRRORS", str(DEFAULT_MIRRORS))).expanduser()


def cache_root() -> Path:
    return Path(os.environ.get("NNCHECK_REAL_CORPUS", str(DEFAULT_CACHE))).expanduser()


def _strings(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TableError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _required(table: dict, key: str, where: str, kind: type = str):
    if key not in table:
        raise TableError(f"{where}: {key!r} is missing")
    value = table[key]
    if not isinstance(value, kind):
        raise TableError(f"{where}: {key!r} must be a {kind.__name__}")
    return value


def _codes(codes: tuple[str, ...], where: str) -> tuple[str, ...]:
    unknown = [c for c in codes if c not in CATALOGUE]
    if unknown:
        raise TableError(f"{where}: unknown code(s) {', '.join(unknown)}")
    return codes


def load_manifest(path: Path = MANIFEST) -> list[CorpusFile]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    files = []
    seen: set[str] = set()
    for index, row in enumerate(data.get("file", []), 1):
        where = f"{path.name} file #{index}"
        file_id = _required(row, "id", where)
        where = f"{path.name} file {file_id!r}"
        if not _ID.match(file_id) or file_id in seen:
            raise TableError(f"{where}: ids are unique, lowercase letters, digits and '-'")
        seen.add(file_id)
        commit = _required(row, "commit", where)
        if not _COMMIT.match(commit):
            raise TableError(f"{where}: commit must be 40 lowercase hex digits")
        repo = _required(row, "repo", where)
        if repo.count("/") != 1:
            raise TableError(f"{where}: repo must be 'owner/name'")
        style = _strings(row, "style", where)
        if not style or any(s not in STYLES for s in style):
            raise TableError(f"{where}: style must be one or more of {sorted(STYLES)}")
        kind = _required(row, "kind", where)
        if kind not in KINDS:
            raise TableError(f"{where}: kind must be one of {sorted(KINDS)}")
        expect = _codes(_strings(row, "expect", where), where)
        if (kind == "buggy") != bool(expect):
            raise TableError(f"{where}: 'expect' lists codes for kind 'buggy' and only then")
        info = _codes(_strings(row, "info", where), where)
        debatable = _codes(_strings(row, "debatable", where), where)
        if (info or debatable) and not row.get("why"):
            raise TableError(f"{where}: 'info' and 'debatable' need a 'why'")
        python = row.get("python", 3)
        if python not in (2, 3):
            raise TableError(f"{where}: python must be 2 or 3")
        files.append(
            CorpusFile(
                id=file_id,
                repo=repo,
                commit=commit,
                path=_required(row, "path", where),
                style=style,
                kind=kind,
                note=_required(row, "note", where),
                info=info,
                debatable=debatable,
                expect=expect,
                python=python,
            )
        )
    return files


def load_mutations(files: list[CorpusFile], path: Path = MUTATIONS) -> list[Mutant]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_id = {f.id: f for f in files}
    mutants = []
    seen: set[str] = set()
    for index, row in enumerate(data.get("mutant", []), 1):
        where = f"{path.name} mutant #{index}"
        mutant_id = _required(row, "id", where)
        where = f"{path.name} mutant {mutant_id!r}"
        if not _ID.match(mutant_id) or mutant_id in seen:
            raise TableError(f"{where}: ids are unique, lowercase letters, digits and '-'")
        seen.add(mutant_id)
        file_id = _required(row, "file", where)
        if file_id not in by_id:
            raise TableError(f"{where}: no file {file_id!r} in the manifest")
        target = by_id[file_id]
        if not target.scored or target.kind != "correct":
            raise TableError(f"{where}: mutants are made from correct, scored Python 3 files")
        expect = _required(row, "expect", where)
        _codes((expect,), where)
        also = _codes(_strings(row, "also", where), where)
        if also and not row.get("why"):
            raise TableError(f"{where}: 'also' needs a 'why'")
        tolerate = _codes(_strings(row, "tolerate", where), where)
        if tolerate and not row.get("tolerate_why"):
            raise TableError(f"{where}: 'tolerate' needs a 'tolerate_why'")
        edits = [Edit(_required(row, "line", where, int), _required(row, "old", where),
                      _required(row, "new", where))]
        for extra in row.get("edit", []):
            edits.append(
                Edit(_required(extra, "line", where, int), _required(extra, "old", where),
                     _required(extra, "new", where))
            )
        lines = [e.line for e in edits]
        if len(set(lines)) != len(lines) or min(lines) < 1:
            raise TableError(f"{where}: one edit per line, lines from 1")
        if any(not e.old for e in edits):
            raise TableError(f"{where}: 'old' must be non-empty text found on the line")
        mutants.append(
            Mutant(
                id=mutant_id,
                file=file_id,
                expect=expect,
                note=_required(row, "note", where),
                edits=tuple(edits),
                also=also,
                why=row.get("why", ""),
                tolerate=tolerate,
            )
        )
    return mutants


def git_dir(repo: str, mirrors: Path | None = None) -> Path | None:
    """The git directory of a repository's mirror, or None when the mirror is absent."""
    base = (mirrors or mirrors_root()) / repo.replace("/", "+") / "repo"
    for candidate in (base / ".git", base):
        if (candidate / "HEAD").is_file() and (candidate / "objects").is_dir():
            return candidate
    return None


class Unavailable(Exception):
    """A corpus file that cannot be read from the mirrors (the reason is the message)."""


def read_original(file: CorpusFile, mirrors: Path | None = None) -> bytes:
    directory = git_dir(file.repo, mirrors)
    if directory is None:
        raise Unavailable(f"no mirror of {file.repo} under {mirrors or mirrors_root()}")
    result = subprocess.run(
        ["git", "--git-dir", str(directory), "show", f"{file.commit}:{file.path}"],
        capture_output=True,
    )
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Unavailable(f"{file.repo}@{file.commit[:10]}:{file.path}: "
                          f"{reason[-1] if reason else 'git show failed'}")
    return result.stdout


def materialise(files: list[CorpusFile], cache: Path, mirrors: Path | None = None,
                ) -> tuple[list[CorpusFile], dict[str, str]]:
    """Write each file into the cache (skipping those already there). Returns the files now
    present and, for the others, why they are missing."""
    present, missing = [], {}
    for file in files:
        target = file.cache_path(cache)
        if not target.is_file():
            try:
                content = read_original(file, mirrors)
            except Unavailable as reason:
                missing[file.id] = str(reason)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(target.name + ".part")
            temporary.write_bytes(content)
            temporary.replace(target)
        present.append(file)
    return present, missing


class EditRefused(Exception):
    """A mutation row whose old text is not on the line it names."""


def apply_edits(text: str, edits: tuple[Edit, ...]) -> str:
    """The text with every edit applied. Edits name lines of the original text, so they are
    applied from the bottom up; each must find its old text on its line."""
    lines = text.splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: e.line, reverse=True):
        if edit.line > len(lines):
            raise EditRefused(f"line {edit.line} is past the end ({len(lines)} lines)")
        line = lines[edit.line - 1]
        if line.count(edit.old) != 1:
            found = "not found" if edit.old not in line else "found more than once"
            raise EditRefused(
                f"line {edit.line}: {edit.old!r} {found} in {line.rstrip()!r}"
            )
        lines[edit.line - 1] = line.replace(edit.old, edit.new)
    return "".join(lines)


def mutated_lines(mutant: Mutant) -> set[int]:
    """The lines of the mutant file that its edits wrote (edits may insert lines)."""
    written: set[int] = set()
    shift = 0
    for edit in sorted(mutant.edits, key=lambda e: e.line):
        added = edit.new.count("\n")
        written.update(range(edit.line + shift, edit.line + shift + added + 1))
        shift += added
    return written


def write_mutants(files: list[CorpusFile], mutants: list[Mutant], cache: Path,
                  ) -> tuple[list[Mutant], dict[str, str]]:
    """Write each mutant next to the cache's originals. Returns the mutants written and, for
    the others, why not (original missing, or an edit refused)."""
    by_id = {f.id: f for f in files}
    written, refused = [], {}
    for mutant in mutants:
        file = by_id[mutant.file]
        original = file.cache_path(cache)
        if not original.is_file():
            refused[mutant.id] = f"original {file.id} is not materialised"
            continue
        try:
            text = apply_edits(original.read_text(encoding="utf-8"), mutant.edits)
        except EditRefused as reason:
            refused[mutant.id] = f"{file.id}: {reason}"
            continue
        target = mutant.cache_path(cache, file)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(mutant)
    return written, refused


def _report_missing(missing: dict[str, str]) -> None:
    for file_id, reason in sorted(missing.items()):
        print(f"  missing {file_id}: {reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="materialise",
                        choices=["materialise", "mutate", "check", "status"])
    parser.add_argument("--only", action="append", default=[],
                        help="a file or mutant id (repeatable)")
    args = parser.parse_args(argv)
    try:
        files = load_manifest()
        mutants = load_mutations(files)
    except (TableError, tomllib.TOMLDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.only:
        wanted = set(args.only)
        chosen = {m.file for m in mutants if m.id in wanted}
        files = [f for f in files if f.id in wanted or f.id in chosen]
        mutants = [m for m in mutants if m.id in wanted or m.file in wanted]
    cache = cache_root()

    if args.command == "check":
        repos = {f.repo for f in files}
        print(f"manifest: {len(files)} files from {len(repos)} repositories "
              f"({sum(f.scored for f in files)} scored); mutations: {len(mutants)}")
        return 0
    if args.command == "status":
        present = [f for f in files if f.cache_path(cache).is_file()]
        absent = [f for f in files if f not in present]
        print(f"cache {cache}: {len(present)} of {len(files)} files present")
        for file in absent:
            reason = "mirror present" if git_dir(file.repo) else "no mirror"
            print(f"  absent {file.id} ({file.repo}: {reason})")
        return 0 if not absent else 1

    present, missing = materialise(files, cache)
    print(f"materialised {len(present)} of {len(files)} files into {cache / 'files'}")
    _report_missing(missing)
    if args.command == "materialise":
        return 0 if not missing else 1

    written, refused = write_mutants(files, mutants, cache)
    print(f"wrote {len(written)} of {len(mutants)} mutants into {cache / 'mutants'}")
    for mutant_id, reason in sorted(refused.items()):
        print(f"  refused {mutant_id}: {reason}")
    return 0 if not (missing or refused) else 1


if __name__ == "__main__":
    sys.exit(main())
