"""config.py: finding and validating [tool.nncheck], and settling the rule set in layers."""
from __future__ import annotations

from pathlib import Path

import pytest

from nncheck.config import (
    Config,
    ConfigError,
    Overrides,
    Resolver,
    find_config_file,
    load_config,
    settle_rules,
    split_selectors,
)
from nncheck.rules import UnknownRuleError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(rules) -> list[str]:
    return [rule.code for rule in rules]


def test_nearest_pyproject_with_a_tool_nncheck_table_wins(tmp_path: Path) -> None:
    outer = write(tmp_path / "pyproject.toml", "[tool.nncheck]\nignore = ['NN900']\n")
    # A pyproject.toml without [tool.nncheck] is passed over, as Ruff passes over one without
    # [tool.ruff]; one that only mentions nncheck elsewhere is passed over too.
    write(tmp_path / "app" / "pyproject.toml", "[project]\nname = 'app'\ndescription = 'uses nncheck'\n")
    inner = write(tmp_path / "app" / "lib" / "pyproject.toml", "[tool.nncheck]\nselect = ['ALL']\n")
    (tmp_path / "app" / "lib" / "sub").mkdir()
    assert find_config_file(tmp_path / "app") == outer
    assert find_config_file(tmp_path / "app" / "lib") == inner
    assert find_config_file(tmp_path / "app" / "lib" / "sub") == inner


def test_load_reads_every_key(tmp_path: Path) -> None:
    path = write(
        tmp_path / "pyproject.toml",
        """
[project]
name = "x"

[tool.nncheck]
select = ["NN9"]
extend-select = ["syntax-error"]
ignore = ["NN900"]
exclude = ["legacy/**"]

[tool.nncheck.per-file-ignores]
"tests/**" = ["NN9"]
""",
    )
    config = load_config(path)
    assert config == Config(
        root=tmp_path,
        source=path,
        select=("NN9",),
        extend_select=("syntax-error",),
        ignore=("NN900",),
        exclude=("legacy/**",),
        per_file_ignores=(("tests/**", ("NN9",)),),
    )


def test_a_toml_file_other_than_pyproject_holds_the_keys_at_top_level(tmp_path: Path) -> None:
    path = write(tmp_path / "nncheck.toml", "ignore = ['NN900']\n")
    assert load_config(path).ignore == ("NN900",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.nncheck\nselect = 1\n", "invalid TOML"),
        ("[tool.nncheck]\nselct = ['NN9']\n", "unknown option 'selct' in [tool.nncheck]"),
        ("[tool.nncheck]\nselect = 'NN9'\n", "select in [tool.nncheck] must be a list of strings"),
        ("[tool.nncheck]\nignore = [1]\n", "ignore in [tool.nncheck] must be a list of strings"),
        ("[tool.nncheck]\nselect = ['NN999']\n", "select in [tool.nncheck]: unknown rule selector 'NN999'"),
        ("[tool.nncheck]\nper-file-ignores = ['x']\n", "per-file-ignores in [tool.nncheck] must be a table"),
        ("[tool.nncheck.per-file-ignores]\n'a.py' = 'NN9'\n", "per-file-ignores 'a.py' in [tool.nncheck] must be a list"),
        ("[tool.nncheck.per-file-ignores]\n'a.py' = ['XX1']\n", "unknown rule selector 'XX1'"),
        ("[tool]\nnncheck = 3\n", "[tool.nncheck] must be a table"),
        ("[project]\nname = 'x'\n", "no [tool.nncheck] table"),
    ],
)
def test_malformed_config_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert message in str(raised.value)
    assert str(raised.value).startswith(str(path) + ": ")
    assert "\n" not in str(raised.value)


def test_missing_or_non_utf8_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_bytes(b"ignore = ['\xff']\n")
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        load_config(tmp_path / "bad.toml")


def test_broken_pyproject_that_configures_nncheck_is_reported_during_discovery(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.nncheck]\nselect = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config_file(tmp_path)


def test_broken_pyproject_of_someone_else_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.black\n")
    assert find_config_file(tmp_path) != tmp_path / "pyproject.toml"


# -- the rule set ------------------------------------------------------------------------------


def test_settle_rules_layers_like_ruff(flagme) -> None:
    config = Config(root=Path("."), select=("NN998",), ignore=("NN900",))
    # no flags: the config alone
    assert codes(settle_rules(config, Overrides())) == ["NN998"]
    # --extend-select adds to the config's selection, even a rule the config ignores: the
    # command line is the later layer
    assert codes(settle_rules(config, Overrides(extend_select=("NN9",)))) == ["NN900", "NN998"]
    # --ignore adds to the config's ignores
    assert codes(settle_rules(config, Overrides(ignore=("NN998",)))) == []
    # --select starts afresh: the config's select and ignore no longer apply
    assert codes(settle_rules(config, Overrides(select=("NN900",)))) == ["NN900"]
    assert codes(settle_rules(config, Overrides(select=("NN9",), ignore=("NN998",)))) == ["NN900"]
    assert "NN998" not in codes(settle_rules(config, Overrides(select=("ALL",), ignore=("NN998",))))


def test_default_selection_without_config(flagme) -> None:
    rules = settle_rules(Config(root=Path(".")), Overrides())
    assert "NN900" in codes(rules) and "NN998" in codes(rules)


def test_unknown_command_line_selector_raises() -> None:
    with pytest.raises(UnknownRuleError, match="NN999"):
        settle_rules(Config(root=Path(".")), Overrides(ignore=("NN999",)))
    with pytest.raises(UnknownRuleError):
        Resolver(Overrides(select=("bogus-name",)))


def test_split_selectors() -> None:
    assert split_selectors(["NN1,NN302", " NN5 ", "", "a , b"]) == ("NN1", "NN302", "NN5", "a", "b")
    assert split_selectors(None) is None


# -- per folder, per file ---------------------------------------------------------------------


def test_resolver_uses_the_nearest_config_for_each_file(tmp_path: Path, flagme) -> None:
    write(tmp_path / "pyproject.toml", "[tool.nncheck]\nselect = ['NN998']\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.nncheck]\nselect = ['NN900']\n")
    resolver = Resolver(cwd=tmp_path)
    top = resolver.settings_for(tmp_path)
    sub = resolver.settings_for(tmp_path / "sub" / "deeper")
    assert codes(top.rules) == ["NN998"]
    assert codes(sub.rules) == ["NN900"]
    assert sub.config.root == tmp_path / "sub"
    assert resolver.settings_for(tmp_path / "sub") is sub  # cached


def test_per_file_ignores_and_excludes_are_relative_to_the_config(tmp_path: Path, flagme) -> None:
    write(
        tmp_path / "pyproject.toml",
        """[tool.nncheck]
select = ["NN9"]
extend-select = ["NN998"]
exclude = ["legacy", "gen_*.py"]
[tool.nncheck.per-file-ignores]
"tests/**" = ["NN998"]
"conftest.py" = ["ALL"]
""",
    )
    resolver = Resolver(cwd=tmp_path / "elsewhere")
    settings = resolver.settings_for(tmp_path / "tests")
    assert codes(settings.rules_for(tmp_path / "train.py")) == ["NN900", "NN998"]
    assert codes(settings.rules_for(tmp_path / "tests" / "unit" / "test_x.py")) == ["NN900"]
    assert codes(settings.rules_for(tmp_path / "src" / "conftest.py")) == []
    assert resolver.is_excluded(tmp_path / "src" / "legacy")
    assert resolver.is_excluded(tmp_path / "gen_layers.py")
    assert not resolver.is_excluded(tmp_path / "layers.py")
    assert resolver.is_excluded(tmp_path / "src" / "__pycache__")  # the built-in excludes too


def test_config_file_option_and_isolated(tmp_path: Path, flagme) -> None:
    write(tmp_path / "pyproject.toml", "[tool.nncheck]\nselect = ['NN998']\n")
    other = write(tmp_path / "ci" / "strict.toml", "select = ['NN9']\nignore = ['NN998']\n")
    assert codes(Resolver(config_file=other).settings_for(tmp_path).rules) == ["NN900"]
    # patterns in a --config file are relative to the working folder, as in Ruff
    write(other, "exclude = ['src/gen']\n")
    resolver = Resolver(config_file=other, cwd=tmp_path)
    assert resolver.is_excluded(tmp_path / "src" / "gen")
    assert resolver.project_root(tmp_path / "src" / "gen" / "x.py") == tmp_path
    isolated = Resolver(isolated=True, cwd=tmp_path).settings_for(tmp_path)
    assert "NN900" in codes(isolated.rules) and isolated.config.source is None
