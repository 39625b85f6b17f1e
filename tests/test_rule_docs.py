"""Every rule is documented the same way, and README.md's rule table matches the rules."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from nncheck.diagnostics import rule_url
from nncheck.report.rules import docs_pages, markdown_table
from nncheck.rules import ALL_RULES, find_rule
from nncheck.rules.base import Rule

ROOT = Path(__file__).resolve().parent.parent
HEADINGS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
MIN_EXAMPLES = 3

rules = pytest.mark.parametrize("rule", ALL_RULES, ids=[rule.code for rule in ALL_RULES])


@rules
def test_identity(rule: type[Rule]) -> None:
    assert re.fullmatch(r"NN\d{3}", rule.code), rule.code
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name), f"{rule.code}: {rule.name!r} is not kebab-case"
    assert isinstance(rule.summary, str) and rule.summary.strip(), f"{rule.code} has no summary"
    assert rule.severity.value in ("error", "warning", "info")
    assert rule.fix_availability in ("none", "sometimes", "always")
    assert isinstance(rule.default, bool)
    assert find_rule(rule.code) is rule and find_rule(rule.name) is rule


@rules
def test_documentation_has_the_four_sections_in_order(rule: type[Rule]) -> None:
    doc = rule.documentation()
    positions = []
    for heading in HEADINGS:
        match = re.search(rf"^{re.escape(heading)}\s*$", doc, re.MULTILINE)
        assert match, f"{rule.code}'s documentation has no {heading!r} heading"
        positions.append(match.start())
        after = doc[match.end():].lstrip("\n")
        assert after and not after.startswith("## "), f"{rule.code}: {heading!r} is empty"
    assert positions == sorted(positions), f"{rule.code}: the sections are out of order"


@rules
def test_enough_examples(rule: type[Rule]) -> None:
    assert len(rule.VALID) >= MIN_EXAMPLES, f"{rule.code} has {len(rule.VALID)} VALID examples"
    assert len(rule.INVALID) >= MIN_EXAMPLES, f"{rule.code} has {len(rule.INVALID)} INVALID examples"
    sources = [example.source for example in (*rule.VALID, *rule.INVALID)]
    assert len(set(sources)) == len(sources), f"{rule.code} repeats an example"


def test_codes_and_names_are_unique() -> None:
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes), "duplicate codes"
    assert len(set(names)) == len(names), "duplicate names"
    assert codes == sorted(codes)


def test_readme_rule_table_matches_the_rules() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import rule_table
    finally:
        sys.path.pop(0)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rule_table.readme_table(readme) == markdown_table(), (
        "README.md's rule table is out of date: run `python scripts/rule_table.py --write`"
    )


def test_rule_table_script_prints_the_table() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "rule_table.py")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == markdown_table()
    assert done.stdout.startswith("| code | name | severity | default | fix | summary |\n")


def test_each_rule_has_a_current_page_and_findings_link_to_it() -> None:
    folder = ROOT / "docs" / "rules"
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    expected = docs_pages()
    stale = sorted(name for name in expected.keys() | on_disk.keys() if on_disk.get(name) != expected.get(name))
    assert not stale, f"docs/rules/ is out of date ({', '.join(stale)}): run `python scripts/rule_table.py --write`"
    assert not (ROOT / "docs" / "rules.md").exists()
    prefix = "https://github.com/nncheck/nncheck/blob/main/"
    for rule in ALL_RULES:
        url = rule_url(rule.code)
        assert url.startswith(prefix) and (ROOT / url[len(prefix):]).is_file()
        page = on_disk[f"{rule.code}.md"]
        assert page.startswith(f"# {rule.name} ({rule.code})\n")
        assert f"]({rule.code}.md)" in on_disk["README.md"]
