"""Configuration: `[tool.nncheck]` from pyproject.toml, merged with the command-line flags.

Found as Ruff finds its own: for each checked file, the nearest `pyproject.toml` above it that
has a `[tool.nncheck]` table (a pyproject.toml without one is passed over). `--config PATH`
names the file for the whole run instead (its patterns are then relative to the working
folder, as in Ruff), and `--isolated` reads none.

```toml
[tool.nncheck]
select = ["NN1", "NN302"]        # default: every rule that is on by default
extend-select = ["NN105"]        # added to select
ignore = ["NN401"]               # removed
exclude = ["legacy/", "*_generated.py"]   # added to the built-in folder excludes
respect-gitignore = true         # skip what git ignores when walking folders (the default)
cache = true                     # reuse results of unchanged files (.nncheck_cache/; the default)
[tool.nncheck.per-file-ignores]
"tests/**" = ["NN5"]
```

The rule set is settled in layers, as Ruff's is: first the config file, then the command line.
A layer that has a `select` starts afresh from it; otherwise it adds its `extend-select` to the
layer below and removes its `ignore`. So `--select` replaces the config's selection and
`--ignore` adds to the config's ignores.

Patterns (`exclude`, `per-file-ignores`) are git's, relative to the config file's folder
(nncheck/patterns.py); one git would not accept stops the run with a line that names it.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

from nncheck.discover import is_default_excluded
from nncheck.patterns import PatternError, matches_any, path_matches, validate
from nncheck.rules import Rule, UnknownRuleError, select_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
SECTION = ("tool", "nncheck")
KEYS = ("select", "extend-select", "ignore", "exclude", "per-file-ignores", "respect-gitignore", "cache")


class ConfigError(Exception):
    """A configuration that cannot be used: one line that names the file and the problem."""


@dataclass(frozen=True)
class Config:
    """One configuration file's settings. `root` is the folder its patterns are relative to."""

    root: Path
    source: Path | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    respect_gitignore: bool | None = None  # None: not set here (the default is to respect it)
    cache: bool | None = None  # None: not set here (the results cache is on by default)


@dataclass(frozen=True)
class Overrides:
    """The command line's share of the rule selection (None/empty: the flag was not given)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def split_selectors(values: Sequence[str] | None) -> tuple[str, ...] | None:
    """`--select NN1,NN302 --select NN5` → ("NN1", "NN302", "NN5"); None stays None."""
    if values is None:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


# -- reading files -----------------------------------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` (a folder) with a [tool.nncheck] table."""
    for folder in (start, *start.parents):
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_section(candidate):
            return candidate
    return None


def _has_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "nncheck" not in text:
        return False  # cheap: most pyproject.toml files on the way up are not ours
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # Somebody meant to configure nncheck here: say what is wrong rather than ignore it.
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    return _section(data) is not None


def _section(data: Mapping[str, Any]) -> Any:
    table: Any = data
    for key in SECTION:
        if not isinstance(table, Mapping) or key not in table:
            return None
        table = table[key]
    return table


def load_config(path: Path) -> Config:
    """Read a config file: a pyproject.toml (its [tool.nncheck] table) or any other TOML file
    whose top level holds the same keys (like ruff.toml)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a config file") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == PYPROJECT:
        table = _section(data)
        if table is None:
            raise ConfigError(f"{path}: no [tool.nncheck] table")
        where = "[tool.nncheck]"
    else:
        table = _section(data)
        where = "[tool.nncheck]"
        if table is None:
            table, where = data, "the top level"
    if not isinstance(table, Mapping):
        raise ConfigError(f"{path}: [tool.nncheck] must be a table")
    return parse_table(table, path, where)


def parse_table(table: Mapping[str, Any], source: Path, where: str = "[tool.nncheck]") -> Config:
    """Validate one table. Every problem is a ConfigError that names the file and the key."""
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(
            f"{source}: unknown option {unknown[0]!r} in {where} (known: {', '.join(KEYS)})"
        )

    def strings(key: str) -> tuple[str, ...] | None:
        if key not in table:
            return None
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{source}: {key} in {where} must be a list of strings")
        return tuple(value)

    def rules(key: str) -> tuple[str, ...] | None:
        value = strings(key)
        _check_selectors(value or (), source, f"{key} in {where}")
        return value

    def patterns(key: str) -> tuple[str, ...] | None:
        value = strings(key)
        try:
            validate(value or ())
        except PatternError as error:
            raise ConfigError(f"{source}: {key} in {where}: {error}") from None
        return value

    respect = table.get("respect-gitignore")
    if respect is not None and not isinstance(respect, bool):
        raise ConfigError(f"{source}: respect-gitignore in {where} must be true or false")

    cache = table.get("cache")
    if cache is not None and not isinstance(cache, bool):
        raise ConfigError(f"{source}: cache in {where} must be true or false")

    per_file: list[tuple[str, tuple[str, ...]]] = []
    raw = table.get("per-file-ignores", {})
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{source}: per-file-ignores in {where} must be a table of glob = [codes]")
    for pattern, codes in raw.items():
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ConfigError(
                f"{source}: per-file-ignores {pattern!r} in {where} must be a list of codes"
            )
        _check_selectors(codes, source, f"per-file-ignores {pattern!r} in {where}")
        try:
            validate([pattern])
        except PatternError as error:
            raise ConfigError(f"{source}: per-file-ignores in {where}: {error}") from None
        per_file.append((pattern, tuple(codes)))

    return Config(
        root=source.parent,
        source=source,
        select=rules("select"),
        extend_select=rules("extend-select") or (),
        ignore=rules("ignore") or (),
        exclude=patterns("exclude") or (),
        per_file_ignores=tuple(per_file),
        respect_gitignore=respect,
        cache=cache,
    )


def _check_selectors(selectors: Sequence[str], source: Path, where: str) -> None:
    try:
        select_rules(selectors)
    except UnknownRuleError as error:
        raise ConfigError(f"{source}: {where}: {error}") from None


# -- settling the settings for one file --------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What applies to the files under one config: the active rules and the path patterns."""

    config: Config
    rules: tuple[type[Rule], ...]

    def rules_for(self, path: Path) -> tuple[type[Rule], ...]:
        """The active rules minus the file's per-file-ignores."""
        ignored: set[str] = set()
        for pattern, codes in self.config.per_file_ignores:
            if path_matches(pattern, path, self.config.root):
                ignored.update(rule.code for rule in select_rules(codes))
        if not ignored:
            return self.rules
        return tuple(rule for rule in self.rules if rule.code not in ignored)

    def is_excluded(self, path: Path) -> bool:
        return matches_any(self.config.exclude, path, self.config.root)


def settle_rules(config: Config, overrides: Overrides) -> tuple[type[Rule], ...]:
    """The config layer, then the command-line layer (see the module docstring).

    Raises UnknownRuleError for a command-line selector that matches no rule.
    """
    rules = select_rules(config.select, config.ignore, config.extend_select)
    if overrides.select is not None:
        rules = select_rules(overrides.select, overrides.ignore, overrides.extend_select)
    elif overrides.ignore or overrides.extend_select:
        rules = select_rules([rule.code for rule in rules], overrides.ignore, overrides.extend_select)
    return tuple(rules)


class Resolver:
    """Finds and caches the settings for each folder of a run."""

    def __init__(
        self,
        overrides: Overrides = Overrides(),
        *,
        config_file: Path | None = None,
        isolated: bool = False,
        cwd: Path | None = None,
    ) -> None:
        self.overrides = overrides
        self.isolated = isolated
        self.cwd = cwd or Path.cwd()
        self._fixed: Settings | None = None
        self._by_file: dict[Path | None, Settings] = {}
        self._file_for_folder: dict[Path, Path | None] = {}
        if config_file is not None:
            # As Ruff: patterns in a file named by --config are relative to the working folder.
            self._fixed = self._settings(replace(load_config(config_file), root=self.cwd))
        elif isolated:
            self._fixed = self._settings(Config(root=self.cwd))
        else:
            # Check the command-line selectors once, before any file is read.
            settle_rules(Config(root=self.cwd), overrides)

    def settings_for(self, folder: Path) -> Settings:
        """The settings for files in `folder` (an absolute path)."""
        if self._fixed is not None:
            return self._fixed
        source = self._config_file(folder)
        if source not in self._by_file:
            config = load_config(source) if source else Config(root=self.cwd)
            self._by_file[source] = self._settings(config)
        return self._by_file[source]

    def project_root(self, path: Path) -> Path:
        """The folder that config patterns (and --force-exclude's parent walk) stop at."""
        settings = self.settings_for(path.parent)
        return settings.config.root if settings.config.source else self.cwd

    def is_excluded(self, path: Path) -> bool:
        if is_default_excluded(path):
            return True
        return self.settings_for(path.parent).is_excluded(path)

    def _config_file(self, folder: Path) -> Path | None:
        if folder in self._file_for_folder:
            return self._file_for_folder[folder]
        candidate = folder / PYPROJECT
        if candidate.is_file() and _has_section(candidate):
            found: Path | None = candidate
        elif folder.parent == folder:
            found = None
        else:
            found = self._config_file(folder.parent)
        self._file_for_folder[folder] = found
        return found

    def _settings(self, config: Config) -> Settings:
        return Settings(config=config, rules=settle_rules(config, self.overrides))
